import type { App, BrowserWindow } from 'electron';

/**
 * Two instances would fight over the serial port and the SQLite file, and the second window would
 * cover the first. The second instance quits; the first comes back to the front (an autostart
 * entry that fires twice, a technician double-clicking the icon).
 */
export function claimSingleInstance(app: App, kioskWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = kioskWindow();
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
