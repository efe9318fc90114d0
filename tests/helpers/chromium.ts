import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.OKNO_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing that reaches for the network; audio plays without a gesture, as on the kiosks (the hall board's announcements). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is needed for the end-to-end tests and is not at ${CHROMIUM_PATH}: install it with "sudo apt-get install -y chromium" (or set OKNO_CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
}
