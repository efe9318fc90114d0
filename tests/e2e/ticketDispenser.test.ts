import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startServe, type ServeProcess } from '../helpers/okno.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The ticket dispenser (device.mode "tickets") in Chromium against the real browser host: the
 * service menu with a group and unavailable services, a ticket on screen (no printer configured, so
 * "not printed"), the language switch, and axe on every screen in ru and en, portrait and landscape.
 */

const tempDir = useTempDirs();

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const TIME_ZONE = 'Europe/Moscow';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Today's weekday and time in the device's time zone. */
function deviceNow(): { day: (typeof WEEKDAYS)[number]; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((part) => [part.type, part.value]),
  );
  return { day: String(parts.weekday).toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number], minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}
const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Opening hours on every day but today: the service is closed all day. */
const closedToday = () => [{ days: WEEKDAYS.filter((day) => day !== deviceNow().day), from: '09:00', to: '18:00' }];
/** Opens later today, when there is still time left today for that; else null. */
function opensLaterToday(): { hours: object[]; opensAt: string } | null {
  const now = deviceNow();
  const from = now.minutes + 30;
  if (from + 10 > 23 * 60 + 59) return null;
  return { hours: [{ days: [now.day], from: hhmm(from), to: '23:59' }], opensAt: hhmm(from) };
}

const SERVICES = [
  { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' }, bring: { ru: 'Паспорт и фото', en: 'Passport and a photo' } },
  { id: 'snils', prefix: 'С', range: [1, 499], name: { ru: 'СНИЛС', en: 'SNILS' }, bring: { ru: 'Паспорт', en: 'Passport' }, dailyLimit: 1 },
  {
    id: 'foreign',
    prefix: 'З',
    range: [1, 499],
    name: { ru: 'Загранпаспорт', en: 'International passport' },
    bring: { ru: 'Паспорт и 3 фото', en: 'Passport and 3 photos' },
    group: 'docs',
  },
  {
    id: 'licence',
    prefix: 'В',
    range: [7, 7],
    name: { ru: 'Водительское удостоверение', en: 'Driving licence' },
    bring: { ru: 'Паспорт и медицинская справка' },
    group: 'docs',
  },
  { id: 'property', prefix: 'Н', range: [1, 499], name: { ru: 'Недвижимость', en: 'Real estate' }, bring: { ru: 'Паспорт' }, hours: closedToday() },
];

const GROUPS = [{ id: 'docs', name: { ru: 'Документы и удостоверения', en: 'Documents and IDs' } }];
const HINT = { ru: 'Ожидайте вызова на табло в зале 2', en: 'Wait for your number on the display in hall 2' };

interface Dispenser {
  readonly page: Page;
  readonly serve: ServeProcess;
  close(): Promise<void>;
}

async function openDispenser(
  options: { viewport?: { width: number; height: number }; services?: object[]; ticketSeconds?: number; dataDir?: string; printerPath?: string } = {},
): Promise<Dispenser> {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      device: { id: 'e2e-hall', office: 'МФЦ района Тверской', window: '1', mode: 'tickets', timezone: TIME_ZONE },
      queue: { services: options.services ?? SERVICES, groups: GROUPS, hint: HINT, ticketSeconds: options.ticketSeconds ?? 15 },
      ...(options.printerPath ? { printer: { path: options.printerPath } } : {}),
    }),
  );
  const serve = await startServe(['--config', config, '--data-dir', options.dataDir ?? join(dir, 'data')]);
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(serve.url);
  await page.locator('.screen--menu').waitFor();
  return {
    page,
    serve,
    async close() {
      await context.close();
      await serve.stop();
    },
  };
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
/** A service or group button, by the name it starts with. */
const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name}`) });
const main = (page: Page) => page.getByRole('main');

describe('ticket dispenser in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('tap a service → the ticket with its number, service, hint and issue time; done → the menu', async () => {
    const kiosk = await openDispenser();
    const { page } = kiosk;
    try {
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
      expect(await page.getByText('МФЦ района Тверской').count()).toBe(1);
      expect(await button(page, 'Паспорт').textContent()).toContain('Паспорт и фото');
      await button(page, 'Паспорт').click();

      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');
      const ticket = await main(page).textContent();
      expect(ticket).toContain('Паспорт');
      expect(ticket).toContain('Ожидайте вызова на табло в зале 2');
      expect(ticket).toMatch(/Выдан в\s\d{2}:\d{2}/);
      // No printer is configured: the visitor is asked to remember the number.
      expect(ticket).toContain('Талон не\u00a0напечатан — пожалуйста, запомните или сфотографируйте номер');
      expect(ticket).toMatch(/Меню откроется через 1[45] секунд/);
      // Nothing the dispenser does not know: no queue length, no waiting time.
      expect(ticket).not.toMatch(/впереди|человек|минут/i);
      // The ticket is the core's state: a reload shows it again, not a fresh menu.
      await page.reload();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');

      await page.getByRole('button', { name: 'Готово' }).click();
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
      await button(page, 'Паспорт').click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-002');
    } finally {
      await kiosk.close();
    }
  });

  it('a double tap issues one ticket', async () => {
    const kiosk = await openDispenser();
    const { page } = kiosk;
    try {
      // Two clicks in the same task, before React can render in between, then a double click.
      await button(page, 'Паспорт').evaluate((element: HTMLElement) => {
        element.click();
        element.click();
      });
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');
      await page.getByRole('button', { name: 'Готово' }).click();
      await button(page, 'Паспорт').dblclick();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-002');
      await page.getByRole('button', { name: 'Готово' }).click();
      await button(page, 'Паспорт').click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-003');
    } finally {
      await kiosk.close();
    }
  });

  it('a group opens its services, "back" returns; after a ticket the menu starts from the top again', async () => {
    const kiosk = await openDispenser();
    const { page } = kiosk;
    try {
      expect(await button(page, 'Документы и удостоверения').textContent()).toContain('2 услуги');
      // Grouped services are not on the first screen.
      expect(await button(page, 'Загранпаспорт').count()).toBe(0);
      await button(page, 'Документы и удостоверения').click();
      await eventually(() => heading(page).textContent()).toBe('Документы и удостоверения');
      expect(await button(page, 'Загранпаспорт').textContent()).toContain('Паспорт и 3 фото');
      expect(await button(page, 'Паспорт').count()).toBe(0);

      await page.getByRole('button', { name: 'Назад' }).click();
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
      expect(await button(page, 'Паспорт').count()).toBe(1);

      await button(page, 'Документы и удостоверения').click();
      await button(page, 'Загранпаспорт').click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон З-001');
      await page.getByRole('button', { name: 'Готово' }).click();
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
    } finally {
      await kiosk.close();
    }
  });

  it('an open group closes by itself after a minute untouched', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ device: { id: 'e2e-hall', office: 'МФЦ', window: '1', mode: 'tickets' }, queue: { services: SERVICES, groups: GROUPS } }));
    const serve = await startServe(['--config', config, '--data-dir', join(dir, 'data')]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      // The page's timers run on a fake clock; the host and the event stream do not care.
      await page.clock.install();
      await page.goto(serve.url);
      await page.locator('.screen--menu').waitFor();
      await button(page, 'Документы и удостоверения').click();
      await eventually(() => heading(page).textContent()).toBe('Документы и удостоверения');
      await page.clock.runFor(50_000);
      await page.mouse.click(5, 300); // a touch on the screen restarts the minute
      await page.clock.runFor(50_000);
      expect(await heading(page).textContent()).toBe('Документы и удостоверения');
      await page.clock.runFor(11_000);
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
    } finally {
      await context.close();
      await serve.stop();
    }
  });

  it('unavailable services are disabled with the reason in words: closed, daily limit, range exhausted', async () => {
    const later = opensLaterToday();
    const services = [...SERVICES, ...(later ? [{ id: 'benefits', prefix: 'Л', range: [1, 499], name: { ru: 'Льготы', en: 'Benefits' }, hours: later.hours }] : [])];
    const kiosk = await openDispenser({ services });
    const { page } = kiosk;
    try {
      const property = button(page, 'Недвижимость');
      expect(await property.textContent()).toContain('Сегодня не\u00a0работает');
      expect(await property.getAttribute('aria-disabled')).toBe('true');
      expect(await property.isDisabled()).toBe(true);
      await property.click({ force: true });
      // A tap that asks for a ticket marks the menu busy in the same event (one ticket per tap), before
      // the click above returns: a menu that is not busy now was never asked.
      expect(await page.locator('.services').getAttribute('aria-busy')).toBe('false');
      expect(await heading(page).textContent()).toBe('Выберите услугу');

      if (later) {
        expect(await button(page, 'Льготы').textContent()).toContain(`Сейчас не\u00a0работает — откроется в\u00a0${later.opensAt}`);
        expect(await button(page, 'Льготы').isDisabled()).toBe(true);
      }

      // dailyLimit 1: the first ticket, then "no more today".
      expect(await button(page, 'СНИЛС').isDisabled()).toBe(false);
      await button(page, 'СНИЛС').click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон С-001');
      await page.getByRole('button', { name: 'Готово' }).click();
      await eventually(() => button(page, 'СНИЛС').textContent()).toContain('Талоны на\u00a0сегодня закончились');
      expect(await button(page, 'СНИЛС').isDisabled()).toBe(true);

      // range [7, 7]: one ticket, В-007, then the range is used up.
      await button(page, 'Документы и удостоверения').click();
      await button(page, 'Водительское удостоверение').click();
      await eventually(() => heading(page).textContent()).toBe('Ваш талон В-007');
      await page.getByRole('button', { name: 'Готово' }).click();
      await button(page, 'Документы и удостоверения').click();
      await eventually(() => button(page, 'Водительское удостоверение').textContent()).toContain('Талоны закончились, обратитесь к\u00a0сотруднику');
      expect(await button(page, 'Водительское удостоверение').isDisabled()).toBe(true);
    } finally {
      await kiosk.close();
    }
  });

  it('switches the language; the ticket screen times out back to the menu in Russian', async () => {
    // Long enough to read the ticket on a slow machine; the test then waits for its end.
    const kiosk = await openDispenser({ ticketSeconds: 8 });
    const { page } = kiosk;
    try {
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => heading(page).textContent()).toBe('Choose a service');
      // The page's lang follows the text in an effect after the render: a state of its own to wait for.
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await button(page, 'Passport').textContent()).toContain('Passport and a photo');
      expect(await button(page, 'Documents and IDs').textContent()).toContain('2 services');
      // A text without an English version falls back to Russian, marked as Russian.
      await button(page, 'Documents and IDs').click();
      const fallback = button(page, 'Driving licence').locator('[lang="ru"]');
      expect(await fallback.textContent()).toBe('Паспорт и медицинская справка');
      await page.getByRole('button', { name: 'Back' }).click();

      await button(page, 'Passport').click();
      await eventually(() => heading(page).textContent()).toBe('Your ticket П-001');
      const ticket = await main(page).textContent();
      expect(ticket).toContain('Wait for your number on the display in hall 2');
      expect(ticket).toContain('The ticket was not printed');
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('ru');
    } finally {
      await kiosk.close();
    }
  });

  describe.each(['ru', 'en'] as const)('accessibility (axe, WCAG 2.2 A/AA) in %s', (locale) => {
    it.each([
      [1080, 1920],
      [1920, 1080],
    ])('at %i×%i: menu, group, ticket (not printed)', async (width, height) => {
      const kiosk = await openDispenser({ viewport: { width, height } });
      const { page } = kiosk;
      try {
        if (locale === 'en') await page.getByRole('button', { name: 'English' }).click();
        await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
        await expectNoAxeViolations(page, `menu (${locale}, ${width}×${height})`);
        await page.locator('.service--group').first().click();
        await page.locator('.screen--menu-group').waitFor();
        await expectNoAxeViolations(page, `group (${locale}, ${width}×${height})`);
        await page.locator('.back-button').click();
        await page.locator('.service--available').first().click();
        await page.locator('.screen--ticket-not-printed').waitFor();
        await expectNoAxeViolations(page, `ticket, not printed (${locale}, ${width}×${height})`);
      } finally {
        await kiosk.close();
      }
    });
  });

  it('storage unavailable: the technician banner; a tap is refused calmly and the menu stays usable', async () => {
    const blocked = join(tempDir(), 'not-a-directory');
    writeFileSync(blocked, '');
    const kiosk = await openDispenser({ dataDir: blocked });
    const { page } = kiosk;
    try {
      await eventually(() => page.getByRole('status').textContent()).toBe('Устройству требуется обслуживание');
      // Waits for the core's answer to the tap (a refusal), not for a time.
      const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/issueTicket');
      await button(page, 'Паспорт').click();
      expect(await (await answer).json()).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
      expect(await heading(page).textContent()).toBe('Выберите услугу');
      expect(await page.getByRole('alert').count()).toBe(0);
      // The refusal gives the buttons back.
      await eventually(() => button(page, 'Паспорт').isDisabled()).toBe(false);
      await expectNoAxeViolations(page, 'menu with the technician banner (ru)');
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => heading(page).textContent()).toBe('Choose a service');
      await expectNoAxeViolations(page, 'menu with the technician banner (en)');
    } finally {
      await kiosk.close();
    }
  });

  it('printed ticket and printer fault screens (printer as a file), axe in ru and en', async () => {
    const paper = join(tempDir(), 'printer.bin');
    writeFileSync(paper, '');
    const printing = await openDispenser({ printerPath: `file:${paper}` });
    try {
      const { page } = printing;
      await button(page, 'Паспорт').click();
      await page.locator('.screen--ticket-printed').waitFor();
      expect(await main(page).textContent()).toContain('Возьмите напечатанный талон');
      await expectNoAxeViolations(page, 'ticket, printed (ru)');
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => main(page).textContent()).toContain('Take your printed ticket');
      await expectNoAxeViolations(page, 'ticket, printed (en)');
    } finally {
      await printing.close();
    }

    const broken = await openDispenser({ printerPath: `file:${join(tempDir(), 'missing', 'printer.bin')}` });
    try {
      const { page } = broken;
      await button(page, 'Паспорт').click();
      await page.locator('.screen--ticket-not-printed').waitFor();
      await eventually(() => page.getByRole('status').count()).toBe(1);
      expect(await main(page).textContent()).toContain('Талон не\u00a0напечатан');
      await expectNoAxeViolations(page, 'ticket, printer fault (ru)');
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => main(page).textContent()).toContain('The ticket was not printed');
      await expectNoAxeViolations(page, 'ticket, printer fault (en)');
    } finally {
      await broken.close();
    }
  });

  it.each([
    [800, 480],
    [1920, 1080],
    [1080, 1920],
  ])('at %i×%i: no page scroll, every button on screen and large enough to touch', async (width, height) => {
    const kiosk = await openDispenser({ viewport: { width, height } });
    const { page } = kiosk;
    const noPageScroll = () => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1 && document.documentElement.scrollWidth <= window.innerWidth + 1);
    const expectTouchable = async (name: string) => {
      const box = await page.getByRole('button', { name }).first().boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(height);
      expect(Math.min(box!.width, box!.height), name).toBeGreaterThanOrEqual(44);
    };
    try {
      expect(await noPageScroll()).toBe(true);
      for (const name of ['Документы и удостоверения', 'Паспорт', 'СНИЛС', 'Русский', 'English']) await expectTouchable(name);
      await button(page, 'Документы и удостоверения').click();
      await page.locator('.screen--menu-group').waitFor();
      expect(await noPageScroll()).toBe(true);
      for (const name of ['Назад', 'Загранпаспорт']) await expectTouchable(name);
      await button(page, 'Загранпаспорт').click();
      await page.locator('.screen--ticket').waitFor();
      expect(await noPageScroll()).toBe(true);
      await expectTouchable('Готово');
      const number = await page.locator('.ticket__number').boundingBox();
      expect(number!.x).toBeGreaterThanOrEqual(0);
      expect(number!.x + number!.width).toBeLessThanOrEqual(width);
      // The number is the largest text on screen: at least a fifth of the screen's smaller side.
      expect(number!.height).toBeGreaterThanOrEqual(Math.min(width, height) / 5);
    } finally {
      await kiosk.close();
    }
  });
});
