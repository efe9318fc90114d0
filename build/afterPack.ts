// electron-builder's afterPack hook (build/electron-builder.yml): flips the Electron fuses of the
// packaged binary, before electron-builder signs it. Fuses are switches compiled into the Electron
// executable; once flipped, no argument, environment variable or file on the kiosk turns them back.
// Loaded by electron-builder with Node's own TypeScript support (Node 22.18+), like bench/run.ts.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

/**
 * Every fuse is named (strictlyRequireAllFuses): an @electron/fuses that knows a new fuse fails the
 * build until someone decides its value here. docs/security.md says why each is set.
 */
export const KIOSK_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // `ELECTRON_RUN_AS_NODE=1 okno` would be a Node.js shell with the app's privileges.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other OS-keyring-backed secrets are encrypted at rest.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require=… would run someone else's code in the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger port into the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embedded (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only resources/app.asar is loaded: a resources/app/ folder dropped beside it is ignored.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Not used: okno ships no custom V8 snapshot.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// gets no more than a web page would; the UI is served from app://okno.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default, kept: WebAssembly bounds checks by trap handler, not a behaviour change.
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies FuseConfig;

/** The parts of electron-builder's AfterPackContext this hook reads. */
export interface PackedApp {
  /** Folder of the unpacked app: the Electron executable is in it. */
  readonly appOutDir: string;
  /** Node's platform name of the target: `linux`, `win32` (`darwin`, `mas` are not okno targets). */
  readonly electronPlatformName: string;
  readonly packager: {
    /** Product name as a file name: `okno` (okno.exe on Windows). */
    readonly appInfo: { readonly productFilename: string };
    /** Linux only: `linux.executableName` (LinuxPackager). */
    readonly executableName?: string;
  };
}

/** Where electron-builder put the Electron executable; the same rule it uses for its own fuses. */
export function packagedExecutable(app: PackedApp): string {
  switch (app.electronPlatformName) {
    case 'linux': {
      const name = app.packager.executableName;
      if (name === undefined || name === '') throw new Error('afterPack: the Linux packager has no executableName');
      return join(app.appOutDir, name);
    }
    case 'win32':
      return join(app.appOutDir, `${app.packager.appInfo.productFilename}.exe`);
    default:
      // A target nobody has thought about gets no silently unflipped binary.
      throw new Error(
        `afterPack: no fuse wiring for platform "${app.electronPlatformName}"; okno packages linux and win32 (build/afterPack.ts)`,
      );
  }
}

export default async function afterPack(app: PackedApp): Promise<void> {
  const executable = packagedExecutable(app);
  await flipFuses(executable, KIOSK_FUSES);
  console.log(`afterPack: fuses flipped in ${executable}`);
}
