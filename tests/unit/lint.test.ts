import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/okno.ts';

/**
 * The lint rules that guard against defects we had are really on: a discarded promise once let one
 * request stop the collector (issue #11, defect 7), and the core must never import Electron.
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
    expect(await ruleIdsFor(text, 'renderer/common/keyboard.ts')).toContain('no-restricted-imports');
  }, 60_000);
});
