import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addonAbi,
  inspectPackage,
  inspectProductionDependencies,
  judgeNativePackage,
  PACKAGED_TARGETS,
  productionPackageDirs,
} from '../../../build/nativeModules.ts';
import { loadConfigView, projectDir } from './builderConfig.ts';

/** Stand-ins for compiled addons: only the registration symbol names matter to the check. */
const NODE_API_BINARY = Buffer.from('\x7fELF\0\0garbage\0napi_register_module_v1\0node_api_module_get_api_version_v1\0', 'latin1');
const V8_ABI_BINARY = Buffer.from('\x7fELF\0\0garbage\0node_register_module_v137\0_ZN2v87Isolate\0', 'latin1');

let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

/** A package folder with the given files (relative path → contents). */
function fakePackage(files: Record<string, string | Buffer>): string {
  scratch = mkdtempSync(join(tmpdir(), 'okno-native-'));
  const dir = join(scratch, 'node_modules', 'some-addon');
  for (const [path, contents] of Object.entries({ 'package.json': '{"name":"some-addon","version":"1.0.0"}', ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

describe('native modules load in Electron unchanged (npmRebuild: false)', () => {
  it('every production dependency with native code is Node-API, with a prebuilt binary for every packaged target', () => {
    const natives = inspectProductionDependencies(projectDir);
    // The check sees the two it must see: an empty list would prove nothing.
    expect(natives.map((pkg) => pkg.name)).toEqual(expect.arrayContaining(['better-sqlite3', '@serialport/bindings-cpp']));
    expect(natives.map(({ name, problems }) => ({ name, problems }))).toEqual(natives.map(({ name }) => ({ name, problems: [] })));
  });

  it('looks at production dependencies only, as installed from the lockfile', () => {
    const dirs = productionPackageDirs(projectDir);
    expect(dirs).toContain('node_modules/better-sqlite3');
    expect(dirs).toContain('node_modules/@serialport/bindings-cpp');
    expect(dirs).not.toContain('node_modules/electron');
    expect(dirs).not.toContain('node_modules/vitest');
  });

  it('the targets it checks are the ones electron-builder packages', async () => {
    const view = await loadConfigView();
    const packaged = [
      ...view.linux.target.flatMap((target) => target.arch.map((arch) => `linux-${arch}`)),
      ...view.win.target.flatMap((target) => target.arch.map((arch) => `win32-${arch}`)),
    ];
    expect([...new Set(packaged)].sort()).toEqual([...PACKAGED_TARGETS].sort());
  });

  it('tells a Node-API binary from one built for a single Node/V8 ABI', () => {
    expect(addonAbi(NODE_API_BINARY)).toBe('node-api');
    expect(addonAbi(Buffer.from('\0napi_module_register\0'))).toBe('node-api');
    expect(addonAbi(V8_ABI_BINARY)).toBe('v8-abi');
    expect(addonAbi(Buffer.from('\x7fELF plain shared library'))).toBe('unknown');
  });

  it('refuses an addon that would need @electron/rebuild', () => {
    const dir = fakePackage({
      'binding.gyp': '{}',
      'prebuilds/linux-x64/addon.node': V8_ABI_BINARY,
      'prebuilds/linux-arm64/addon.node': NODE_API_BINARY,
      'prebuilds/win32-x64/addon.node': NODE_API_BINARY,
    });
    const pkg = inspectPackage(dir);
    if (!pkg) throw new Error('not seen as native');
    expect(judgeNativePackage(pkg).problems).toEqual([expect.stringMatching(/linux-x64\/addon\.node .*@electron\/rebuild/)]);
  });

  it('refuses an addon that has no binary for one of the packaged targets', () => {
    const dir = fakePackage({ 'prebuilds/linux-x64/addon.node': NODE_API_BINARY, 'prebuilds/win32-x64/addon.node': NODE_API_BINARY });
    const pkg = inspectPackage(dir);
    if (!pkg) throw new Error('not seen as native');
    expect(judgeNativePackage(pkg).problems).toEqual(['no prebuilt binary for linux-arm64']);
  });

  it('refuses an addon that only has sources to compile', () => {
    const pkg = inspectPackage(fakePackage({ 'binding.gyp': '{}', 'src/addon.cc': '' }));
    if (!pkg) throw new Error('not seen as native');
    expect(judgeNativePackage(pkg).problems).toEqual([expect.stringMatching(/would be compiled at install/)]);
  });

  it('leaves plain JavaScript packages alone, and does not count a nested package’s binaries as its own', () => {
    expect(inspectPackage(fakePackage({ 'index.js': 'module.exports = 1;' }))).toBeNull();
    expect(inspectPackage(fakePackage({ 'index.js': '', 'node_modules/inner/prebuilds/x.node': V8_ABI_BINARY }))).toBeNull();
  });
});
