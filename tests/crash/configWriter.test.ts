import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installConfig } from '../../electron/core/config/installConfig.ts';
import { parseConfig } from '../../electron/core/config/loadConfig.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { numberedConfig } from './configWriterConfigs.ts';

const tempDir = useTempDirs();
const KILLS = 30;
const MIN_KILLS = 20;
const BUDGET_MS = 40_000;

/**
 * Starts configWriter.ts at `start`, SIGKILLs it `ms` after it is ready, and resolves with the
 * indexes it acknowledged — on 'close', so every line it wrote before dying has been read.
 */
function writeThenKill(target: string, start: number, ms: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'configWriter.ts'), target, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: number[] = [];
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      let newline: number;
      while ((newline = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, newline);
        stdout = stdout.slice(newline + 1);
        if (line === 'ready' && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), ms);
        else if (line.startsWith('ok ')) acknowledged.push(Number(line.slice(3)));
        else if (line) stderr += `stdout: ${line}\n`;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (exit = { code, signal }));
    child.on('close', () => {
      clearTimeout(guard);
      if (killTimer) clearTimeout(killTimer);
      if (exit?.signal !== 'SIGKILL') reject(new Error(`configWriter.ts ended by itself (code ${exit?.code}): ${stderr}`));
      else resolve(acknowledged);
    });
  });
}

/** Which numbered config a file holds, checked whole: it must be JSON, a valid config, and equal one written. */
function indexOf(path: string, candidates: readonly number[], what: string): number {
  const text = readFileSync(path, 'utf8');
  expect(text.length, `${what} is empty`).toBeGreaterThan(0);
  const json = JSON.parse(text) as unknown;
  expect(() => parseConfig(json, path), `${what} is a valid config`).not.toThrow();
  const index = candidates.find((candidate) => JSON.stringify(json) === JSON.stringify(numberedConfig(candidate)));
  expect(index, `${what} holds one of the configs ${candidates.join(' / ')}, whole`).toBeDefined();
  return index as number;
}

describe('config writes and SIGKILL', () => {
  it(`after up to ${KILLS} kills at random moments of a write loop, the config is always the old one or the new one, whole`, async () => {
    const dir = tempDir();
    const target = join(dir, 'etc', 'config.json');
    installConfig(target, numberedConfig(0));
    let current = 0;
    let seed = 20261207;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const started = Date.now();
    let kills = 0;
    let writes = 0;
    let unacknowledgedSeen = 0;

    while (kills < KILLS && Date.now() - started < BUDGET_MS) {
      const start = current + 1;
      const acknowledged = await writeThenKill(target, start, Math.floor(random() * 120));
      kills += 1;
      writes += acknowledged.length;
      acknowledged.forEach((index, n) => expect(index, 'acknowledged in order').toBe(start + n));
      const last = acknowledged.at(-1) ?? current;
      // The write after the last acknowledged one may have been renamed into place before the kill.
      const index = indexOf(target, [last, last + 1], `the config after kill ${kills}`);
      if (index !== last) unacknowledgedSeen += 1;
      if (index > 0) {
        // The backup is the config before it (or, killed between the two renames, the same one).
        expect(existsSync(`${target}.bak`)).toBe(true);
        indexOf(`${target}.bak`, [index - 1, index], `the backup after kill ${kills}`);
      }
      const strays = readdirSync(join(dir, 'etc')).filter((name) => !['config.json', 'config.json.bak'].includes(name) && !/^config\.json(\.bak)?\.\d+\.[0-9a-f]{8}\.tmp$/.test(name));
      expect(strays, 'only the config, its backup and temporary files of killed writes').toEqual([]);
      current = index;
    }

    // The test only means something if the writer was killed many times, mid-stream.
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(writes).toBeGreaterThan(kills * 3);
    expect(current).toBeGreaterThan(kills);
    console.log(`config crash test: ${kills} kills, ${writes} acknowledged writes, ${unacknowledgedSeen} times the unacknowledged write was already in place`);
  });
});
