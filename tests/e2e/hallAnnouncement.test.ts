import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browserHost/browserHost.ts';
import { startDevice, type Device } from '../../electron/core/device/device.ts';
import type { AnnouncementRecord } from '../../electron/core/hall/announcer.ts';
import type { SayOptions, SpeechService, SpokenPart } from '../../electron/core/speech/speechService.ts';
import { startSpeechService } from '../../electron/core/speech/startSpeechService.ts';
import { speechSchema, type ConfigInput } from '../../shared/config.ts';
import type { SpeechClip } from '../../shared/kioskApi.ts';
import { tickets } from '../integration/hub/hubFixtures.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { FakeSpeech } from '../helpers/fakeSpeech.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { BOARD, boardConfig, operatorOf, PIN, startTestOffice, type TestOffice } from '../helpers/testOffice.ts';

/**
 * The hall board's announcements end to end (issue #15, items 3 and 8): a real `okno hub` child, a call
 * from a window's console (the hub's command, as the console sends it), and the hall board — the
 * device and its browser host in this process, with the bundled voice (eSpeak NG) — in Chromium. The board plays the
 * announcement with Web Audio and reports it; its journal has hall.announced played; the called ticket
 * is marked while it is said; two quick calls are said one after the other, never over each other.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const RENDERER = join(ROOT, 'dist', 'renderer');
const tempDir = useTempDirs();
let browser: Browser;
let office: TestOffice | null = null;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await office?.close();
  office = null;
});

interface Board {
  readonly device: Device;
  readonly host: BrowserHost;
  readonly page: Page;
  announcements(): readonly AnnouncementRecord[];
  journal(): { type: string; payload: unknown }[];
}

/** The hall board of `office`, with `speech` as its voice, on a Chromium page. */
async function startBoard(dir: string, current: TestOffice, speech: SpeechService, extra: Partial<ConfigInput> = {}): Promise<Board> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('the renderer is not built: run "npm run build" (npm test does it) before these tests');
  const home = join(dir, BOARD);
  mkdirSync(home, { recursive: true });
  const configPath = join(home, 'config.json');
  writeFileSync(configPath, JSON.stringify({ ...boardConfig(current), ...extra }));
  const device = await startDevice({ configPath, dataDir: join(home, 'data'), speech: () => speech });
  cleanups.push(() => device.close());
  const host = await startBrowserHost({ core: device, rendererDir: RENDERER });
  cleanups.push(() => host.close());
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ru' });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  await page.goto(host.url);
  const running = () => {
    const now = device.running();
    if (!now?.hall) throw new Error('the board is not running');
    return now;
  };
  return {
    device,
    host,
    page,
    announcements: () => running().hall?.announcements() ?? [],
    journal: () =>
      running()
        .store.journal()
        .readAfter(0, 10_000)
        .map((event) => ({ type: event.type, payload: event.payload })),
  };
}

/** The bundled voice, as the device starts it, with what it was asked and what it answered written down. */
function recordedVoice(): SpeechService & { readonly said: { parts: readonly SpokenPart[]; options: SayOptions | undefined; clip: SpeechClip }[] } {
  const voice = startSpeechService({ config: speechSchema.parse({}) });
  const said: { parts: readonly SpokenPart[]; options: SayOptions | undefined; clip: SpeechClip }[] = [];
  return {
    said,
    get counters() {
      return voice.counters;
    },
    async say(parts, options) {
      const clip = await voice.say(parts, options);
      said.push({ parts, options, clip });
      return clip;
    },
    chime: () => voice.chime(),
    clip: (id) => voice.clip(id),
    close: () => voice.close(),
  };
}

const callNext = async (current: TestOffice, window: number): Promise<string> => {
  const answer = await current.command(window, { command: 'call-next', idempotencyKey: randomUUID() });
  if (!answer.ok || !('ticket' in answer) || !answer.ticket) throw new Error(`call-next at window ${window} was refused: ${JSON.stringify(answer)}`);
  return answer.ticket.number;
};

describe('hall board announcements in Chromium, with a real hub', { timeout: E2E_TEST_MS }, () => {
  it('a call is played on the board and recorded; the ticket is marked while it is said; axe-clean while announcing', async () => {
    const dir = tempDir();
    office = await startTestOffice(dir);
    await office.deliver(tickets(3));
    expect(await office.signIn(1, operatorOf(1), PIN)).toMatchObject({ ok: true });
    const speech = recordedVoice();
    const board = await startBoard(dir, office, speech);
    const { page } = board;
    await eventually(() => page.locator('[data-service="passport"]').textContent()).toContain('3 человека');

    const number = await callNext(office, 1);
    expect(number).toBe('П-001');
    const marked = page.getByTestId('hall-announcing');
    await eventually(() => page.getByTestId('hall-current').textContent()).toBe('🔊 Звучит объявление: П-001→окно 1');
    expect(await marked.count()).toBe(1);
    await eventually(() => page.locator('main.hall').getAttribute('data-audio-id')).toMatch(/^[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page, 'ru: the board while it announces');
    // Shown with the chime at once; the words are written down when synthesized.
    await eventually(() => speech.said[0]?.parts).toEqual([
      { lang: 'ru', text: 'Талон пэ один, окно один.' },
      { lang: 'en', text: 'Ticket pee one, window one.' },
    ]);

    // The chime first (ready at once), then the words, after it: never over it.
    const main = page.locator('main.hall');
    await eventually(() => main.getAttribute('data-words-start-ms')).toMatch(/^\d+(\.\d+)?$/);
    const chimeAt = Number(await main.getAttribute('data-audio-start-ms'));
    const wordsAt = Number(await main.getAttribute('data-words-start-ms'));
    expect(wordsAt - chimeAt).toBeGreaterThanOrEqual(speech.chime().durationMs - 50);

    // Played to its end: the page reports, the board's journal has it, the mark is gone.
    await eventually(() => board.journal().filter((event) => event.type === 'hall.announced').map((event) => event.payload)).toEqual([
      expect.objectContaining({ number: 'П-001', recall: 0, outcome: 'played', reason: null, deviceId: BOARD }),
    ]);
    await eventually(() => marked.count()).toBe(0);
    const [played] = board.announcements();
    // A chime and two phrases take seconds; the page took the clip's length to play it: it played it, it did not only say so.
    const clipMs = speech.said[0]?.clip.durationMs ?? 0;
    expect(clipMs).toBeGreaterThan(2_000);
    expect((played?.endedAtMs ?? 0) - (played?.startedAtMs ?? 0)).toBeGreaterThanOrEqual(clipMs - 100);
  });

  it('two quick calls and a recall are said one after the other, never over each other', async () => {
    const dir = tempDir();
    office = await startTestOffice(dir);
    await office.deliver(tickets(3));
    expect(await office.signIn(1, operatorOf(1), PIN)).toMatchObject({ ok: true });
    expect(await office.signIn(2, operatorOf(2), PIN)).toMatchObject({ ok: true });
    const speech = recordedVoice();
    const board = await startBoard(dir, office, speech);
    await eventually(() => board.page.locator('[data-service="passport"]').textContent()).toContain('3 человека');

    const numbers = [await callNext(office, 1), await callNext(office, 2)];
    await office.command(1, { command: 'recall', idempotencyKey: randomUUID() });
    await eventually(() => board.announcements().length, 60_000).toBe(3);
    const records = board.announcements();
    expect(records.map((record) => [record.number, record.recall, record.outcome])).toEqual([
      [numbers[0], 0, 'played'],
      [numbers[1], 0, 'played'],
      [numbers[0], 1, 'played'],
    ]);
    for (let i = 1; i < records.length; i += 1) expect(records[i]?.startedAtMs).toBeGreaterThanOrEqual(records[i - 1]?.endedAtMs ?? Infinity);
    records.forEach((record, i) => expect(record.endedAtMs - record.startedAtMs).toBeGreaterThanOrEqual((speech.said[i]?.clip.durationMs ?? Infinity) - 100));
  });

  it('a page that cannot play reports why, and the board goes on', async () => {
    const dir = tempDir();
    office = await startTestOffice(dir);
    await office.deliver(tickets(2));
    expect(await office.signIn(1, operatorOf(1), PIN)).toMatchObject({ ok: true });
    const speech = new FakeSpeech(300);
    // Not a WAV: the page's decoder refuses it.
    const broken: SpeechService = { ...speech, counters: speech.counters, say: async (parts, options) => ({ ...(await speech.say(parts, options)), wav: Buffer.from('not audio').toString('base64') }), chime: () => speech.chime(), clip: (id) => speech.clip(id), close: () => speech.close() };
    const board = await startBoard(dir, office, broken);
    await eventually(() => board.page.locator('[data-service="passport"]').textContent()).toContain('2 человека');
    await callNext(office, 1);
    await eventually(() => board.announcements().map((record) => [record.outcome, record.reason?.split(':')[0]])).toEqual([['failed', 'decode']]);
  });
});
