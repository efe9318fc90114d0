import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
