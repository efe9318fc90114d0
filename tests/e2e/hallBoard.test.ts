import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Locale } from '../../shared/config.ts';
import type { HallCall } from '../../shared/office/officeSnapshot.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { officeSnapshot } from '../helpers/fakeHubLink.ts';
import { serveOfficeFace } from '../helpers/servedOfficeFace.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The hall board (device.mode "hall") in Chromium at 1920×1080 and a kiosk size, against the browser
 * host with a fake hub link: the waiting per service, a call shown large and announced, the last
 * calls, "no connection" with the last update, and a full re-sync when the hub is back; axe in ru and en.
 */

const tempDir = useTempDirs();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const call = (number: string, window: string, recall = 0): HallCall => ({
  ticketId: `0196a5d2-0000-7000-8000-${number.replace(/\D/g, '').padStart(12, '0')}`,
  number,
  window,
  windowLabel: `Окно ${window}`,
  at: '2026-11-23T07:15:00.000Z',
  recall,
});

const WORDS = {
  ru: { waiting: '3 человека', announce: 'Талон П-017: Окно 2', recall: 'Повторный вызов. Талон П-017: Окно 2', noConnection: 'Нет связи с сервером очереди', lastUpdate: 'Последнее обновление', noCalls: 'Ожидайте вызова' },
  en: { waiting: '3 people', announce: 'Ticket П-017: Окно 2', recall: 'Called again. Ticket П-017: Окно 2', noConnection: 'No connection to the queue server', lastUpdate: 'Last update', noCalls: 'Please wait for your number' },
} as const;

describe('hall board in Chromium', { timeout: E2E_TEST_MS }, () => {
  it.each(['ru', 'en'] as const)('%s: waiting counts, a call large and announced, no connection, back again', async (locale: Locale) => {
    const words = WORDS[locale];
    const served = await serveOfficeFace({ browser, dir: tempDir(), mode: 'hall', locale, now: () => new Date(Date.now() - 60_000) });
    const { page, link } = served;
    try {
      link.push(officeSnapshot({ revision: 1 }));
      await eventually(() => page.locator('[data-service="passport"]').textContent()).toContain(words.waiting);
      await eventually(() => page.locator('.hall-now__empty').textContent()).toBe(words.noCalls);
      await expectNoAxeViolations(page, `${locale}: the board, no call yet`);

      link.push(officeSnapshot({ revision: 2, calls: [call('П-017', '2'), call('Н-501', '3'), call('П-016', '3')] }));
      await eventually(() => page.getByTestId('hall-current').textContent()).toBe('П-017→Окно 2');
      await eventually(() => page.getByTestId('hall-announce').textContent()).toBe(words.announce);
      await eventually(() => page.locator('.hall-table tbody tr').allTextContents()).toEqual(['Н-501Окно 3', 'П-016Окно 3']);
      await expectNoAxeViolations(page, `${locale}: the board with calls`);

      link.push(officeSnapshot({ revision: 3, calls: [call('П-017', '2', 1), call('Н-501', '3'), call('П-016', '3')] }));
      await eventually(() => page.getByTestId('hall-announce').textContent()).toBe(words.recall);

      link.disconnect();
      const banner = page.getByTestId('hub-banner');
      await eventually(() => banner.textContent()).toMatch(new RegExp(`^${words.noConnection}${words.lastUpdate} \\d\\d:\\d\\d:\\d\\d$`));
      await expectNoAxeViolations(page, `${locale}: the board without the hub`);

      // The hub is back, restarted: its first snapshot replaces the board whole.
      link.push(officeSnapshot({ revision: 1, calls: [] }));
      await eventually(() => banner.textContent()).toBe('');
      await eventually(() => page.locator('.hall-now__empty').textContent()).toBe(words.noCalls);
      await eventually(() => page.locator('.hall-table tbody tr').count()).toBe(0);
    } finally {
      await served.close();
    }
  });

  it.each([
    { width: 1280, height: 800 },
    { width: 800, height: 480 },
    { width: 1080, height: 1920 },
  ])('axe-clean at $width×$height', async (viewport) => {
    const served = await serveOfficeFace({ browser, dir: tempDir(), mode: 'hall', locale: 'ru', viewport });
    try {
      served.link.push(officeSnapshot({ calls: [call('П-017', '2'), call('Н-501', '3')] }));
      await eventually(() => served.page.getByTestId('hall-current').textContent()).toBe('П-017→Окно 2');
      await expectNoAxeViolations(served.page, `ru: the board at ${viewport.width}×${viewport.height}`);
    } finally {
      await served.close();
    }
  });
});
