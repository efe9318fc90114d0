import { BrowserWindow, Menu, type BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowSettings {
  /** Absolute path of the bundled preload (dist/electron/shell/preload.cjs). */
  readonly preloadPath: string;
  /** Only for a technician at the bench (OKNO_DEVTOOLS=1); never on a deployed kiosk. */
  readonly devTools: boolean;
}

/** The renderer's background (`--bg` in renderer/common/tokens.css), so a reload after a crash does not flash another colour. */
export const KIOSK_BACKGROUND = '#edf1f5';

export function kioskWindowOptions(settings: KioskWindowSettings): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    // Shown on `ready-to-show`, so the citizen never sees an empty frame.
    show: false,
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // An alert() would freeze the screen until someone with a mouse comes by.
      disableDialogs: true,
      // The hall board is never touched: its announcements must play without a gesture first.
      autoplayPolicy: 'no-user-gesture-required',
      devTools: settings.devTools,
      // The kiosk shows a rating screen; it must keep its timers running when no one touches it.
      backgroundThrottling: false,
    },
  };
}

/**
 * Closing the window would leave the hall with a desktop. A close is honoured only while the app is
 * quitting (shutdown, relaunch); Alt+F4 from the window manager is refused.
 */
export function createKioskWindow(settings: KioskWindowSettings, isQuitting: () => boolean): BrowserWindow {
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow(kioskWindowOptions(settings));
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!isQuitting()) event.preventDefault();
  });
  // Pinch-zoom on a touch screen would leave the buttons off screen until a reload.
  void window.webContents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  return window;
}
