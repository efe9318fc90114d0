import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/okno.ts';

/**
 * The lint rules that guard against defects we had are really on: a discarded promise once let one
 * request stop the collector (issue #11, defect 7), and the core must never import Electron.
 * Each text is linted as a new file in a folder of the repo, with the repo's config
 * (tests/helpers/lintProbes.mjs says why in a process of its own).
 */
function ruleIdsFor(text: string, folder: string): string[] {
  const run = spawnSync(process.execPath, [join(ROOT, 'tests', 'helpers', 'lintProbes.mjs')], {
    cwd: ROOT,
    input: JSON.stringify([{ text, folder }]),
    encoding: 'utf8',
    timeout: 120_000,
  });
  let reports: string[][];
  try {
    reports = JSON.parse(run.stdout) as string[][];
  } catch {
    throw new Error(`the lint probe gave no report (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  }
  return reports[0] ?? [];
}

describe('lint guards', () => {
  it('a discarded promise in a server is an error', () => {
    const text = [
      "import { createServer } from 'node:http';",
      'async function answer(): Promise<void> {}',
      'export const server = createServer(() => {',
      '  answer();',
      '});',
      '',
    ].join('\n');
    expect(ruleIdsFor(text, 'electron/collector')).toContain('@typescript-eslint/no-floating-promises');
  }, 120_000);

  it('a promise where a callback is expected (a request handler that is async) is an error', () => {
    const text = [
      "import { createServer } from 'node:http';",
      'export const server = createServer(async () => {});',
      '',
    ].join('\n');
    expect(ruleIdsFor(text, 'electron/collector')).toContain('@typescript-eslint/no-misused-promises');
  }, 120_000);

  it('the core importing electron is an error; the shell may', () => {
    const text = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect(ruleIdsFor(text, 'electron/core')).toContain('no-restricted-imports');
    expect(ruleIdsFor(text, 'electron/shell')).not.toContain('no-restricted-imports');
  }, 120_000);

  it('the renderer importing Node is an error', () => {
    const text = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";
    expect(ruleIdsFor(text, 'renderer')).toContain('no-restricted-imports');
  }, 120_000);
});
