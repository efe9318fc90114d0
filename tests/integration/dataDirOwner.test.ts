import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_DATA_DIR_IN_USE } from '../../electron/core/dataDirLock.ts';
import { runOkno, startServe, type ServeProcess } from '../helpers/okno.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * Issue #11 item 5: two `okno serve` on one data directory both started, then failed each other's
 * ticket transactions and both uploaded the same batches. The directory has one owner.
 */

const tempDir = useTempDirs();

const killed = (serve: ServeProcess): Promise<unknown> =>
  new Promise((resolve) => {
    if (serve.child.exitCode !== null || serve.child.signalCode !== null) return resolve(null);
    serve.child.once('exit', resolve);
    serve.child.kill('SIGKILL');
  });

describe('one okno per data directory', () => {
  it('a second okno serve exits non-zero naming the first one\'s pid; after the first is SIGKILLed a new one starts', async () => {
    const dataDir = join(tempDir(), 'data');
    const first = await startServe(['--data-dir', dataDir]);
    try {
      const second = runOkno(['serve', '--port', '0', '--data-dir', dataDir]);
      expect(second.status).toBe(EXIT_DATA_DIR_IN_USE);
      expect(second.stderr).toContain(`in use by another okno (pid ${first.child.pid})`);
      expect(second.stdout).not.toMatch(/serving/);

      // Readers stay lock-free: doctor reads the journal while the owner runs.
      const doctor = runOkno(['doctor', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(doctor.stdout)).toMatchObject({ events: { byType: { 'device.started': 1 } } });
    } finally {
      await killed(first);
    }
    // SIGKILL ran no clean-up: the OS released the lock with the process.
    const third = await startServe(['--data-dir', dataDir]);
    expect(third.output()).not.toContain('in use');
    expect(await third.stop()).toBe(0);
  });

  it('okno demo refuses a data directory a running okno owns, before touching it', async () => {
    const base = tempDir();
    const serve = await startServe(['--data-dir', join(base, 'demo')]);
    try {
      const demo = runOkno(['demo', '--no-open'], { OKNO_DATA_DIR: base });
      expect(demo.status).toBe(EXIT_DATA_DIR_IN_USE);
      expect(demo.stderr).toContain(`in use by another okno (pid ${serve.child.pid})`);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
