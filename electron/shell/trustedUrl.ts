/**
 * The one origin the kiosk window may show: `app://okno`. Everything that decides "is this ours?"
 * (navigation, IPC senders, the protocol handler) asks here, with a real URL parser, never with
 * string prefixes — `app://okno.evil/` and `app://okno@evil/` start with the same characters.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'okno';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Compares parts rather than `URL.origin`: Node's parser does not know `app:` is a standard scheme
 * and answers `origin === 'null'` for it, while Chromium (which does know) lower-cases the host.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
