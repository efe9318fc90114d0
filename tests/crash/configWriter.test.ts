import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installConfig } from '../../electron/core/config/installConfig.ts';
import { parseConfig } from '../../electron/core/config/loadConfig.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { numberedConfig } from './configWriterConfigs.ts';
import { runThenKill } from './runThenKill.ts';

const tempDir = useTempDirs();
const KILLS = 30;
const MIN_KILLS = 20;
const BUDGET_MS = 40_000;

/** The indexes configWriter.ts acknowledged before it was SIGKILLed `ms` after its `writes`-th acknowledged write. */
const writeThenKill = async (target: string, start: number, writes: number, ms: number): Promise<number[]> =>
  (await runThenKill('configWriter.ts', [target, String(start)], ms, writes)).map(Number);

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
      // A few writes first, then a random moment: on a loaded machine a kill timed from the start
      // alone found the writer barely started (84 writes in 30 kills), and the test meant little.
      const acknowledged = await writeThenKill(target, start, 2 + Math.floor(random() * 5), Math.floor(random() * 40));
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
