// First: registers the app:// scheme, which Electron accepts only before `ready`.
import './appScheme.ts';
import { app, dialog, ipcMain, powerSaveBlocker, protocol, session, type BrowserWindow } from 'electron';
import { startDevice, type Device } from '../core/device/device.ts';
import { defaultDataDir } from '../core/dataDir.ts';
import { EXIT_DATA_DIR_IN_USE } from '../core/dataDirLock.ts';
import { createAppRequestHandler } from './appProtocol.ts';
import { registerKioskIpc } from './ipcBridge.ts';
import { blockKioskShortcuts } from './kioskShortcuts.ts';
import { createKioskWindow } from './kioskWindow.ts';
import { readLaunchOptions } from './launchOptions.ts';
import { syncLoginItem } from './loginItem.ts';
import { closeCoreBeforeQuit } from './quitting.ts';
import { watchRenderer } from './rendererWatchdog.ts';
import { lockDownSession, lockDownWebContents } from './security.ts';
import { shellPaths } from './shellPaths.ts';
import { claimSingleInstance } from './singleInstance.ts';
import { APP_ENTRY_URL, APP_SCHEME } from './trustedUrl.ts';

/**
 * The Electron host: composition only. Each lock-down lives in its own module; see
 * docs/electron-shell.md for which module enforces what and which test proves it.
 */

/** sysexits EX_CONFIG: lets a supervisor tell "fix the config file" from a crash. */
const EXIT_CONFIG = 78;
const EXIT_START_FAILED = 1;

const log = (what: string, detail: string): void => console.warn(`okno shell: ${what}: ${detail}`);

const isConfigError = (error: unknown): error is Error => error instanceof Error && error.name === 'ConfigError';
const isDataDirInUse = (error: unknown): error is Error => error instanceof Error && error.name === 'DataDirInUseError';

function refuseToStart(error: unknown): void {
  if (isConfigError(error)) {
    dialog.showErrorBox('okno: invalid configuration', error.message);
    app.exit(EXIT_CONFIG);
  } else if (isDataDirInUse(error)) {
    // An `okno serve` (or another build of the app) runs on this journal: its message names the pid.
    dialog.showErrorBox('okno is already running', error.message);
    app.exit(EXIT_DATA_DIR_IN_USE);
  } else {
    dialog.showErrorBox('okno could not start', error instanceof Error ? error.message : String(error));
    app.exit(EXIT_START_FAILED);
  }
}

let kioskWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const launch = readLaunchOptions(process.argv, process.env, process.cwd(), { packaged: app.isPackaged });
  const paths = shellPaths(import.meta.url);

  // Every WebContents, not only ours: anything that gets created is locked down before it loads.
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, log));
  await app.whenReady();
  lockDownSession(session.defaultSession, log);
  protocol.handle(APP_SCHEME, createAppRequestHandler(paths.rendererDir));

  let device: Device;
  try {
    // The same default as the CLI, not Electron's userData: `okno doctor` must find this journal.
    // A --config file that does not exist yet starts the setup wizard, which writes it.
    device = await startDevice({
      configPath: launch.configPath,
      dataDir: launch.dataDir ?? defaultDataDir(),
      // At start, and again when the setup wizard's config takes effect.
      onRunning: (running) => syncLoginItem(app, running.config, launch),
    });
  } catch (error) {
    refuseToStart(error);
    return;
  }

  // A rating terminal that blanks its screen is a terminal nobody presses.
  powerSaveBlocker.start('prevent-display-sleep');

  const quit = closeCoreBeforeQuit(app, () => device.close(), { log });
  const window = createKioskWindow({ preloadPath: paths.preload, devTools: launch.devTools }, quit.isQuitting);
  kioskWindow = window;
  const contents = window.webContents;
  blockKioskShortcuts(contents, { allowDevTools: launch.devTools });
  registerKioskIpc({ ipcMain, core: device, contents, log });
  watchRenderer({ contents, entryUrl: APP_ENTRY_URL, relaunch: quit.relaunch, log });
  device.setUrl(APP_ENTRY_URL);
  await window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log('first load failed', String(error)));
}

if (claimSingleInstance(app, () => kioskWindow)) {
  await start().catch(refuseToStart);
}
