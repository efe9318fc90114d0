import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import { startButtonSimulator } from '../../electron/simulators/buttonSimulator.ts';
import { openPtyPair } from '../../electron/simulators/ptyPair.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { requireSocat } from '../helpers/socat.ts';
import { startServe, type ServeProcess } from '../helpers/okno.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Kiosk {
  readonly page: Page;
  readonly serve: ServeProcess;
  readonly dataDir: string;
  ratings(): { type: string; payload: Record<string, unknown> }[];
  close(): Promise<void>;
}

interface KioskOptions {
  readonly dataDir?: string;
  readonly viewport?: { width: number; height: number };
  readonly buttonsPath?: string;
  /** Runs on the page before it is opened (routes). */
  readonly beforeLoad?: (page: Page) => Promise<unknown>;
}

async function openKiosk(options: KioskOptions = {}): Promise<Kiosk> {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      device: { id: 'e2e-w05', office: 'МФЦ района Тверской', window: '5' },
      // Screens that time out are timed by the core, not by the test: long enough that a slow machine
      // still presses within them (a press after the thanks screen is within the cooldown; the question
      // waits for its answer), short where a test waits for the end (thanks, 4 s).
      rating: { scale: 5, cooldownSeconds: 60, thanksSeconds: 4, followUp: { seconds: 120 } },
      ...(options.buttonsPath ? { buttons: { path: options.buttonsPath } } : {}),
    }),
  );
  const dataDir = options.dataDir ?? join(dir, 'data');
  const serve = await startServe(['--config', config, '--data-dir', dataDir]);
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  await options.beforeLoad?.(page);
  await page.goto(serve.url);
  return {
    page,
    serve,
    dataDir,
    ratings() {
      const db = new Database(join(dataDir, 'okno.db'), { readonly: true });
      try {
        return (db.prepare("SELECT type, payload FROM events WHERE type LIKE 'rating.%' ORDER BY seq").all() as { type: string; payload: string }[]).map(
          (row) => ({ type: row.type, payload: JSON.parse(row.payload) as Record<string, unknown> }),
        );
      } finally {
        db.close();
      }
    },
    async close() {
      await context.close();
      await serve.stop();
    },
  };
}

const buttonsState = (dataDir: string): string | undefined => {
  try {
    return (JSON.parse(readFileSync(join(dataDir, 'status.json'), 'utf8')) as { buttons?: { state: string } }).buttons?.state;
  } catch {
    return undefined;
  }
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const scoreButton = (page: Page, score: number) => page.getByRole('button', { name: new RegExp(`^${score}\\b`) });

describe('rating terminal in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('touch 5 → thank you → exactly one rating.submitted with score 5', async () => {
    const kiosk = await openKiosk();
    try {
      await eventually(() => heading(kiosk.page).textContent()).toBe('Оцените качество обслуживания');
      await eventually(() => kiosk.page.getByText('Окно 5').count()).toBeGreaterThan(0);
      await scoreButton(kiosk.page, 5).click();
      await eventually(() => heading(kiosk.page).textContent()).toMatch(/Спасибо/);
      expect(kiosk.ratings()).toEqual([{ type: 'rating.submitted', payload: { score: 5, scale: 5, source: 'touch', window: '5' } }]);
    } finally {
      await kiosk.close();
    }
  });

  it('key 2 → the follow-up question; an answer is recorded', async () => {
    const kiosk = await openKiosk();
    try {
      await scoreButton(kiosk.page, 1).waitFor();
      await kiosk.page.keyboard.press('2');
      await eventually(() => heading(kiosk.page).textContent()).toBe('Что можно улучшить?');
      await kiosk.page.getByRole('button', { name: /ожидания/i }).click();
      await eventually(() => heading(kiosk.page).textContent()).toMatch(/Спасибо/);
      expect(kiosk.ratings()).toEqual([
        { type: 'rating.submitted', payload: { score: 2, scale: 5, source: 'keyboard', window: '5' } },
        { type: 'rating.followUp', payload: { ratingId: expect.any(String), reason: 'waiting' } },
      ]);
    } finally {
      await kiosk.close();
    }
  });

  it('a second press during thanks is recorded as rating.suppressed; still one rating', async () => {
    const kiosk = await openKiosk();
    try {
      await scoreButton(kiosk.page, 4).click();
      await eventually(() => heading(kiosk.page).textContent()).toMatch(/Спасибо/);
      await kiosk.page.keyboard.press('5');
      await eventually(() => kiosk.ratings().length).toBe(2);
      expect(kiosk.ratings()).toEqual([
        { type: 'rating.submitted', payload: { score: 4, scale: 5, source: 'touch', window: '5' } },
        { type: 'rating.suppressed', payload: { score: 5, source: 'keyboard', reason: 'thanks-screen' } },
      ]);
    } finally {
      await kiosk.close();
    }
  });

  it('keys pressed before the first state arrives are held, then recorded in order: none is lost', async () => {
    // The state and its event stream are held back until the keys were pressed: the page is running
    // (its script asked for the state) but cannot judge a press yet.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let asked: () => void = () => undefined;
    const stateAsked = new Promise<void>((resolve) => (asked = resolve));
    const kiosk = await openKiosk({
      beforeLoad: (page) =>
        page.route(
          (url) => url.pathname === '/api/state' || url.pathname === '/api/events',
          async (route) => {
            asked();
            await released;
            await route.continue();
          },
        ),
    });
    try {
      await stateAsked;
      await kiosk.page.locator('.terminal--connecting').waitFor();
      await kiosk.page.keyboard.press('4');
      await kiosk.page.keyboard.press('2');
      expect(kiosk.ratings()).toEqual([]);
      release();
      // The first press is the vote, the second an extra press of the same visit.
      await eventually(() => kiosk.ratings()).toEqual([
        { type: 'rating.submitted', payload: { score: 4, scale: 5, source: 'keyboard', window: '5' } },
        { type: 'rating.suppressed', payload: { score: 2, source: 'keyboard', reason: 'thanks-screen' } },
      ]);
      await eventually(() => heading(kiosk.page).textContent()).toMatch(/Спасибо/);
    } finally {
      release();
      await kiosk.close();
    }
  });

  it('a press on the serial button device (a real pty) shows the thank-you screen and lights its LED', async () => {
    requireSocat();
    const pair = await openPtyPair();
    const acks: number[] = [];
    const simulator = await startButtonSimulator(systemSerialPorts, pair.devicePath, { onAck: (b) => acks.push(b) });
    const kiosk = await openKiosk({ buttonsPath: pair.hostPath });
    try {
      await eventually(() => heading(kiosk.page).textContent()).toBe('Оцените качество обслуживания');
      // The host opens the port a moment after it serves: press once it says it is connected.
      await eventually(() => buttonsState(kiosk.dataDir)).toBe('connected');
      simulator.press(4);
      await eventually(() => heading(kiosk.page).textContent()).toMatch(/Спасибо/);
      expect(kiosk.ratings()).toEqual([{ type: 'rating.submitted', payload: { score: 4, scale: 5, source: 'serial', window: '5' } }]);
      await eventually(() => acks).toEqual([4]);
    } finally {
      await kiosk.close();
      await simulator.close();
      await pair.close();
    }
  });

  it('switches the language and goes back to Russian when the visit ends', async () => {
    const kiosk = await openKiosk();
    try {
      await kiosk.page.getByRole('button', { name: 'English' }).click();
      await eventually(() => heading(kiosk.page).textContent()).toBe('Please rate our service');
      // The page's lang follows the text in an effect after the render: a state of its own to wait for.
      await eventually(() => kiosk.page.evaluate(() => document.documentElement.lang)).toBe('en');
      await scoreButton(kiosk.page, 5).click();
      await eventually(() => heading(kiosk.page).textContent()).toBe('Thank you for your rating!');
      await eventually(() => heading(kiosk.page).textContent()).toBe('Оцените качество обслуживания');
      await eventually(() => kiosk.page.evaluate(() => document.documentElement.lang)).toBe('ru');
    } finally {
      await kiosk.close();
    }
  });

  it('a reload in the middle of a visit shows what the core says, not a fresh start', async () => {
    const kiosk = await openKiosk();
    try {
      await scoreButton(kiosk.page, 1).click();
      await eventually(() => heading(kiosk.page).textContent()).toBe('Что можно улучшить?');
      await kiosk.page.reload();
      await eventually(() => heading(kiosk.page).textContent()).toBe('Что можно улучшить?');
    } finally {
      await kiosk.close();
    }
  });

  describe.each(['ru', 'en'] as const)('accessibility (axe, WCAG 2.2 A/AA) in %s', (locale) => {
    const toLocale = async (page: Page) => {
      if (locale === 'en') await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
    };

    it('start, follow-up, thanks and already-counted screens', async () => {
      const kiosk = await openKiosk();
      try {
        await scoreButton(kiosk.page, 1).waitFor();
        await toLocale(kiosk.page);
        await expectNoAxeViolations(kiosk.page, `start (${locale})`);
        await scoreButton(kiosk.page, 1).click();
        await kiosk.page.locator('.screen--follow-up').waitFor();
        await expectNoAxeViolations(kiosk.page, `follow-up (${locale})`);
        await kiosk.page.locator('.reasons__button--skip').click();
        await kiosk.page.locator('.screen--thanks-voted').waitFor();
        await expectNoAxeViolations(kiosk.page, `thanks (${locale})`);
        // Back at the start but within the cooldown: a press says the vote already counts.
        await kiosk.page.locator('.screen--idle').waitFor();
        await kiosk.page.keyboard.press('3');
        await kiosk.page.locator('.screen--thanks-already-counted').waitFor();
        expect(kiosk.ratings().at(-1)).toEqual({ type: 'rating.suppressed', payload: { score: 3, source: 'keyboard', reason: 'cooldown' } });
        await expectNoAxeViolations(kiosk.page, `already counted (${locale})`);
      } finally {
        await kiosk.close();
      }
    });

    it('the not-saved screen and the technician banner (storage unavailable)', async () => {
      const blocked = join(tempDir(), 'not-a-directory');
      writeFileSync(blocked, '');
      const kiosk = await openKiosk({ dataDir: blocked });
      try {
        await scoreButton(kiosk.page, 5).waitFor();
        await toLocale(kiosk.page);
        await eventually(() => kiosk.page.getByRole('status').or(kiosk.page.getByRole('alert')).count()).toBeGreaterThan(0);
        await expectNoAxeViolations(kiosk.page, `start with banner (${locale})`);
        await scoreButton(kiosk.page, 5).click();
        await kiosk.page.locator('.screen--not-saved').waitFor();
        await expectNoAxeViolations(kiosk.page, `not saved (${locale})`);
      } finally {
        await kiosk.close();
      }
    });
  });

  it.each([
    [800, 480],
    [1920, 1080],
    [1080, 1920],
  ])('at %i×%i every rating button is on screen and large enough to touch', async (width, height) => {
    const kiosk = await openKiosk({ viewport: { width, height } });
    try {
      await scoreButton(kiosk.page, 5).waitFor();
      for (let score = 1; score <= 5; score += 1) {
        const box = await scoreButton(kiosk.page, score).boundingBox();
        expect(box, `button ${score}`).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        expect(box!.y + box!.height).toBeLessThanOrEqual(height);
        expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(44);
      }
      expect(await kiosk.page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    } finally {
      await kiosk.close();
    }
  });
});
