import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/okno.ts';

/**
 * The lint rules that guard against defects we had are really on: a discarded promise once let one
 * request stop the collector (issue #11, defect 7), the core must never import Electron, and the pure
 * modules (PURE_MODULES in eslint.config.js) do no I/O of their own.
 * Linted as if they were files of the repo, so the type-aware rules see the project's types.
 */
const eslint = new ESLint({ cwd: ROOT });

async function ruleIdsFor(text: string, asFile: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, asFile) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('lint guards', () => {
  it('a discarded promise in a server is an error', async () => {
    const text = [
      "import { createServer } from 'node:http';",
      'async function answer(): Promise<void> {}',
      'export const server = createServer(() => {',
      '  answer();',
      '});',
      '',
    ].join('\n');
    expect(await ruleIdsFor(text, 'electron/collector/collectorServer.ts')).toContain('@typescript-eslint/no-floating-promises');
  }, 60_000);

  it('a promise where a callback is expected (a request handler that is async) is an error', async () => {
    const text = [
      "import { createServer } from 'node:http';",
      'export const server = createServer(async () => {});',
      '',
    ].join('\n');
    expect(await ruleIdsFor(text, 'electron/collector/collectorServer.ts')).toContain('@typescript-eslint/no-misused-promises');
  }, 60_000);

  it('the core importing electron is an error; the shell may', async () => {
    const text = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect(await ruleIdsFor(text, 'electron/core/boot.ts')).toContain('no-restricted-imports');
    expect(await ruleIdsFor(text, 'electron/shell/main.ts')).not.toContain('no-restricted-imports');
  }, 60_000);

  it('the renderer importing Node is an error', async () => {
    const text = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";
    expect(await ruleIdsFor(text, 'renderer/keyboard.ts')).toContain('no-restricted-imports');
  }, 60_000);

  it('a pure module importing I/O (the database, Node, the real clock) is an error; the store may', async () => {
    const text = "import Database from 'better-sqlite3';\nexport const open = (file: string): Database.Database => new Database(file);\n";
    expect(await ruleIdsFor(text, 'electron/core/rating/ratingSession.ts')).toContain('no-restricted-imports');
    expect(await ruleIdsFor(text, 'electron/core/store/openDatabase.ts')).not.toContain('no-restricted-imports');
    const clock = "import { systemClock } from '../clock.ts';\nexport const now = (): Date => systemClock.now();\n";
    expect(await ruleIdsFor(clock, 'electron/core/sync/retryPolicy.ts')).toContain('no-restricted-imports');
    expect(await ruleIdsFor(clock, 'electron/core/sync/uploader.ts')).not.toContain('no-restricted-imports');
  }, 60_000);

  it('a pure module reading the clock or the process by itself is an error', async () => {
    const text = 'export const now = (): number => Date.now();\nexport const home = (): string | undefined => process.env.HOME;\n';
    expect(await ruleIdsFor(text, 'electron/core/sync/retryPolicy.ts')).toEqual(expect.arrayContaining(['no-restricted-syntax', 'no-restricted-globals']));
    expect(await ruleIdsFor(text, 'electron/core/sync/uploader.ts')).toEqual([]);
  }, 60_000);
});
