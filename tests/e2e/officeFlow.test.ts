import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import { startButtonSimulator, type ButtonSimulator } from '../../electron/simulators/buttonSimulator.ts';
import { openPtyPair, type PtyPair } from '../../electron/simulators/ptyPair.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { requireSocat } from '../helpers/socat.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import {
  BOARD,
  boardConfig,
  consoleConfig,
  consoleOf,
  DISPENSER,
  dispenserConfig,
  operatorOf,
  PIN,
  startOfficeCollector,
  startTestOffice,
  terminalConfig,
  terminalOf,
  type ExportedEvent,
  type OfficeCollector,
  type TestOffice,
} from '../helpers/testOffice.ts';

/**
 * The whole office, everything real, on 127.0.0.1 (issue #13, item 10): the reference collector, an
 * `okno hub` child sending its events there, and `okno serve` for the hall's dispenser, window 2's
 * operator console, window 2's rating terminal (a serial button box on a socat pty pair) and the hall
 * board, each in Chromium. A ticket taken by touch is waited for on the board, called from the console,
 * shown on the board and at the window, served and finished; the box's LEDs invite the rating, a press on
 * the box reaches the collector linked to the visit, and a second press does not count. axe on every
 * new screen state on the way, in ru (en: tests/e2e/operatorConsole, hallBoard, ratingVisit).
 */

const tempDir = useTempDirs();
const OFFICE_ID = 'mfc-test';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const buttonsStatusSchema = z.object({ buttons: z.object({ state: z.string() }).optional() });
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function open(browser: Browser, url: string, options: { width: number; height: number; touch?: boolean }): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: options.width, height: options.height }, locale: 'ru', hasTouch: options.touch ?? false });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const ratingsOf = (events: readonly ExportedEvent[]) => events.filter((event) => event.type.startsWith('rating.')).map((event) => [event.type, event.payload]);

describe('the whole office in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('ticket by touch → the board waits → window 2 calls → board and terminal show it → finish → a press on the box reaches the collector linked to the visit', async () => {
    requireSocat();
    const dir = tempDir();
    const browserStarting = launchChromium();
    cleanups.push(async () => (await browserStarting).close());
    const collector: OfficeCollector = await startOfficeCollector(dir, [OFFICE_ID, terminalOf(2)]);
    cleanups.push(() => collector.close());
    const office: TestOffice = await startTestOffice(dir, { officeId: OFFICE_ID, sync: collector.target(OFFICE_ID) });
    cleanups.push(() => office.close());
    const pair: PtyPair = await openPtyPair({ hostLink: join(dir, 'ttyBUTTONS') });
    cleanups.push(() => pair.close());

    const [dispenser, operatorConsole, terminal, board] = await Promise.all([
      office.serve(DISPENSER, dispenserConfig(office)),
      office.serve(consoleOf(2), consoleConfig(office, 2)),
      office.serve(terminalOf(2), terminalConfig(office, 2, { buttonsPath: pair.hostPath, sync: collector.target(terminalOf(2)) })),
      office.serve(BOARD, boardConfig(office)),
    ]);
    const leds: number[] = [];
    const box: ButtonSimulator = await startButtonSimulator(systemSerialPorts, pair.devicePath, { onAck: (button) => leds.push(button) });
    cleanups.push(() => box.close());
    // The terminal has the box once it read its HELLO (its status file says so, as okno doctor reads it).
    const buttonsState = (): string | undefined => {
      try {
        return buttonsStatusSchema.parse(JSON.parse(readFileSync(join(dir, terminalOf(2), 'data', 'status.json'), 'utf8'))).buttons?.state;
      } catch {
        return undefined; // not written yet, or being replaced
      }
    };
    await eventually(buttonsState).toBe('connected');

    const browser = await browserStarting;
    const [dispenserPage, consolePage, terminalPage, boardPage] = await Promise.all([
      open(browser, dispenser.url, { width: 1080, height: 1920, touch: true }),
      open(browser, operatorConsole.url, { width: 1920, height: 1080 }),
      open(browser, terminal.url, { width: 1280, height: 800 }),
      open(browser, board.url, { width: 1920, height: 1080 }),
    ]);

    // The board, before anyone came: nobody waits, no call.
    await eventually(() => boardPage.locator('.hall-now__empty').textContent()).toBe('Ожидайте вызова');
    await eventually(() => boardPage.locator('[data-service="passport"]').textContent()).toContain('0 человек');
    await expectNoAxeViolations(boardPage, 'ru: the board, nobody waiting');

    // A visitor takes a ticket by touch; the hub says nobody is ahead.
    await dispenserPage.getByRole('button', { name: /^Паспорт/ }).tap();
    await eventually(() => heading(dispenserPage).textContent()).toBe('Ваш талон П-001');
    await eventually(() => dispenserPage.getByRole('main').textContent()).toContain('Вы следующий в\u00a0очереди');
    await dispenserPage.getByRole('button', { name: 'Готово' }).tap();

    // The board shows them waiting.
    await eventually(() => boardPage.locator('[data-service="passport"]').textContent()).toContain('1 человек');
    await expectNoAxeViolations(boardPage, 'ru: the board, one waiting');

    // Window 2's operator signs in with a PIN and calls next.
    await eventually(() => heading(consolePage).textContent()).toBe('Вход: окно 2');
    await expectNoAxeViolations(consolePage, 'ru: the console, sign-in');
    await consolePage.getByLabel('Код оператора').fill(operatorOf(2));
    await consolePage.getByLabel('Личный PIN-код').fill(PIN);
    await consolePage.getByRole('button', { name: /^Войти/ }).click();
    const callNext = consolePage.getByRole('button', { name: /^Вызвать следующего/ });
    await eventually(() => callNext.isEnabled()).toBe(true);
    await eventually(() => consolePage.locator('[data-service="passport"]').textContent()).toContain('1 талон');
    await expectNoAxeViolations(consolePage, 'ru: the console, signed in, no ticket');
    await callNext.click();
    await eventually(() => consolePage.getByTestId('console-notice').textContent()).toBe('Вызван П-001');
    await eventually(() => consolePage.getByTestId('current-ticket').textContent()).toContain('П-001');
    await expectNoAxeViolations(consolePage, 'ru: the console, a ticket called');

    // The board calls it large; window 2's terminal invites the ticket.
    await eventually(() => boardPage.getByTestId('hall-current').textContent()).toBe('П-001→окно 2');
    await eventually(() => boardPage.getByTestId('hall-announce').textContent()).toBe('Талон П-001: окно 2');
    await eventually(() => boardPage.locator('[data-service="passport"]').textContent()).toContain('0 человек');
    await expectNoAxeViolations(boardPage, 'ru: the board, a call');
    const visit = terminalPage.getByRole('status');
    await eventually(() => visit.textContent()).toBe('Приглашается талон П-001');
    await expectNoAxeViolations(terminalPage, 'ru: the terminal, a ticket called');

    // Start, then Finish: the terminal shows the service, then invites the rating and the box's LEDs blink.
    await consolePage.getByRole('button', { name: /^Начать приём/ }).click();
    await eventually(() => visit.textContent()).toBe('Талон П-001Вас обслуживает Оператор 2');
    await expectNoAxeViolations(terminalPage, 'ru: the terminal, serving');
    await expectNoAxeViolations(consolePage, 'ru: the console, serving');
    expect(leds).toEqual([]);
    await consolePage.getByRole('button', { name: /^Завершить/ }).click();
    await eventually(() => heading(terminalPage).textContent()).toBe('Оцените, пожалуйста, обслуживание');
    expect(await visit.textContent()).toBe('Талон П-001Сотрудник: Оператор 2');
    await expectNoAxeViolations(terminalPage, 'ru: the terminal, invited to rate');
    await eventually(() => leds.length).toBeGreaterThan(0);
    await expectNoAxeViolations(consolePage, 'ru: the console, the visit finished');

    // A press on the box: thanks, and the rating reaches the collector linked to the visit.
    const ticketId = (await office.state()).windows.find((window) => window.id === '2')?.lastFinished?.ticketId;
    expect(ticketId).toMatch(/^[0-9a-f-]{36}$/);
    const ledsBefore = leds.length;
    box.press(4);
    await eventually(() => heading(terminalPage).textContent()).toBe('Спасибо за оценку!');
    const linked = { score: 4, scale: 5, source: 'serial', window: '2', ticketId, ticketNumber: 'П-001', serviceId: 'passport', operatorId: operatorOf(2) };
    await eventually(async () => ratingsOf(await collector.exported(terminalOf(2)))).toEqual([['rating.submitted', linked]]);
    // The box lit the pressed button's LED: the press counted.
    await eventually(() => leds.slice(ledsBefore)).toContain(4);

    // A second press once the thanks are gone: the visit is rated, the terminal is back to unlinked
    // rating, and a press within the cooldown is the same visitor's: it does not count.
    await eventually(() => heading(terminalPage).textContent()).toBe('Оцените качество обслуживания');
    box.press(1);
    await eventually(async () => ratingsOf(await collector.exported(terminalOf(2)))).toEqual([
      ['rating.submitted', linked],
      ['rating.suppressed', { score: 1, source: 'serial', reason: 'cooldown' }],
    ]);

    // The hub's own events reached the collector too: the call and the visit, with window and operator.
    await eventually(async () => (await collector.exported(OFFICE_ID)).filter((event) => event.type !== 'operator.signedIn' && event.type !== 'queue.dayStarted' && event.type !== 'hall.announced').map((event) => event.type)).toEqual([
      'ticket.received',
      'ticket.called',
      'service.started',
      'service.finished',
    ]);
    const called = (await collector.exported(OFFICE_ID)).find((event) => event.type === 'ticket.called');
    expect(called?.payload).toMatchObject({ ticketId, number: 'П-001', serviceId: 'passport', window: '2', operatorId: operatorOf(2) });
    // The hall board said the call, and its report went through the hub's journal to the collector.
    await eventually(async () =>
      (await collector.exported(OFFICE_ID)).filter((event) => event.type === 'hall.announced').map((event) => event.payload),
    ).toEqual([expect.objectContaining({ ticketId, number: 'П-001', recall: 0, outcome: 'played' })]);
  });
});
