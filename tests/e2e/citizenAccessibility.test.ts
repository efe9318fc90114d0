import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/config.ts';
import type { WindowState, WindowTicket } from '../../shared/office/officeSnapshot.ts';
import { lowContrastTexts, pageOverflow, smallTargets, wrongLanguageTexts } from '../helpers/a11yAudit.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { officeSnapshot as hubSnapshot } from '../helpers/fakeHubLink.ts';
import { calledTicket, emptyWindow, FakeVisitHub, finishedTicket, officeSnapshot as visitSnapshot, TICKET_17, TICKET_18 } from '../helpers/fakeVisitHub.ts';
import { openLinkedKiosk } from '../helpers/linkedKiosk.ts';
import { startServe, type ServeProcess } from '../helpers/okno.ts';
import { serveOfficeFace } from '../helpers/servedOfficeFace.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * What a second look at the citizen screens found, kept fixed (issue #15, item 7): config text and
 * ticket numbers marked with their language on every face (WCAG 3.1.2), the countdown said at a few
 * moments (WCAG 2.2.1), *Back* first in the Tab order of an open group (WCAG 2.4.3), every control of
 * the rating terminal and the dispenser at least 2 cm (79 CSS px) at the kiosk sizes, every text at
 * least 7:1 (WCAG 1.4.6), axe clean throughout. The small panels (800×480, 1024×600) too: 2-cm controls
 * and no page scroll in every phase of the rating terminal and on the dispenser, speech mode off and on.
 */

const tempDir = useTempDirs();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Today in the device's time zone: a service open every other day is closed, shown disabled with its reason. */
const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', weekday: 'short' }).format(new Date()).toLowerCase().slice(0, 3);

const SERVICES = [
  { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' }, bring: { ru: 'Паспорт и фото', en: 'Passport and a photo' } },
  { id: 'snils', prefix: 'С', range: [1, 499], name: { ru: 'СНИЛС', en: 'SNILS' }, bring: { ru: 'Паспорт', en: 'Passport' }, dailyLimit: 1 },
  { id: 'property', prefix: 'Н', range: [1, 499], name: { ru: 'Недвижимость', en: 'Real estate' }, hours: [{ days: WEEKDAYS.filter((day) => day !== today), from: '09:00', to: '18:00' }] },
  { id: 'foreign', prefix: 'З', range: [1, 499], name: { ru: 'Загранпаспорт', en: 'International passport' }, group: 'docs' },
  // No English text: the Russian one is shown on the English screen.
  { id: 'licence', prefix: 'В', range: [1, 499], name: { ru: 'Водительское удостоверение' }, bring: { ru: 'Паспорт и медицинская справка' }, group: 'docs' },
];
const GROUPS = [{ id: 'docs', name: { ru: 'Документы и удостоверения', en: 'Documents and IDs' } }];
// A hint with an English word in the Russian text, and the Russian office's name in the English one.
const HINT = { ru: 'Ожидайте вызова на табло Hall 2', en: 'Wait for your number on the display of МФЦ' };

interface Served {
  readonly page: Page;
  close(): Promise<void>;
}

async function serve(device: object, queue: object | null, viewport: { width: number; height: number }, extra: object = {}): Promise<Served & { serve: ServeProcess }> {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ device, ...(queue ? { queue } : {}), ...extra }));
  const served = await startServe(['--config', config, '--data-dir', join(dir, 'data')]);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(served.url);
  return {
    page,
    serve: served,
    async close() {
      await context.close();
      await served.stop();
    },
  };
}

const openDispenser = async (viewport = { width: 1280, height: 800 }, ticketSeconds = 30) => {
  const kiosk = await serve(
    { id: 'e2e-a11y-hall', office: 'МФЦ района Тверской', window: '1', mode: 'tickets', timezone: 'Europe/Moscow' },
    { services: SERVICES, groups: GROUPS, hint: HINT, ticketSeconds },
    viewport,
  );
  await kiosk.page.locator('.screen--menu').waitFor();
  return kiosk;
};
const openRating = async (viewport = { width: 1280, height: 800 }) => {
  const kiosk = await serve({ id: 'e2e-a11y-w05', office: 'МФЦ района Тверской', window: '5' }, null, viewport, {
    rating: { scale: 5, cooldownSeconds: 60, thanksSeconds: 30, followUp: { seconds: 120 } },
  });
  await kiosk.page.locator('.screen--idle').waitFor();
  return kiosk;
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name}`) });
const toEnglish = async (page: Page) => {
  await page.getByRole('button', { name: 'English' }).click();
  await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
};

describe('citizen screens, a second accessibility look', { timeout: E2E_TEST_MS }, () => {
  describe('the language of parts (WCAG 3.1.2)', () => {
    it('the dispenser: the office, services, "what to bring", the hint and the ticket number carry their own lang', async () => {
      const kiosk = await openDispenser();
      const { page } = kiosk;
      try {
        expect(await wrongLanguageTexts(page), 'menu, ru').toEqual([]);
        await toEnglish(page);
        expect(await wrongLanguageTexts(page), 'menu, en').toEqual([]);
        await button(page, 'Documents and IDs').click();
        await eventually(() => heading(page).textContent()).toBe('Documents and IDs');
        expect(await wrongLanguageTexts(page), 'group, en').toEqual([]);
        await button(page, 'Водительское').click();
        await eventually(() => heading(page).textContent()).toBe('Your ticket В-001');
        expect(await page.locator('.ticket__number [lang="ru"]').textContent()).toBe('В-001');
        expect(await wrongLanguageTexts(page), 'ticket, en').toEqual([]);
        await page.getByRole('button', { name: 'Done' }).click();
        await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
        await button(page, 'Паспорт').click();
        await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');
        expect(await page.locator('.ticket-info__wait [lang="en"]').textContent()).toBe('Hall 2');
        expect(await wrongLanguageTexts(page), 'ticket, ru').toEqual([]);
      } finally {
        await kiosk.close();
      }
    });

    it('the rating terminal: the ticket called and the operator serving, in English', async () => {
      const hub = new FakeVisitHub();
      const kiosk = await openLinkedKiosk({
        browser,
        dir: tempDir(),
        config: { device: { id: 'e2e-a11y-w02', office: 'МФЦ района Тверской', window: '2' }, rating: { scale: 5, followUp: { enabled: false } } },
        hub,
      });
      const { page } = kiosk;
      try {
        await page.locator('.screen--idle').waitFor();
        await toEnglish(page);
        hub.connect(visitSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17, 'serving') }]));
        await eventually(() => page.getByRole('status').textContent()).toBe('Ticket П-017You are being served by Иванова Анна');
        expect(await wrongLanguageTexts(page), 'serving, en').toEqual([]);
        expect(await page.locator('.visit__operator [lang="ru"]').textContent()).toBe('Иванова Анна');
        await expectNoAxeViolations(page, 'serving, en');
      } finally {
        await kiosk.close();
      }
    });

    it.each(['ru', 'en'] as const)('the hall board in %s: the office, numbers, windows and services', async (locale: Locale) => {
      const served = await serveOfficeFace({ browser, dir: tempDir(), mode: 'hall', locale });
      const { page, link } = served;
      const call = { ticketId: '0196a5d2-0000-7000-8000-000000000017', number: 'П-017', window: '2', windowLabel: 'Окно 2', at: '2026-11-23T07:15:00.000Z', recall: 0 };
      try {
        link.push(hubSnapshot({ revision: 1, calls: [call, { ...call, ticketId: '0196a5d2-0000-7000-8000-000000000016', number: 'П-016', recall: 0 }] }));
        await eventually(() => page.getByTestId('hall-current').textContent()).toBe('П-017→Окно 2');
        expect(await wrongLanguageTexts(page), `hall, ${locale}`).toEqual([]);
      } finally {
        await served.close();
      }
    });

    it("the operator's console in English: the office, the window, the operator, the ticket and the services", async () => {
      const served = await serveOfficeFace({ browser, dir: tempDir(), mode: 'operator', locale: 'en' });
      const { page, link } = served;
      try {
        link.push(hubSnapshot({ revision: 1 }));
        await eventually(() => heading(page).textContent()).toBe('Sign in at Окно 2');
        expect(await wrongLanguageTexts(page), 'sign in, en').toEqual([]);
        const base = hubSnapshot();
        const current: WindowTicket = { ticketId: '0196a5d2-0000-7000-8000-000000000018', number: 'П-018', serviceId: 'passport', phase: 'serving', calledAt: '2026-11-23T07:14:00.000Z', recalls: 0, waitedSeconds: 240 };
        const window2: WindowState = { id: '2', label: 'Окно 2', services: ['passport'], status: 'open', operator: { id: 'petrov', name: 'Петров И.' }, current, lastFinished: null };
        link.push({ ...base, revision: 2, windows: [window2, ...base.windows.filter((each) => each.id !== '2')] });
        await eventually(() => page.getByTestId('current-ticket').count()).toBe(1);
        expect(await wrongLanguageTexts(page), 'desk, en').toEqual([]);
      } finally {
        await served.close();
      }
    });
  });

  it('the countdown is said when the screen opens and at 10 s and 5 s left, not every second (WCAG 2.2.1)', async () => {
    const kiosk = await openDispenser({ width: 1280, height: 800 }, 30);
    const { page } = kiosk;
    try {
      // The page's clock is a fake one: the countdown runs when the test says, however slow the machine.
      await page.clock.install();
      await page.reload();
      await page.locator('.screen--menu').waitFor();
      await button(page, 'Паспорт').click();
      await page.locator('.screen--ticket').waitFor();
      const said = page.getByTestId('countdown-announcement');
      expect(await said.getAttribute('aria-live')).toBe('polite');
      await page.clock.runFor(400);
      await eventually(() => said.textContent()).toMatch(/^Меню откроется через (29|30) секунд$/);
      const first = await said.textContent();
      await page.clock.runFor(5_000);
      expect(await said.textContent(), 'nothing new said between the moments').toBe(first);
      expect(await page.getByRole('timer').textContent()).toMatch(/через 2[45] секунд/);
      await page.clock.runFor(15_000);
      await eventually(() => said.textContent()).toBe('Меню откроется через 10 секунд');
      await page.clock.runFor(3_000);
      expect(await said.textContent()).toBe('Меню откроется через 10 секунд');
      await page.clock.runFor(2_000);
      await eventually(() => said.textContent()).toBe('Меню откроется через 5 секунд');
    } finally {
      await kiosk.close();
    }
  });

  it('keyboard only: in an open group, Tab reaches Back before the first service (WCAG 2.4.3)', async () => {
    const kiosk = await openDispenser();
    const { page } = kiosk;
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    try {
      let steps = 0;
      while (!(await focused()).startsWith('Документы и удостоверения')) {
        steps += 1;
        expect(steps, 'Tab reaches the group').toBeLessThan(20);
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      await eventually(() => heading(page).textContent()).toBe('Документы и удостоверения');
      // The group's heading has the focus (a screen reader names the new list); the next Tab is Back.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Назад');
      await page.keyboard.press('Tab');
      expect(await focused()).toMatch(/^Загранпаспорт/);
      // The order is the DOM's, never a positive tabindex.
      expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()).toBe(0);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
    } finally {
      await kiosk.close();
    }
  });

  describe.each([
    [1920, 1080],
    [1280, 800],
    [1080, 1920],
  ])('at %i×%i: every control at least 2 cm (79 px), every text at least 7:1, axe clean', (width, height) => {
    const check = async (page: Page, screen: string) => {
      expect(await smallTargets(page), `controls under 79 px on ${screen}`).toEqual([]);
      expect(await lowContrastTexts(page), `texts under 7:1 on ${screen}`).toEqual([]);
      await expectNoAxeViolations(page, screen);
    };

    it('the dispenser: menu, group, ticket, in ru and en', async () => {
      const kiosk = await openDispenser({ width, height });
      const { page } = kiosk;
      try {
        for (const locale of ['ru', 'en'] as const) {
          if (locale === 'en') await toEnglish(page);
          await check(page, `menu (${locale})`);
          await page.locator('.service--group').first().click();
          await page.locator('.screen--menu-group').waitFor();
          await check(page, `group (${locale})`);
          await page.locator('.service--available').first().click();
          await page.locator('.screen--ticket').waitFor();
          await check(page, `ticket (${locale})`);
          await page.locator('.done-button').click();
          await page.locator('.screen--menu-start').waitFor();
        }
      } finally {
        await kiosk.close();
      }
    });

    it('the rating terminal: start, the question, thanks, in ru and en', async () => {
      const kiosk = await openRating({ width, height });
      const { page } = kiosk;
      try {
        await check(page, 'start (ru)');
        await toEnglish(page);
        await check(page, 'start (en)');
        await button(page, '1').click();
        await page.locator('.screen--follow-up').waitFor();
        await check(page, 'question (en)');
        await page.locator('.reasons__button--skip').click();
        await page.locator('.screen--thanks').waitFor();
        await check(page, 'thanks (en)');
      } finally {
        await kiosk.close();
      }
    });
  });

  describe.each([
    [800, 480],
    [1024, 600],
  ])('a small panel, %i×%i: 2-cm controls without page scroll, speech mode off and on', (width, height) => {
    /** Every problem of a screen, gathered, so that one run shows all of them. */
    const problems = async (page: Page, screen: string): Promise<string[]> => {
      const found = [...(await pageOverflow(page)), ...(await smallTargets(page)), ...(await lowContrastTexts(page)), ...(await wrongLanguageTexts(page))];
      await expectNoAxeViolations(page, `${screen}, ${width}×${height}`);
      return found.map((problem) => `${screen}: ${problem}`);
    };
    const toLocale = async (page: Page, locale: Locale) => {
      await page.locator(`.language-switch__option[lang="${locale}"]`).click();
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
    };
    /** Speech mode as asked: the visible button pressed or not (the core turns it off at each new start). */
    const setSpeech = async (page: Page, on: boolean) => {
      const speechButton = page.locator('.speech-button');
      if ((await speechButton.getAttribute('aria-pressed')) !== String(on)) await speechButton.click();
      await eventually(() => speechButton.getAttribute('aria-pressed')).toBe(String(on));
      await eventually(() => page.locator('.speech-volume__button').count()).toBe(on ? 2 : 0);
    };
    const RATING = { device: { id: 'e2e-a11y-w02', office: 'МФЦ района Тверской', window: '2' }, rating: { scale: 5, cooldownSeconds: 0, thanksSeconds: 1, followUp: { seconds: 120 } } };

    it.each([false, true])('the rating terminal, speech on: %s — the start, called, serving, rate, the question, thanks, in ru and en', async (speechOn) => {
      const hub = new FakeVisitHub();
      const kiosk = await openLinkedKiosk({ browser, dir: tempDir(), config: RATING, hub, viewport: { width, height } });
      const { page } = kiosk;
      const found: string[] = [];
      try {
        await page.locator('.screen--idle').waitFor();
        for (const [locale, ticket] of [['ru', TICKET_17], ['en', TICKET_18]] as const) {
          await toLocale(page, locale);
          await setSpeech(page, speechOn);
          found.push(...(await problems(page, `start (${locale})`)));
          for (const [phase, change] of [
            ['called', calledTicket(ticket)],
            ['serving', calledTicket(ticket, 'serving')],
            ['rate', finishedTicket(ticket)],
          ] as const) {
            hub.setWindow('2', change);
            await page.locator(`.visit--${phase}`).waitFor();
            await setSpeech(page, speechOn);
            found.push(...(await problems(page, `${phase} (${locale})`)));
          }
          await page.locator('.rating__button--mood-1').click();
          await page.locator('.screen--follow-up').waitFor();
          await setSpeech(page, speechOn);
          found.push(...(await problems(page, `question (${locale})`)));
          await page.locator('.reasons__button--skip').click();
          await page.locator('.screen--thanks').waitFor();
          found.push(...(await problems(page, `thanks (${locale})`)));
          hub.setWindow('2', { current: null, lastFinished: null });
          await page.locator('.screen--idle').waitFor();
        }
        expect(found).toEqual([]);
      } finally {
        await kiosk.close();
      }
    });

    it.each([false, true])('the rating terminal, storage unavailable, speech on: %s — the technician banner over a visit to rate, not saved, in ru and en', async (speechOn) => {
      const hub = new FakeVisitHub();
      const dir = tempDir();
      // The data directory is a file: the store cannot open, the vote is not saved.
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'data'), '');
      const kiosk = await openLinkedKiosk({ browser, dir, config: RATING, hub, viewport: { width, height } });
      const { page } = kiosk;
      const found: string[] = [];
      try {
        await page.locator('.technician-banner').waitFor();
        hub.connect(visitSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
        for (const locale of ['ru', 'en'] as const) {
          await toLocale(page, locale);
          await page.locator('.visit--rate').waitFor();
          await setSpeech(page, speechOn);
          found.push(...(await problems(page, `rate with the banner (${locale})`)));
          await page.locator('.rating__button--mood-5').click();
          await page.locator('.screen--not-saved').waitFor();
          found.push(...(await problems(page, `not saved (${locale})`)));
          await page.locator('.screen--idle').waitFor();
        }
        expect(found).toEqual([]);
      } finally {
        await kiosk.close();
      }
    });

    it.each([false, true])('the dispenser, speech on: %s — menu, group, ticket, in ru and en', async (speechOn) => {
      const kiosk = await openDispenser({ width, height });
      const { page } = kiosk;
      const found: string[] = [];
      try {
        for (const locale of ['ru', 'en'] as const) {
          await toLocale(page, locale);
          await setSpeech(page, speechOn);
          found.push(...(await problems(page, `menu (${locale})`)));
          await page.locator('.service--group').first().click();
          await page.locator('.screen--menu-group').waitFor();
          found.push(...(await problems(page, `group (${locale})`)));
          await page.locator('.service--available').first().click();
          await page.locator('.screen--ticket').waitFor();
          await setSpeech(page, speechOn);
          found.push(...(await problems(page, `ticket (${locale})`)));
          await page.locator('.done-button').click();
          await page.locator('.screen--menu-start').waitFor();
        }
        expect(found).toEqual([]);
      } finally {
        await kiosk.close();
      }
    });
  });
});
