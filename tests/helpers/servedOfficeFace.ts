import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/browserHost/browserHost.ts';
import { startDevice, type Device } from '../../electron/core/device/device.ts';
import type { Locale } from '../../shared/config.ts';
import { FakeHubLink } from './fakeHubLink.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RENDERER = join(ROOT, 'dist', 'renderer');

export const FAKE_HUB = { url: 'https://127.0.0.1:8443/', token: 'office-face-token-0123456789', fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') };

export interface ServedOfficeFace {
  readonly page: Page;
  readonly link: FakeHubLink;
  readonly device: Device;
  readonly host: BrowserHost;
  close(): Promise<void>;
}

/**
 * An operator's console or a hall board as `okno serve` runs it — the device and the browser host on
 * 127.0.0.1 — with a fake link to the hub injected through startDevice's `hubLink` seam, and a page of
 * Chromium on it. The test drives the office through the fake (its snapshot, its status, its answers).
 */
export async function serveOfficeFace(options: {
  readonly browser: Browser;
  readonly dir: string;
  readonly mode: 'operator' | 'hall';
  readonly locale: Locale;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The device clock the fake stamps arrivals with (to make a shown state old without waiting). */
  readonly now?: () => Date;
}): Promise<ServedOfficeFace> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('the renderer is not built: run "npm run build" (npm test does it) before these tests');
  const configPath = join(options.dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      device: { id: `e2e-${options.mode}`, office: 'МФЦ района Тверской', window: '2', mode: options.mode },
      ui: { locale: options.locale, locales: ['ru', 'en'] },
      hub: FAKE_HUB,
    }),
  );
  const link = new FakeHubLink(options.now);
  const device = await startDevice({ configPath, dataDir: join(options.dir, 'data'), hubLink: () => link });
  let host: BrowserHost;
  try {
    host = await startBrowserHost({ core: device, rendererDir: RENDERER });
  } catch (error) {
    await device.close();
    throw error;
  }
  const context = await options.browser.newContext({ viewport: options.viewport ?? { width: 1920, height: 1080 }, locale: options.locale });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    page,
    link,
    device,
    host,
    async close() {
      await context.close();
      await host.close();
      await device.close();
    },
  };
}
