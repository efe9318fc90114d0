/**
 * What a citizen's first load fetches, in Chromium against the browser host: the page and everything
 * the browser asks for until the start screen is there (the entry script and stylesheet, then the
 * face's own chunks), for a rating terminal and a ticket dispenser; the state and its event stream
 * (/api/) are not counted. Printed: how many files, their raw bytes, what gzip -9 and brotli 11 make
 * of them, and the bytes that went over the wire (what the host sent: brotli where the build
 * precompressed the file, else the file itself).
 *
 *   npm run build && node bench/firstLoad.ts [RENDERER_DIR]
 *
 * RENDERER_DIR (default dist/renderer) lets another build be measured the same way, to compare.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startBrowserHost } from '../electron/browserHost/browserHost.ts';
import { startDevice } from '../electron/core/device/device.ts';
import { packageRoot } from '../electron/core/version.ts';
import { launchChromium } from '../tests/helpers/chromium.ts';

type Report = (name: string, value: string) => void;

const FACES = {
  'rating terminal': {
    config: { device: { id: 'bench-w05', office: 'МФЦ района Тверской', window: '5' } },
    screen: '.screen--idle',
  },
  'ticket dispenser': {
    config: {
      device: { id: 'bench-hall', office: 'МФЦ района Тверской', window: 'зал 1', mode: 'tickets' },
      queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }] },
    },
    screen: '.screen--menu',
  },
} as const;

interface Fetched {
  readonly path: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
  readonly wire: number;
}

const bytes = (count: number): string => `${count.toLocaleString('en')} B (${(count / 1024).toFixed(1)} KiB)`;

/** Every file the page fetched until its start screen was there, with its sizes. */
async function fetchedUntil(page: Page, url: string, screen: string): Promise<Fetched[]> {
  const pending: Promise<Fetched>[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/api/')) return;
    pending.push(
      (async () => {
        const body = await response.body();
        const sizes = await response.request().sizes();
        return {
          path,
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
          brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length,
          wire: sizes.responseBodySize,
        };
      })(),
    );
  });
  await page.goto(url);
  await page.locator(screen).waitFor();
  // What the first screen asked for is answered by now; a moment for the last responses to be read.
  await page.waitForTimeout(300);
  return Promise.all(pending);
}

export async function benchFirstLoad(report: Report, rendererDir = join(packageRoot(), 'dist', 'renderer')): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'okno-bench-first-load-'));
  const browser = await launchChromium();
  try {
    for (const [face, { config, screen }] of Object.entries(FACES)) {
      const configPath = join(work, `${face}.json`);
      writeFileSync(configPath, JSON.stringify(config));
      const device = await startDevice({ configPath, dataDir: join(work, face) });
      const host = await startBrowserHost({ core: device, rendererDir });
      // A fresh context each time: nothing comes from the cache.
      const context = await browser.newContext();
      try {
        const files = await fetchedUntil(await context.newPage(), host.url, screen);
        const sum = (key: keyof Omit<Fetched, 'path'>): number => files.reduce((total, file) => total + file[key], 0);
        report(`first load, ${face}: files`, `${files.length} (${files.map((file) => file.path.replace(/^\/assets\//, '')).join(', ')})`);
        report(`first load, ${face}: raw`, bytes(sum('raw')));
        report(`first load, ${face}: gzip -9`, bytes(sum('gzip')));
        report(`first load, ${face}: brotli 11`, bytes(sum('brotli')));
        report(`first load, ${face}: over the wire`, bytes(sum('wire')));
      } finally {
        await context.close();
        await host.close();
        await device.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const dir = process.argv[2];
  await benchFirstLoad((name, value) => console.log(`${name.padEnd(44)} ${value}`), dir ? resolve(dir) : undefined);
}
