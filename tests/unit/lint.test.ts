import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/okno.ts';

/**
 * The lint rules that guard against defects we had are really on: a discarded promise once let one
 * request stop the collector (issue #11, defect 7), the core must never import Electron, and the pure
 * modules (PURE_MODULES in eslint.config.js) do no I/O of their own. Each text is linted as if it were
 * the named file of the repo, with the repo's config, in one process of its own
 * (tests/helpers/lintProbes.mjs says why).
 */

const SERVER_DISCARDS_PROMISE = [
  "import { createServer } from 'node:http';",
  'async function answer(): Promise<void> {}',
  'export const server = createServer(() => {',
  '  answer();',
  '});',
  '',
].join('\n');
const ASYNC_REQUEST_HANDLER = ["import { createServer } from 'node:http';", 'export const server = createServer(async () => {});', ''].join('\n');
const IMPORTS_ELECTRON = "import { app } from 'electron';\nexport const name = app.getName();\n";
const IMPORTS_NODE = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";
const IMPORTS_DATABASE = "import Database from 'better-sqlite3';\nexport const open = (file: string): Database.Database => new Database(file);\n";
const IMPORTS_REAL_CLOCK = "import { systemClock } from '../clock.ts';\nexport const now = (): Date => systemClock.now();\n";
const READS_CLOCK_AND_PROCESS = 'export const now = (): number => Date.now();\nexport const home = (): string | undefined => process.env.HOME;\n';

const PROBES = {
  serverDiscardsPromise: { text: SERVER_DISCARDS_PROMISE, file: 'electron/collector/collectorServer.ts' },
  asyncRequestHandler: { text: ASYNC_REQUEST_HANDLER, file: 'electron/collector/collectorServer.ts' },
  coreImportsElectron: { text: IMPORTS_ELECTRON, file: 'electron/core/device/running.ts' },
  shellImportsElectron: { text: IMPORTS_ELECTRON, file: 'electron/shell/main.ts' },
  rendererImportsNode: { text: IMPORTS_NODE, file: 'renderer/common/keyboard.ts' },
  pureImportsDatabase: { text: IMPORTS_DATABASE, file: 'electron/core/rating/ratingSession.ts' },
  storeImportsDatabase: { text: IMPORTS_DATABASE, file: 'electron/core/store/openDatabase.ts' },
  pureImportsRealClock: { text: IMPORTS_REAL_CLOCK, file: 'electron/core/sync/retryPolicy.ts' },
  uploaderImportsRealClock: { text: IMPORTS_REAL_CLOCK, file: 'electron/core/sync/uploader.ts' },
  pureReadsClockAndProcess: { text: READS_CLOCK_AND_PROCESS, file: 'electron/core/sync/retryPolicy.ts' },
  uploaderReadsClockAndProcess: { text: READS_CLOCK_AND_PROCESS, file: 'electron/core/sync/uploader.ts' },
} as const;
type Probe = keyof typeof PROBES;

let reported: Record<Probe, string[]>;

beforeAll(() => {
  const names = Object.keys(PROBES) as Probe[];
  const run = spawnSync(process.execPath, [join(ROOT, 'tests', 'helpers', 'lintProbes.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(names.map((name) => PROBES[name])),
    encoding: 'utf8',
    timeout: 240_000,
  });
  let reports: string[][];
  try {
    reports = JSON.parse(run.stdout) as string[][];
  } catch {
    throw new Error(`the lint probes gave no report (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  }
  reported = Object.fromEntries(names.map((name, index) => [name, reports[index] ?? []])) as Record<Probe, string[]>;
}, 240_000);

describe('lint guards', () => {
  it('a discarded promise in a server is an error', () => {
    expect(reported.serverDiscardsPromise).toContain('@typescript-eslint/no-floating-promises');
  });

  it('a promise where a callback is expected (a request handler that is async) is an error', () => {
    expect(reported.asyncRequestHandler).toContain('@typescript-eslint/no-misused-promises');
  });

  it('the core importing electron is an error; the shell may', () => {
    expect(reported.coreImportsElectron).toContain('no-restricted-imports');
    expect(reported.shellImportsElectron).not.toContain('no-restricted-imports');
  });

  it('the renderer importing Node is an error', () => {
    expect(reported.rendererImportsNode).toContain('no-restricted-imports');
  });

  it('a pure module importing I/O (the database, Node, the real clock) is an error; the store may', () => {
    expect(reported.pureImportsDatabase).toContain('no-restricted-imports');
    expect(reported.storeImportsDatabase).not.toContain('no-restricted-imports');
    expect(reported.pureImportsRealClock).toContain('no-restricted-imports');
    expect(reported.uploaderImportsRealClock).not.toContain('no-restricted-imports');
  });

  it('a pure module reading the clock or the process by itself is an error', () => {
    expect(reported.pureReadsClockAndProcess).toEqual(expect.arrayContaining(['no-restricted-syntax', 'no-restricted-globals']));
    expect(reported.uploaderReadsClockAndProcess).toEqual([]);
  });
});
