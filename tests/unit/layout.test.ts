import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(relative(ROOT, path)));
    else if (/\.(ts|tsx)$/.test(name)) out.push(relative(ROOT, path));
  }
  return out;
}

const importsOf = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );

describe('layout rules of DESIGN.md', () => {
  it('only the Electron shell imports electron', () => {
    const offenders = [...sources('electron'), ...sources('shared'), ...sources('renderer')]
      .filter((file) => !file.startsWith('electron/shell/'))
      .filter((file) => importsOf(file).includes('electron'));
    expect(offenders).toEqual([]);
  });

  it('shared/ runs anywhere: no Node built-ins, no native modules, no electron', () => {
    const offenders = sources('shared').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('node:') || ['fs', 'path', 'os', 'better-sqlite3', 'electron', 'react'].includes(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches the device only through KioskApi (no core, no host code)', () => {
    const offenders = sources('renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/electron/') || spec.startsWith('node:') || spec === 'better-sqlite3')
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the layout the user asked for is there', () => {
    for (const entry of ['package.json', 'tsconfig.json', 'electron', 'renderer', 'shared', 'build', 'tests', 'README.md', 'docs']) {
      expect(() => statSync(join(ROOT, entry)), entry).not.toThrow();
    }
  });

  it('the native dependencies are Node-API builds (no Electron rebuild needed)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string };
    expect(Number(pkg.version.split('.')[0])).toBeGreaterThanOrEqual(13);
    // A Node-API addon exports napi_register_module_v1; an ABI-specific one (needing a rebuild for
    // Electron) exports node_register_module_vNNN instead.
    const binary = readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`)).toString('latin1');
    expect(binary).toContain('napi_register_module_v1');
    expect(binary).not.toMatch(/node_register_module_v\d/);
  });
});

/**
 * The unit test of SRC/dir/module.ts is tests/unit/SRC/dir/module.test.ts (or module.property.test.ts,
 * module.<aspect>.test.ts); a test of a whole folder is named after the folder, inside its parent
 * (tests/unit/electron/core/serial.pieces.test.ts). Helpers of one folder's tests sit beside them;
 * helpers shared by several folders are in tests/helpers/. Why a tree of their own and not files
 * beside the code: README.md, under Layout.
 */
const UNIT = join(ROOT, 'tests', 'unit');

/** The folders a unit test can mirror (bench/: the benchmarks' pure helpers). */
const SOURCE_ROOTS = ['bench', 'build', 'electron', 'renderer', 'shared'];

/** Tests of the repository as a whole: they mirror no one folder, so they sit at tests/unit/ itself. */
const REPO_WIDE = ['layout.test.ts', 'lint.test.ts'];

/** Every file under tests/unit/, relative to it; fixtures/ folders hold data for a test, not tests. */
function unitFiles(dir = ''): string[] {
  return readdirSync(join(UNIT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (!entry.isDirectory()) return [path];
    return entry.name === 'fixtures' ? [] : unitFiles(path);
  });
}

/** The names in a folder of the repository, or null when there is no such folder. */
function sourceEntries(folder: string): string[] | null {
  const path = join(ROOT, folder);
  return existsSync(path) && statSync(path).isDirectory() ? readdirSync(path) : null;
}

/** Why `file` (a path under tests/unit/) breaks the mirror rule, or null when it keeps it. */
function mirrorProblem(file: string, entriesOf: (folder: string) => string[] | null): string | null {
  const slash = file.lastIndexOf('/');
  const name = file.slice(slash + 1);
  if (slash < 0) {
    return REPO_WIDE.includes(name) ? null : `${file}: only the repo-wide tests (${REPO_WIDE.join(', ')}) sit at tests/unit/ itself`;
  }
  const folder = file.slice(0, slash);
  const entries = SOURCE_ROOTS.includes(folder.split('/')[0] ?? '') ? entriesOf(folder) : null;
  if (entries === null) return `${file}: there is no source folder ${folder}/ for it to mirror`;
  if (!name.endsWith('.test.ts')) return null; // a helper of the tests beside it
  // module.test.ts, module.aspect.test.ts, or moduleAspect.test.ts: the module's name, then a dot or a capital.
  const modules = entries.map((entry) => entry.split('.')[0] ?? '').filter((module) => module !== '');
  const named = modules.some((module) => name.startsWith(module) && /^[.A-Z]/.test(name.slice(module.length)));
  return named ? null : `${file}: its name starts with no module or folder of ${folder}/`;
}

describe('unit tests mirror the source tree', () => {
  it('every file under tests/unit/ sits in the folder of what it tests, named after a module or folder there', () => {
    const problems = unitFiles()
      .map((file) => mirrorProblem(file, sourceEntries))
      .filter((problem) => problem !== null);
    expect(problems).toEqual([]);
  });

  it('the rule refuses a folder the source does not have, a name that is no module there, a stray test at the top', () => {
    expect(mirrorProblem('foo/bar.test.ts', sourceEntries)).toMatch(/no source folder foo\//);
    expect(mirrorProblem('tests/helpers/okno.test.ts', sourceEntries)).toMatch(/no source folder tests\/helpers\//);
    expect(mirrorProblem('electron/core/sync/nonsense.test.ts', sourceEntries)).toMatch(/starts with no module/);
    expect(mirrorProblem('electron/core/sync/uploaders.test.ts', sourceEntries)).toMatch(/starts with no module/);
    expect(mirrorProblem('stray.test.ts', sourceEntries)).toMatch(/repo-wide/);
    expect(mirrorProblem('electron/core/sync/uploader.test.ts', sourceEntries)).toBeNull();
    expect(mirrorProblem('electron/core/sync/uploader.deviceIds.test.ts', sourceEntries)).toBeNull();
    expect(mirrorProblem('electron/core/serial.pieces.test.ts', sourceEntries)).toBeNull();
    expect(mirrorProblem('build/afterPack.test.ts', sourceEntries)).toBeNull();
  });
});

/**
 * The paths a test file builds from its own folder (`join(import.meta.dirname, '..', 'x')`) that lead out
 * of the repo, and any mention of the folder beside the checkout. Issue #11 item 14: four test files once
 * read the protocol vectors from ../shared/, so a clone with nothing beside it failed.
 */
export function pathsOutsideRepo(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/(?:join|resolve)\(\s*import\.meta\.dirname((?:\s*,\s*'[^']*')*)\s*\)/g)) {
    const parts = [...(match[1] ?? '').matchAll(/'([^']*)'/g)].map((part) => part[1] ?? '');
    const target = resolve(ROOT, dirname(file), ...parts);
    if (relative(ROOT, target).startsWith('..')) problems.push(`${file}: ${match[0]} is outside the repo`);
  }
  for (const match of text.matchAll(/\/work\/shared|\.\.\/shared\/vectors|OKNO_VECTORS/g)) problems.push(`${file}: mentions ${match[0]}`);
  return problems;
}

describe('the repo tests itself', () => {
  it('no test reads a file outside the repo (a clone with nothing beside it passes)', () => {
    const files = sources('tests').concat(readdirSync(join(ROOT, 'tests', 'helpers')).filter((name) => name.endsWith('.mjs')).map((name) => `tests/helpers/${name}`));
    const problems = files.filter((file) => file !== 'tests/unit/layout.test.ts').flatMap((file) => pathsOutsideRepo(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('the rule finds a path that climbs out and a pointer to the folder beside the checkout', () => {
    expect(pathsOutsideRepo('tests/unit/x.test.ts', "join(import.meta.dirname, '..', '..', '..', 'shared', 'vectors')")).toHaveLength(1);
    expect(pathsOutsideRepo('tests/unit/x.test.ts', "readFileSync('../shared/vectors/sync.json')")).toHaveLength(1);
    expect(pathsOutsideRepo('tests/unit/x.test.ts', "join(import.meta.dirname, '..', '..', 'tests', 'vectors')")).toEqual([]);
  });
});
