import type { AfterPackContext } from 'app-builder-lib';
import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { PackedApp } from '../../../build/afterPack.ts';

/** @electron/fuses with flipFuses recorded instead of writing into a binary; its enums stay real. */
const flips: Array<{ executable: string; config: unknown }> = [];
let flipError: Error | null = null;
vi.mock('@electron/fuses', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@electron/fuses')>();
  return {
    ...actual,
    flipFuses: async (executable: string, config: unknown): Promise<number> => {
      if (flipError) throw flipError;
      flips.push({ executable, config });
      return 1;
    },
  };
});

const { FuseV1Options, FuseVersion } = await vi.importActual<typeof import('@electron/fuses')>('@electron/fuses');
const { default: afterPack, KIOSK_FUSES, packagedExecutable } = await import('../../../build/afterPack.ts');

/** What electron-builder hands the hook, reduced to what it reads, per platform. */
const linuxApp = (packager: PackedApp['packager'] = { appInfo: { productFilename: 'okno' }, executableName: 'okno' }): PackedApp => ({
  appOutDir: '/work/okno/release/linux-arm64-unpacked',
  electronPlatformName: 'linux',
  packager,
});
const windowsApp: PackedApp = {
  appOutDir: '/work/okno/release/win-unpacked',
  electronPlatformName: 'win32',
  packager: { appInfo: { productFilename: 'okno' } },
};

beforeEach(() => {
  flips.length = 0;
  flipError = null;
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

describe('afterPack: Electron fuses', () => {
  it('takes what electron-builder passes to an afterPack hook', () => {
    expectTypeOf<AfterPackContext>().toExtend<PackedApp>();
  });

  it('flips exactly the kiosk fuse map', async () => {
    await afterPack(linuxApp());
    expect(flips).toHaveLength(1);
    expect(flips[0]?.config).toStrictEqual({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.WasmTrapHandlers]: true,
    });
  });

  it('names every fuse @electron/fuses knows, so a new one cannot slip in unset', () => {
    const known = Object.values(FuseV1Options).filter((value): value is number => typeof value === 'number');
    const named = Object.keys(KIOSK_FUSES).filter((key) => /^\d+$/.test(key)).map(Number);
    expect(named.sort()).toEqual(known.sort());
  });

  it('flips the Linux executable: appOutDir/<linux.executableName>', async () => {
    await afterPack(linuxApp());
    expect(flips.map((flip) => flip.executable)).toEqual(['/work/okno/release/linux-arm64-unpacked/okno']);
  });

  it('flips the Windows executable: appOutDir/<productFilename>.exe', async () => {
    await afterPack(windowsApp);
    expect(flips.map((flip) => flip.executable)).toEqual(['/work/okno/release/win-unpacked/okno.exe']);
  });

  it('fails loudly on a platform it has no wiring for, and flips nothing', async () => {
    for (const electronPlatformName of ['darwin', 'mas', 'freebsd']) {
      await expect(afterPack({ ...windowsApp, electronPlatformName })).rejects.toThrow(
        new RegExp(`no fuse wiring for platform "${electronPlatformName}"`),
      );
    }
    expect(() => packagedExecutable(linuxApp({ appInfo: { productFilename: 'okno' } }))).toThrow(/no executableName/);
    expect(flips).toEqual([]);
  });

  it('fails the build when the fuses cannot be flipped', async () => {
    flipError = new Error('the fuse wire in this version of Electron is not long enough');
    await expect(afterPack(linuxApp())).rejects.toThrow(/not long enough/);
  });
});
