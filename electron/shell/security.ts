import type { Session, WebContents } from 'electron';
import { isAppUrl } from './trustedUrl.ts';

/**
 * The page may only ever be our own renderer. A kiosk stands in a public hall: a link, a redirect,
 * a popup or a permission prompt is a way out of the kiosk or into the device.
 */

export interface LockDownLog {
  (what: string, detail: string): void;
}

const silent: LockDownLog = () => {};

/** Applied to every WebContents the app creates (main.ts hooks `web-contents-created`). */
export function lockDownWebContents(contents: WebContents, log: LockDownLog = silent): void {
  // `will-frame-navigate` also covers iframes, which `will-navigate` does not.
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log('navigation refused', event.url);
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log('navigation refused', event.url);
  });
  // Our protocol never redirects, so any redirect is someone else's idea.
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log('redirect refused', event.url);
  });
  contents.setWindowOpenHandler((details) => {
    log('new window refused', details.url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault();
    log('webview refused', params['src'] ?? '');
  });
}

/**
 * Nothing the renderer could ask for is needed: serial ports, printer and storage are the core's,
 * in the main process. Deny rather than prompt — there is nobody at the kiosk to answer a prompt.
 */
export function lockDownSession(session: Session, log: LockDownLog = silent): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log('permission refused', permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
