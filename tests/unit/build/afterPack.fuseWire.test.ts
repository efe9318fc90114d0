import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it, vi } from 'vitest';
import afterPack from '../../../build/afterPack.ts';

/**
 * The hook against the real @electron/fuses (afterPack.test.ts mocks it): a stand-in executable that
 * holds a fuse wire laid out as Electron's is — the sentinel, version 1, length 9, one byte per
 * fuse — between filler bytes. What the kiosk binary would carry after `npm run dist`.
 */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's defaults, fuse 0 first: RunAsNode on, cookie encryption off, NODE_OPTIONS on, … */
const ELECTRON_DEFAULT_WIRE = '101100011';

let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

function fakeElectronBinary(name: string): { appOutDir: string; executable: string } {
  scratch = mkdtempSync(join(tmpdir(), 'okno-fuses-'));
  const appOutDir = join(scratch, 'linux-unpacked');
  mkdirSync(appOutDir);
  const executable = join(appOutDir, name);
  writeFileSync(
    executable,
    Buffer.concat([Buffer.alloc(4096, 0x7f), Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(ELECTRON_DEFAULT_WIRE), Buffer.alloc(4096, 0x7f)]),
  );
  return { appOutDir, executable };
}

describe('afterPack on a fuse wire (real @electron/fuses)', () => {
  it('leaves the packaged binary with the kiosk fuses, and nothing else changed', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { appOutDir, executable } = fakeElectronBinary('okno');
    const before = readFileSync(executable);

    await afterPack({ appOutDir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'okno' }, executableName: 'okno' } });

    const wire = await getCurrentFuseWire(executable);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    const after = readFileSync(executable);
    expect(after.length).toBe(before.length);
    const wireStart = 4096 + SENTINEL.length + 2;
    expect(after.subarray(0, wireStart)).toEqual(before.subarray(0, wireStart));
    expect(after.subarray(wireStart + ELECTRON_DEFAULT_WIRE.length)).toEqual(before.subarray(wireStart + ELECTRON_DEFAULT_WIRE.length));
  });

  it('fails the build on a binary without a fuse wire', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'okno-fuses-'));
    writeFileSync(join(scratch, 'okno'), Buffer.alloc(1024));
    await expect(
      afterPack({ appOutDir: scratch, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'okno' }, executableName: 'okno' } }),
    ).rejects.toThrow(/sentinel/);
  });
});
