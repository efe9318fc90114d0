import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/config.ts';
import type { OfficeSnapshot, WindowState } from '../../shared/office/officeSnapshot.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { officeSnapshot } from '../helpers/fakeHubLink.ts';
import { serveOfficeFace } from '../helpers/servedOfficeFace.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The operator's console (device.mode "operator") in Chromium at 1920×1080, against the browser host
 * with a fake hub link: sign in, call next (on F1) with the buttons waiting while the command is in
 * flight and the command reaching the hub once, redirect through the dialog, "no connection" with the
 * last update, a full re-sync when the hub is back; axe on every screen, in ru and en.
 */

const tempDir = useTempDirs();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const WORDS = {
  ru: { signIn: 'Вход: Окно 2', submit: 'Войти', id: 'Код оператора', pin: 'Личный PIN-код', callNext: 'Вызвать следующего', sending: 'Отправляется…', called: 'Вызван П-018', redirect: 'Перенаправить', noConnection: 'Нет связи с сервером очереди', lastUpdate: 'Последнее обновление', empty: 'Никто не ждёт', waiting: '3 талона' },
  en: { signIn: 'Sign in at Окно 2', submit: 'Sign in', id: 'Operator ID', pin: 'Personal PIN', callNext: 'Call next', sending: 'Sending…', called: 'Called П-018', redirect: 'Redirect', noConnection: 'No connection to the queue server', lastUpdate: 'Last update', empty: 'No one is waiting', waiting: '3 tickets' },
} as const;

const TICKET = '0196a5d2-0000-7000-8000-000000000018';

const window2 = (patch: Partial<WindowState>): WindowState => ({ id: '2', label: 'Окно 2', services: ['passport'], status: 'closed', operator: null, current: null, lastFinished: null, ...patch });
const office = (revision: number, window: Partial<WindowState>): OfficeSnapshot => {
  const base = officeSnapshot();
  return { ...base, revision, windows: [window2(window), ...base.windows.filter((each) => each.id !== '2')] };
};
const signedIn = { status: 'open', operator: { id: 'petrov', name: 'Петров И.' } } as const;

const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name}`) });

describe("operator's console in Chromium", { timeout: E2E_TEST_MS }, () => {
  it.each(['ru', 'en'] as const)('%s: sign in, call next once, redirect, lose the hub and get it back', async (locale: Locale) => {
    const words = WORDS[locale];
    // The device clock the fake stamps arrivals with runs a minute behind: a state it shows is old at once when the link goes.
    const served = await serveOfficeFace({ browser, dir: tempDir(), mode: 'operator', locale, now: () => new Date(Date.now() - 60_000) });
    const { page, link } = served;
    try {
      await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/…$/);
      link.push(office(1, {}));
      await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(words.signIn);
      await expectNoAxeViolations(page, `${locale}: sign-in`);

      await page.getByLabel(words.id).fill('petrov');
      await page.getByLabel(words.pin).fill('2468');
      await button(page, words.submit).click();
      await eventually(() => link.requests).toEqual([{ kind: 'signIn', operatorId: 'petrov', pin: '2468' }]);
      link.push(office(2, signedIn));
      await eventually(() => button(page, words.callNext).isEnabled()).toBe(true);
      await expect(page.locator('[data-service="passport"]').textContent()).resolves.toContain(words.waiting);
      await expectNoAxeViolations(page, `${locale}: the console, no ticket`);

      // F1 calls next; while the hub has not answered every button waits, and a second press sends nothing.
      link.hold = true;
      link.answers.push({ ok: true, revision: 3, ticket: { ticketId: TICKET, number: 'П-018' } });
      await page.keyboard.press('F1');
      await eventually(() => link.heldCount()).toBe(1);
      await eventually(() => button(page, words.sending).isDisabled()).toBe(true);
      await page.keyboard.press('F1');
      await button(page, words.sending).click({ force: true });
      link.release();
      await eventually(() => page.getByTestId('console-notice').textContent()).toBe(words.called);
      link.hold = false;
      expect(link.requests.filter((request) => request.kind === 'command')).toEqual([{ kind: 'command', body: { command: 'call-next', idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) } }]);

      link.push(office(3, { ...signedIn, current: { ticketId: TICKET, number: 'П-018', serviceId: 'passport', phase: 'called', calledAt: '2026-11-23T07:15:10.000Z', recalls: 0, waitedSeconds: 240 } }));
      await eventually(() => page.getByTestId('current-ticket').textContent()).toContain('П-018');
      await expectNoAxeViolations(page, `${locale}: the console, a ticket called`);

      // Redirect: the dialog, a window, confirm.
      await page.keyboard.press('F5');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await expectNoAxeViolations(page, `${locale}: the redirect dialog`);
      await dialog.getByLabel(/Окно 3/).check();
      await dialog.getByRole('button', { name: words.redirect }).click();
      await eventually(() => link.requests.at(-1)).toEqual({ kind: 'command', body: { command: 'redirect', to: { window: '3' }, idempotencyKey: expect.any(String) } });
      await dialog.waitFor({ state: 'detached' });

      // A refusal is said in words.
      link.answers.push({ ok: false, refusal: 'queue-empty', message: 'nobody waits' });
      link.push(office(4, signedIn));
      await button(page, words.callNext).click();
      await eventually(() => page.getByTestId('console-notice').textContent()).toBe(words.empty);

      // The hub goes: "no connection", the last update's time, no button to press.
      link.disconnect('connection refused');
      const banner = page.getByTestId('hub-banner');
      await eventually(() => banner.textContent()).toContain(words.noConnection);
      await eventually(() => banner.textContent()).toMatch(new RegExp(`${words.lastUpdate} \\d\\d:\\d\\d:\\d\\d`));
      await eventually(() => button(page, words.callNext).isDisabled()).toBe(true);
      await expectNoAxeViolations(page, `${locale}: no connection`);

      // It comes back (restarted: its revisions start again): the whole view follows it.
      link.push(office(1, { ...signedIn, status: 'paused' }));
      await eventually(() => banner.textContent()).toBe('');
      await eventually(() => page.locator('.console-status').textContent()).toBe(locale === 'ru' ? 'Перерыв' : 'On a break');
    } finally {
      await served.close();
    }
  });

  it.each([
    { width: 1280, height: 800 },
    { width: 800, height: 480 },
    { width: 1080, height: 1920 },
  ])('at $width×$height: axe-clean, and every command button on screen without scrolling', async (viewport) => {
    const served = await serveOfficeFace({ browser, dir: tempDir(), mode: 'operator', locale: 'ru', viewport });
    try {
      served.link.push(office(1, { ...signedIn, current: { ticketId: TICKET, number: 'П-018', serviceId: 'passport', phase: 'called', calledAt: '2026-11-23T07:15:10.000Z', recalls: 2, waitedSeconds: 240 } }));
      await eventually(() => served.page.getByTestId('current-ticket').textContent()).toContain('П-018');
      await expectNoAxeViolations(served.page, `ru: the console at ${viewport.width}×${viewport.height}`);
      const boxes = await served.page.locator('.console-commands button').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().toJSON() as { top: number; bottom: number; left: number; right: number; height: number }));
      expect(boxes).toHaveLength(7);
      for (const box of boxes) {
        expect(box.bottom).toBeLessThanOrEqual(viewport.height);
        expect(box.right).toBeLessThanOrEqual(viewport.width);
        expect(box.height).toBeGreaterThanOrEqual(44);
      }
    } finally {
      await served.close();
    }
  });
});
