import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { FakeVisitHub } from '../helpers/fakeVisitHub.ts';
import { openLinkedKiosk } from '../helpers/linkedKiosk.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The ticket dispenser linked to its office hub (a fake link injected into the device, the real
 * browser host, Chromium): the ticket screen says the people ahead and the estimate; a hub that never
 * answers does not hold the ticket back.
 */

const tempDir = useTempDirs();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const CONFIG = {
  device: { id: 'e2e-hall', office: 'МФЦ района Тверской', window: '1', mode: 'tickets', timezone: 'Europe/Moscow' },
  queue: {
    services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }],
    ticketSeconds: 60,
  },
};
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const main = (page: Page) => page.getByRole('main');

describe('ticket dispenser with people ahead, in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('the ticket shows the people ahead and about how long, in ru and en', async () => {
    const hub = new FakeVisitHub();
    hub.aheadAnswer = { serviceId: 'passport', ahead: 4, estimateMinutes: 10 };
    const kiosk = await openLinkedKiosk({ browser, dir: tempDir(), config: CONFIG, hub });
    const { page } = kiosk;
    try {
      await page.getByRole('button', { name: /^Паспорт/ }).click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');
      expect(await main(page).textContent()).toContain('Перед вами: 4 человека, примерно 10\u00a0мин');
      await expectNoAxeViolations(page, 'ticket with people ahead, ru');

      await page.getByRole('button', { name: 'Готово' }).click();
      await page.getByRole('button', { name: 'English' }).click();
      hub.aheadAnswer = { serviceId: 'passport', ahead: 0, estimateMinutes: 0 };
      await page.getByRole('button', { name: /^Passport/ }).click();
      await eventually(() => heading(page).textContent()).toBe('Your ticket П-002');
      expect(await main(page).textContent()).toContain('You are next');
      await expectNoAxeViolations(page, 'ticket with nobody ahead, en');
    } finally {
      await kiosk.close();
    }
  });

  it('a hub that never answers: the ticket still comes out, without the people ahead', async () => {
    const hub = new FakeVisitHub();
    hub.aheadAnswer = 'never';
    const kiosk = await openLinkedKiosk({ browser, dir: tempDir(), config: CONFIG, hub });
    const { page } = kiosk;
    try {
      await page.getByRole('button', { name: /^Паспорт/ }).click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');
      expect(await main(page).textContent()).not.toContain('Перед вами');
      expect(hub.aheadAsked).toEqual([{ serviceId: 'passport', timeoutMs: 300 }]);
      expect(kiosk.events('ticket.issued')).toHaveLength(1);
    } finally {
      await kiosk.close();
    }
  });

  it.each([
    [800, 480],
    [1920, 1080],
    [1080, 1920],
  ])('at %i×%i the ticket with people ahead fits and passes axe', async (width, height) => {
    const hub = new FakeVisitHub();
    hub.aheadAnswer = { serviceId: 'passport', ahead: 14, estimateMinutes: 35 };
    const kiosk = await openLinkedKiosk({ browser, dir: tempDir(), config: CONFIG, hub, viewport: { width, height } });
    const { page } = kiosk;
    try {
      await page.getByRole('button', { name: /^Паспорт/ }).click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');
      expect(await main(page).textContent()).toContain('Перед вами: 14 человек, примерно 35\u00a0мин');
      const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1 && document.documentElement.scrollWidth <= window.innerWidth + 1);
      expect(fits).toBe(true);
      await expectNoAxeViolations(page, `ticket with people ahead, ${width}×${height}`);
    } finally {
      await kiosk.close();
    }
  });
});
