import { existsSync } from 'node:fs';

/** Where the demos look for a Chromium to open their pages in. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** The Chromium the demos can open, or null: none installed, or no display to show it on. */
export function demoChromium(): string | null {
  const chromium = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  return chromium && hasDisplay ? chromium : null;
}
