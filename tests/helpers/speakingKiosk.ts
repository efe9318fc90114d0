import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/browserHost/browserHost.ts';
import { startDevice, type Device } from '../../electron/core/device/device.ts';
import type { JournalEvent } from '../../shared/events.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import { speakInputSchema } from '../../shared/requests/inputs.ts';
import { requestPath } from '../../shared/requests/transport.ts';
import type { FakeVisitHub } from './fakeVisitHub.ts';
import { FAKE_HUB_SECTION } from './linkedKiosk.ts';
import { eventually } from './eventually.ts';
import { ROOT } from './okno.ts';

/**
 * A citizen screen that speaks, end to end: the device in the test's process with the real bundled
 * voice (no `speech` seam: running.ts loads eSpeak NG as a kiosk does), the real browser host, the built
 * renderer in Chromium. What the page asked the core to say is recorded from its `speak` requests as
 * they go out (the requests themselves are untouched), and how many clips it played to their end from
 * the <html> element's data-speech-played.
 */
export interface SpeakingKiosk {
  readonly page: Page;
  readonly device: Device;
  readonly host: BrowserHost;
  /** Each `speak` request the page sent, its parts' texts joined, in order. */
  spoken(): string[];
  /** Clips the page played to their end. */
  played(): Promise<number>;
  state(): KioskState;
  events(type: string): JournalEvent[];
  close(): Promise<void>;
}

export async function openSpeakingKiosk(options: {
  readonly browser: Browser;
  readonly dir: string;
  readonly config: object;
  /** A fake office hub (the dispenser's people ahead); none: an unlinked device. */
  readonly hub?: FakeVisitHub;
  readonly viewport?: { width: number; height: number };
}): Promise<SpeakingKiosk> {
  const rendererDir = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('the renderer is not built: run "npm run build" (npm test does it) before these tests');
  const configPath = join(options.dir, 'config.json');
  const hub = options.hub;
  writeFileSync(configPath, JSON.stringify({ ...options.config, ...(hub ? { hub: FAKE_HUB_SECTION } : {}) }));
  const device = await startDevice({ configPath, dataDir: join(options.dir, 'data'), ...(hub ? { hubLink: () => hub } : {}) });
  const host = await startBrowserHost({ core: device, rendererDir });
  const context = await options.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'ru' });
  const page = await context.newPage();
  const spoken: string[] = [];
  const speakUrl = new URL(requestPath('speak'), host.url).href;
  page.on('request', (request) => {
    if (request.url() !== speakUrl) return;
    // The page's body through the request's own schema: a malformed one fails the test here.
    const input = speakInputSchema.parse(request.postDataJSON());
    spoken.push(input.parts.map((part) => part.text).join(' '));
  });
  await page.goto(host.url);
  return {
    page,
    device,
    host,
    spoken: () => [...spoken],
    played: () => page.evaluate(() => Number(document.documentElement.dataset['speechPlayed'] ?? '0')),
    state: () => device.getState(),
    events(type) {
      const running = device.running();
      if (!running) return [];
      return running.store
        .journal()
        .readAfter(0, 1000)
        .filter((event) => event.type === type);
    },
    async close() {
      await context.close();
      await host.close();
      await device.close();
    },
  };
}

/** Waits until the page asked to say something containing each of `texts` (in one request), and returns it. */
export async function saidWith(kiosk: SpeakingKiosk, ...texts: string[]): Promise<string> {
  const find = () => kiosk.spoken().find((phrase) => texts.every((text) => phrase.includes(text)));
  await eventually(() => find() !== undefined, 30_000).toBe(true);
  return find() ?? '';
}
