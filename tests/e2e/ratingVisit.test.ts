import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { calledTicket, emptyWindow, FakeVisitHub, finishedTicket, officeSnapshot, TICKET_17 } from '../helpers/fakeVisitHub.ts';
import { openLinkedKiosk } from '../helpers/linkedKiosk.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The rating terminal at window 2 linked to its office hub (a fake link injected into the device,
 * the real browser host, Chromium): the ticket called, the operator serving, the invitation to rate,
 * a press linked to the visit, a second press for the same ticket `already-rated`; axe in ru and en
 * at the kiosk sizes.
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
  device: { id: 'e2e-w02', office: 'МФЦ района Тверской', window: '2' },
  rating: { scale: 5, cooldownSeconds: 60, thanksSeconds: 2, followUp: { enabled: false } },
};
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const status = (page: Page) => page.getByRole('status');
const scoreButton = (page: Page, score: number) => page.getByRole('button', { name: new RegExp(`^${score}\\b`) });
const linked = { ticketId: TICKET_17.ticketId, ticketNumber: 'П-017', serviceId: 'passport', operatorId: 'op-ivanova' };

describe('rating terminal linked to the office hub, in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('called → served by the operator → invited to rate → a linked rating; the same ticket again is already-rated', async () => {
    const hub = new FakeVisitHub();
    const kiosk = await openLinkedKiosk({ browser, dir: tempDir(), config: CONFIG, hub });
    const { page } = kiosk;
    try {
      // Before the hub: the terminal as ever.
      await eventually(() => heading(page).textContent()).toBe('Оцените качество обслуживания');
      expect(await status(page).count()).toBe(0);

      hub.connect(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17) }]));
      await eventually(() => status(page).textContent()).toBe('Приглашается талон П-017');
      await expectNoAxeViolations(page, 'called, ru');

      hub.setWindow('2', calledTicket(TICKET_17, 'serving'));
      await eventually(() => status(page).textContent()).toBe('Талон П-017Вас обслуживает Иванова Анна');
      await expectNoAxeViolations(page, 'serving, ru');

      hub.setWindow('2', finishedTicket(TICKET_17));
      await eventually(() => heading(page).textContent()).toBe('Оцените, пожалуйста, обслуживание');
      expect(await status(page).textContent()).toBe('Талон П-017Сотрудник: Иванова Анна');
      await expectNoAxeViolations(page, 'rate, ru');

      await scoreButton(page, 4).click();
      await eventually(() => heading(page).textContent()).toBe('Спасибо за оценку!');
      expect(kiosk.events('rating.').map((event) => [event.type, event.payload])).toEqual([
        ['rating.submitted', { score: 4, scale: 5, source: 'touch', window: '2', ...linked }],
      ]);
      // Rated: back to the plain screen, the visit is not invited again.
      await eventually(() => heading(page).textContent()).toBe('Оцените качество обслуживания');
      expect(await status(page).count()).toBe(0);

      // The same ticket back at this window (redirected here, it keeps its number): one rating per ticket.
      hub.setWindow('2', calledTicket(TICKET_17, 'serving'));
      await eventually(() => status(page).textContent()).toContain('П-017');
      await scoreButton(page, 1).click();
      await eventually(() => heading(page).textContent()).toBe('Спасибо, ваша оценка уже учтена');
      expect(kiosk.events('rating.').map((event) => [event.type, event.payload])).toEqual([
        ['rating.submitted', { score: 4, scale: 5, source: 'touch', window: '2', ...linked }],
        ['rating.suppressed', { score: 1, source: 'touch', reason: 'already-rated' }],
      ]);
    } finally {
      await kiosk.close();
    }
  });

  it('in English, and the hub going away leaves the plain terminal', async () => {
    const hub = new FakeVisitHub();
    const kiosk = await openLinkedKiosk({ browser, dir: tempDir(), config: CONFIG, hub });
    const { page } = kiosk;
    try {
      await scoreButton(page, 5).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      hub.connect(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17) }]));
      await eventually(() => status(page).textContent()).toBe('Now inviting П-017');
      await expectNoAxeViolations(page, 'called, en');
      hub.setWindow('2', calledTicket(TICKET_17, 'serving'));
      await eventually(() => status(page).textContent()).toBe('Ticket П-017You are being served by Иванова Анна');
      await expectNoAxeViolations(page, 'serving, en');
      hub.setWindow('2', finishedTicket(TICKET_17));
      await eventually(() => heading(page).textContent()).toBe('Please rate the service');
      await expectNoAxeViolations(page, 'rate, en');

      hub.disconnect();
      await eventually(() => heading(page).textContent()).toBe('Please rate our service');
      await scoreButton(page, 5).click();
      await eventually(() => kiosk.events('rating.').length).toBe(1);
      expect(kiosk.events('rating.')[0]?.payload).toEqual({ score: 5, scale: 5, source: 'touch', window: '2' });
    } finally {
      await kiosk.close();
    }
  });

  it.each([
    [800, 480],
    [1920, 1080],
    [1080, 1920],
  ])('at %i×%i the visit fits without scrolling and passes axe in ru and en', async (width, height) => {
    const hub = new FakeVisitHub();
    hub.connect(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17) }]));
    const kiosk = await openLinkedKiosk({ browser, dir: tempDir(), config: CONFIG, hub, viewport: { width, height } });
    const { page } = kiosk;
    const noPageScroll = () => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1 && document.documentElement.scrollWidth <= window.innerWidth + 1);
    try {
      for (const [phase, change] of [
        ['called', calledTicket(TICKET_17)],
        ['serving', calledTicket(TICKET_17, 'serving')],
        ['rate', finishedTicket(TICKET_17)],
      ] as const) {
        hub.setWindow('2', change);
        await eventually(() => page.locator(`.visit--${phase}`).count()).toBe(1);
        expect(await noPageScroll(), `${phase} at ${width}×${height}`).toBe(true);
        await expectNoAxeViolations(page, `${phase}, ru, ${width}×${height}`);
      }
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => heading(page).textContent()).toBe('Please rate the service');
      expect(await noPageScroll()).toBe(true);
      await expectNoAxeViolations(page, `rate, en, ${width}×${height}`);
    } finally {
      await kiosk.close();
    }
  });
});
