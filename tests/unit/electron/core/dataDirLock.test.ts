import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimDataDir, DataDirInUseError, PID_FILE } from '../../../../electron/core/dataDirLock.ts';
import { startDevice } from '../../../../electron/core/device/device.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const HOLDER = join(import.meta.dirname, '..', '..', '..', 'helpers', 'dataDirHolder.ts');

/** Another process that owns `dir` until it is killed or its stdin ends. */
function holdInAnotherProcess(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [HOLDER, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('claimed')) resolve(child);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}: ${output}`)));
  });
}

const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));

function refusal(dir: string): DataDirInUseError {
  try {
    claimDataDir(dir).release();
  } catch (error) {
    if (error instanceof DataDirInUseError) return error;
    throw error;
  }
  throw new Error('the claim was not refused');
}

describe('data directory lock', () => {
  it('one process at a time: the second is refused with the owner\'s pid; a SIGKILLed owner leaves it free', async () => {
    const dir = tempDir();
    const holder = await holdInAnotherProcess(dir);
    try {
      const refused = refusal(dir);
      expect(refused.ownerPid).toBe(holder.pid);
      expect(refused.message).toContain(`pid ${holder.pid}`);
      expect(refused.message).toContain(dir);
    } finally {
      holder.kill('SIGKILL');
      await exited(holder);
    }
    // No clean-up ran in the killed process: the OS dropped its lock; its pid file is a leftover.
    expect(readFileSync(join(dir, PID_FILE), 'utf8').trim()).toBe(String(holder.pid));
    const claim = claimDataDir(dir);
    expect(readFileSync(join(dir, PID_FILE), 'utf8').trim()).toBe(String(process.pid));
    claim.release();
    expect(existsSync(join(dir, PID_FILE))).toBe(false);
  });

  it('a pid file naming a process that is gone is not given as the owner', async () => {
    const dir = tempDir();
    const holder = await holdInAnotherProcess(dir);
    try {
      writeFileSync(join(dir, PID_FILE), '999999999\n');
      const refused = refusal(dir);
      expect(refused.ownerPid).toBeNull();
      expect(refused.message).toContain('pid is unknown');
    } finally {
      holder.stdin?.end();
      await exited(holder);
    }
  });

  it('claims nest inside one process, and the directory is free again after the last release', async () => {
    const dir = tempDir();
    const outer = claimDataDir(dir);
    const inner = claimDataDir(dir);
    inner.release();
    inner.release(); // twice is once
    const stillOurs = holdInAnotherProcess(dir);
    await expect(stillOurs).rejects.toThrow(/in use by another okno \(pid \d+\)/);
    outer.release();
    const holder = await holdInAnotherProcess(dir);
    holder.stdin?.end();
    await exited(holder);
  });

  it('a directory that cannot hold a lock at all is not refused: the journal reports it (storage unavailable)', async () => {
    const notADirectory = join(tempDir(), 'not-a-directory');
    writeFileSync(notADirectory, '');
    const claim = claimDataDir(notADirectory);
    expect(claim.owned).toBe(false);
    expect(claim.problem).toMatch(/EEXIST|ENOTDIR/);
    claim.release();
    const host = await startDevice({ dataDir: notADirectory });
    try {
      expect(host.running()?.store.health().available).toBe(false);
    } finally {
      await host.close();
    }
  });

  it('the device host (okno serve, okno demo, the Electron shell) does not start on a directory another process owns', async () => {
    const dir = tempDir();
    const holder = await holdInAnotherProcess(dir);
    try {
      await expect(startDevice({ dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
      // Nothing was written beside the owner's files: no log, no journal.
      expect(existsSync(join(dir, 'okno.db'))).toBe(false);
      expect(existsSync(join(dir, 'logs'))).toBe(false);
    } finally {
      holder.stdin?.end();
      await exited(holder);
    }
    const host = await startDevice({ dataDir: dir });
    await host.close();
    // Closed, it gives the directory back.
    const after = await holdInAnotherProcess(dir);
    after.stdin?.end();
    await exited(after);
  });
});
