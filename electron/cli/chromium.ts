import { existsSync } from 'node:fs';

/** Where the demos look for a Chromium to open their pages in. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** The Chromium the demos can open, or null: none installed, or no display to show it on. */
export function demoChromium(): string | null {
  const chromium = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  return chromium && hasDisplay ? chromium : null;
}

/**
 * The flags every Chromium the demos open gets: no first-run dialog, no sync, and announcements that
 * play without a touch first (the hall board is never touched: Chromium's default autoplay policy would
 * keep its audio suspended).
 */
export const CHROMIUM_KIOSK_FLAGS: readonly string[] = ['--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
