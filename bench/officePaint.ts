/**
 * Call → painted (issue #13, item 11): window 2's operator calls the next ticket through the hub's API
 * (the console's token, over pinned HTTPS), and the ticket number is timed until it is painted on the
 * rating terminal at window 2 and on the hall board. Everything is real and a process of its own: `okno
 * hub`, two `okno serve` (the terminal and the board, each linked to the hub with its own token) and
 * Chromium showing them. The path: the hub commits the call → its live stream (coalesced, ≤ 20 ms) →
 * each device's hub link → the device's state → the browser host's event stream → React → paint.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { commandAnswerSchema, OFFICE_PATHS, ticketsAnswerSchema } from '../shared/office/officeProtocol.ts';
import { launchChromium } from '../tests/helpers/chromium.ts';
import { startServe, type ServeProcess } from '../tests/helpers/okno.ts';
import { clockOffset, type ClockOffset } from './clockOffset.ts';
import { BOARD, benchClient, consoleOf, DISPENSER, officeConfig, operatorOf, PIN, startHubProcess, terminalOf, TICKETS_PER_REQUEST, ticketsOf, tokenOf, writeJson, type HubProcess } from './officeSetup.ts';
import { ms, percentile } from './stats.ts';

type Report = (name: string, value: string) => void;

const epochNow = (): number => performance.timeOrigin + performance.now();
const SERVICE = { id: 'passport', prefix: 'П' } as const;
const WINDOW = 2;
const PAINT_TIMEOUT_MS = 10_000;
/** Calls made first and not counted: the first ones load the visit's screen code and warm the JIT. */
const WARM_UP = 5;

/** What the page holds for the bench: the number it waits for, and the promise of its paint time. */
interface PaintProbe {
  arm(number: string): void;
  next: Promise<number> | null;
}
type ProbedWindow = Window & { okBenchProbe?: PaintProbe };

/**
 * Installs the probe: once `selector` shows the armed number, the task after the next animation frame
 * (rAF runs before the frame is drawn; a task queued in it runs once it is) takes the page's epoch time.
 */
async function installProbe(page: Page, selector: string): Promise<void> {
  await page.evaluate(
    ({ selector, timeoutMs }) => {
      const probed = window as ProbedWindow;
      let wanted: string | null = null;
      let resolve: ((at: number) => void) | null = null;
      const look = (): void => {
        if (wanted === null || document.querySelector(selector)?.textContent !== wanted) return;
        wanted = null;
        const done = resolve;
        requestAnimationFrame(() => setTimeout(() => done?.(performance.timeOrigin + performance.now()), 0));
      };
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
      probed.okBenchProbe = {
        next: null,
        arm(number) {
          wanted = number;
          this.next = new Promise<number>((settle, fail) => {
            resolve = settle;
            setTimeout(() => fail(new Error(`${number} was not painted within ${timeoutMs} ms`)), timeoutMs);
          });
          look();
        },
      };
    },
    { selector, timeoutMs: PAINT_TIMEOUT_MS },
  );
}

const arm = (page: Page, number: string): Promise<void> => page.evaluate((wanted) => (window as ProbedWindow).okBenchProbe?.arm(wanted), number);
const paintedAt = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const next = (window as ProbedWindow).okBenchProbe?.next;
    if (!next) throw new Error('the paint probe was not armed');
    return next;
  });

/** The page's clock against Node's: 30 pings, the shortest round trip wins (bench/clockOffset.ts). */
async function pageClock(page: Page): Promise<ClockOffset> {
  const pings = [];
  for (let i = 0; i < 30; i += 1) {
    const sentAt = epochNow();
    const remote = await page.evaluate(() => performance.timeOrigin + performance.now());
    pings.push({ sentAt, remote, receivedAt: epochNow() });
  }
  return clockOffset(pings);
}

async function openFace(browser: Browser, url: string, viewport: { width: number; height: number }, ready: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'ru' });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  return page;
}

export async function benchOfficePaint(work: string, calls: number, report: Report): Promise<void> {
  const dir = join(work, 'office-paint');
  mkdirSync(dir, { recursive: true });
  const configPath = writeJson(join(dir, 'hub.json'), await officeConfig(WINDOW, [SERVICE]));
  const hub: HubProcess = await startHubProcess(configPath, join(dir, 'hub'));
  const serves: ServeProcess[] = [];
  let browser: Browser | null = null;
  const console2 = benchClient(hub, consoleOf(WINDOW));
  const dispenser = benchClient(hub, DISPENSER);
  try {
    const face = async (name: string, device: Record<string, string>, deviceId: string): Promise<ServeProcess> => {
      const config = writeJson(join(dir, `${name}.json`), {
        device: { id: deviceId, office: 'МФЦ бенчмарк', ...device },
        rating: { followUp: { enabled: false } },
        hub: { url: hub.url, token: tokenOf(deviceId), fingerprint: hub.fingerprint },
      });
      const serve = await startServe(['--config', config, '--data-dir', join(dir, name)]);
      serves.push(serve);
      return serve;
    };
    const terminal = await face('terminal', { window: String(WINDOW) }, terminalOf(WINDOW));
    const board = await face('board', { window: 'зал', mode: 'hall' }, BOARD);

    // The day's tickets, queued before the first call (one service: they are called in issue order).
    const tickets = ticketsOf(WARM_UP + calls, SERVICE, 1);
    for (let i = 0; i < tickets.length; i += TICKETS_PER_REQUEST) {
      const batch = tickets.slice(i, i + TICKETS_PER_REQUEST);
      const answer = ticketsAnswerSchema.parse((await dispenser.post(OFFICE_PATHS.tickets, { deviceId: DISPENSER, tickets: batch })).json);
      if (answer.accepted !== batch.length) throw new Error(`the hub took ${answer.accepted} tickets of a batch: ${JSON.stringify(answer)}`);
    }
    const signedIn = commandAnswerSchema.parse((await console2.post(OFFICE_PATHS.signIn, { operatorId: operatorOf(WINDOW), pin: PIN })).json);
    if (!signedIn.ok) throw new Error(`sign-in at window ${WINDOW} refused: ${signedIn.refusal}`);

    browser = await launchChromium();
    const terminalPage = await openFace(browser, terminal.url, { width: 1280, height: 800 }, '.screen--idle');
    const boardPage = await openFace(browser, board.url, { width: 1920, height: 1080 }, '.hall');
    await installProbe(terminalPage, '.visit--called .visit__number');
    await installProbe(boardPage, '[data-testid="hall-current"] .hall-now__number');
    const clocks = { terminal: await pageClock(terminalPage), board: await pageClock(boardPage) };

    const command = async (name: 'call-next' | 'finish'): Promise<{ number: string | null; ms: number }> => {
      const { json, ms: took } = await console2.post(OFFICE_PATHS.command, { command: name, idempotencyKey: crypto.randomUUID() });
      const answer = commandAnswerSchema.parse(json);
      if (!answer.ok) throw new Error(`${name} at window ${WINDOW} refused: ${answer.refusal}`);
      return { number: answer.ticket?.number ?? null, ms: took };
    };

    const toTerminal: number[] = [];
    const toBoard: number[] = [];
    const answered: number[] = [];
    for (const [index, ticket] of tickets.entries()) {
      const counted = index >= WARM_UP;
      await arm(terminalPage, ticket.number);
      await arm(boardPage, ticket.number);
      const t0 = epochNow();
      const called = await command('call-next');
      if (called.number !== ticket.number) throw new Error(`window ${WINDOW} was given ${called.number}, not ${ticket.number}`);
      const [onTerminal, onBoard] = await Promise.all([paintedAt(terminalPage), paintedAt(boardPage)]);
      if (counted) {
        answered.push(called.ms);
        toTerminal.push(onTerminal - clocks.terminal.offsetMs - t0);
        toBoard.push(onBoard - clocks.board.offsetMs - t0);
      }
      await command('finish');
      // Finished on the terminal ("please rate" for this ticket) before the next call, so two changes
      // never share one coalesced snapshot (that would make the next call look faster than it is).
      await terminalPage.waitForFunction((number) => document.querySelector('.visit--rate .visit__number')?.textContent === number, ticket.number, { timeout: PAINT_TIMEOUT_MS });
    }
    const bound = Math.max(clocks.terminal.boundMs, clocks.board.boundMs);
    report(`call → answered by the hub p50 / p99 (${calls} calls)`, `${ms(percentile(answered, 50))} / ${ms(percentile(answered, 99))}`);
    report(`call → window terminal painted p50 (${calls} calls)`, ms(percentile(toTerminal, 50)));
    report(`call → window terminal painted p99 (${calls} calls)`, ms(percentile(toTerminal, 99)));
    report(`call → hall board painted p50 (${calls} calls)`, ms(percentile(toBoard, 50)));
    report(`call → hall board painted p99 (${calls} calls)`, ms(percentile(toBoard, 99)));
    report('call → painted max (terminal / board)', `${ms(Math.max(...toTerminal))} / ${ms(Math.max(...toBoard))}`);
    report('page clock − Node clock (terminal / board)', `${ms(clocks.terminal.offsetMs)} / ${ms(clocks.board.offsetMs)} (± ${ms(bound)})`);
  } finally {
    console2.close();
    dispenser.close();
    await browser?.close();
    for (const serve of serves) await serve.stop();
    await hub.stop();
  }
}
