/**
 * The hall board's announcements (issue #15, item 9). `npm run bench` runs it; alone:
 * `npm run build && node bench/hallAnnouncement.ts`. Not a test: it measures and prints.
 *   1. call → first audio sample on the board: a window's call through the hub's API (the console's
 *      token), until the board's page starts its first clip with Web Audio (the time it gives for the
 *      first sample: start() plus the context's output latency), p50/p99 over OKNO_BENCH_HALL_CALLS calls
 *      (each one played to its end before the next, so no call waits behind another). With the chime
 *      (the default) the first sample is the chime's, played while the words are synthesized; the call →
 *      first word figure is printed too;
 *   2. the board idle: CPU of this process (the board's device and browser host run in it) and of the
 *      page (CDP Performance metrics: task time) over OKNO_BENCH_HALL_IDLE_SECONDS.
 * Everything real: a real `okno hub` child, the board's device linked to it over pinned HTTPS with the
 * voice it starts itself (the bundled eSpeak NG; its phrase cache means a repeated phrase is not
 * synthesized again, but each call here is a new ticket, so each is), its browser host, Chromium.
 * OKNO_BENCH_HALL_VOICE=fake puts the tests' FakeSpeech (a ready 200 ms tone) in its place: the path
 * without synthesis.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startBrowserHost } from '../electron/browserHost/browserHost.ts';
import { startDevice } from '../electron/core/device/device.ts';
import type { SpeechService } from '../electron/core/speech/speechService.ts';
import { tickets } from '../tests/integration/hub/hubFixtures.ts';
import { launchChromium } from '../tests/helpers/chromium.ts';
import { FakeSpeech } from '../tests/helpers/fakeSpeech.ts';
import { BOARD, boardConfig, operatorOf, PIN, startTestOffice } from '../tests/helpers/testOffice.ts';
import { clockOffset, type ClockPing } from './clockOffset.ts';
import { ms, percentile } from './stats.ts';

type Report = (name: string, value: string) => void;

const CALLS = Number(process.env.OKNO_BENCH_HALL_CALLS ?? 40);
const IDLE_SECONDS = Number(process.env.OKNO_BENCH_HALL_IDLE_SECONDS ?? 20);
/** Not counted: the first calls make the AudioContext and warm the JIT. */
const WARM_UP = 3;
const STEP_TIMEOUT_MS = 15_000;

const epochNow = (): number => performance.timeOrigin + performance.now();

async function until<T>(check: () => T | null | undefined | Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The device's own voice (no `speech` option), or the fake one. */
const voice = (): { speech?: () => SpeechService; name: string } =>
  process.env.OKNO_BENCH_HALL_VOICE === 'fake'
    ? { speech: () => new FakeSpeech(200), name: 'fake (200 ms tone, no synthesis)' }
    : { name: 'bundled eSpeak NG, chime, ru + en' };

export async function benchHallAnnouncement(report: Report): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'okno-bench-hall-'));
  let browser: Browser | null = null;
  const office = await startTestOffice(work);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await office.deliver(tickets(CALLS + WARM_UP + 5));
    const signedIn = await office.signIn(1, operatorOf(1), PIN);
    if (!signedIn.ok) throw new Error('the operator could not sign in');
    const { speech, name } = voice();
    const home = join(work, BOARD);
    mkdirSync(home, { recursive: true });
    const configPath = join(home, 'config.json');
    writeFileSync(configPath, JSON.stringify(boardConfig(office)));
    const device = await startDevice({ configPath, dataDir: join(home, 'data'), ...(speech ? { speech } : {}) });
    closers.push(() => device.close());
    const host = await startBrowserHost({ core: device, rendererDir: join(import.meta.dirname, '..', 'dist', 'renderer') });
    closers.push(() => host.close());
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ru' })).newPage();
    await page.goto(host.url);
    await page.locator('[data-service="passport"]').waitFor({ timeout: 30_000 });
    const board = () => device.running()?.hall ?? null;

    const pings: ClockPing[] = [];
    for (let i = 0; i < 30; i += 1) {
      const sentAt = epochNow();
      const remote = await page.evaluate(() => performance.timeOrigin + performance.now());
      pings.push({ sentAt, remote, receivedAt: epochNow() });
    }
    const offset = clockOffset(pings);

    const latencies: number[] = [];
    const wordLatencies: number[] = [];
    for (let i = 0; i < CALLS + WARM_UP; i += 1) {
      const ended = board()?.announcements().length ?? 0;
      const audio = () =>
        page.locator('main.hall').evaluate((main) => ({ id: main.getAttribute('data-audio-id'), at: main.getAttribute('data-audio-start-ms'), words: main.getAttribute('data-words-start-ms') }));
      const before = (await audio()).id;
      const calledAt = epochNow();
      const answer = await office.command(1, { command: 'call-next', idempotencyKey: randomUUID() });
      if (!answer.ok) throw new Error(`call-next refused: ${JSON.stringify(answer)}`);
      // Each call is played to its end before the next: a new id on the page is this call's.
      const started = await until(async () => {
        const now = await audio();
        return now.id !== null && now.id !== before && now.at !== null ? Number(now.at) : null;
      }, `call ${i + 1} to start playing`);
      if (i >= WARM_UP) latencies.push(started - offset.offsetMs - calledAt);
      const wordsAt = await until(async () => {
        const now = await audio();
        return now.id !== before && now.words !== null ? Number(now.words) : null;
      }, `call ${i + 1}'s words to start`);
      if (i >= WARM_UP) wordLatencies.push(wordsAt - offset.offsetMs - calledAt);
      const record = await until(() => board()?.announcements()[ended], `call ${i + 1} to be reported`);
      if (record.outcome !== 'played') throw new Error(`call ${i + 1} was not played: ${record.reason ?? ''}`);
      // The window serves and finishes the visit, so it may call the next.
      for (const command of ['start', 'finish'] as const) {
        const done = await office.command(1, { command, idempotencyKey: randomUUID() });
        if (!done.ok) throw new Error(`${command} refused: ${JSON.stringify(done)}`);
      }
    }
    report(`hall: call → first audio sample p50 (n=${latencies.length})`, ms(percentile(latencies, 50)));
    report('hall: call → first audio sample p99', `${ms(percentile(latencies, 99))} (target ≤ 500 ms; voice: ${name}; clocks ±${offset.boundMs.toFixed(2)} ms)`);
    report('hall: call → first word p50 / p99', `${ms(percentile(wordLatencies, 50))} / ${ms(percentile(wordLatencies, 99))} (after the chime, when there is one)`);

    // Idle: nothing called for IDLE_SECONDS; the board only keeps its link and its page.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN;
    };
    const pageBefore = await taskSeconds();
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const wallSeconds = (performance.now() - wallBefore) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const pageSeconds = (await taskSeconds()) - pageBefore;
    report(`hall: idle CPU, board's device + host (${IDLE_SECONDS} s)`, `${(((cpu.user + cpu.system) / 1e6 / wallSeconds) * 100).toFixed(2)} % of one core`);
    report(`hall: idle CPU, board's page (${IDLE_SECONDS} s)`, `${((pageSeconds / wallSeconds) * 100).toFixed(2)} % of one core (CDP TaskDuration)`);
  } finally {
    await browser?.close();
    for (const close of closers.reverse()) await close();
    await office.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  console.log(`okno bench (hall announcements) — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`);
  await benchHallAnnouncement((name, value) => console.log(`${name.padEnd(52)} ${value}`));
}
