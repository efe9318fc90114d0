import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/browserHost/browserHost.ts';
import { startDevice, type Device } from '../../electron/core/device/device.ts';
import type { JournalEvent } from '../../shared/events.ts';
import type { FakeVisitHub } from './fakeVisitHub.ts';
import { ROOT } from './okno.ts';

/**
 * A device linked to a fake office hub, served by the real browser host, open in Chromium: the
 * device runs in the test's process (startDevice with the `hubLink` seam), so the test sets what
 * the hub shows. The renderer is the built one (dist/renderer: `npm run build`).
 */
export interface LinkedKiosk {
  readonly page: Page;
  readonly device: Device;
  readonly host: BrowserHost;
  events(prefix: string): JournalEvent[];
  close(): Promise<void>;
}

/** A `hub` section that passes the config schema; the fake link never dials it. */
export const FAKE_HUB_SECTION = {
  url: 'https://127.0.0.1:9443',
  token: 'e2e-device-token-0123456789',
  fingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
};

export async function openLinkedKiosk(options: {
  readonly browser: Browser;
  readonly dir: string;
  readonly config: object;
  readonly hub: FakeVisitHub;
  readonly viewport?: { width: number; height: number };
}): Promise<LinkedKiosk> {
  const configPath = join(options.dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ ...options.config, hub: FAKE_HUB_SECTION }));
  const device = await startDevice({ configPath, dataDir: join(options.dir, 'data'), hubLink: () => options.hub });
  const host = await startBrowserHost({ core: device, rendererDir: join(ROOT, 'dist', 'renderer') });
  const context = await options.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    page,
    device,
    host,
    events(prefix) {
      const running = device.running();
      if (!running) return [];
      return running.store
        .journal()
        .readAfter(0, 1000)
        .filter((event) => event.type.startsWith(prefix));
    },
    async close() {
      await context.close();
      await host.close();
      await device.close();
    },
  };
}
