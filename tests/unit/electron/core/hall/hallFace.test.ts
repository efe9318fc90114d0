import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { newCounters } from '../../../../../electron/core/counters.ts';
import { createHallFace } from '../../../../../electron/core/hall/hallFace.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import type { ConfigInput } from '../../../../../shared/config.ts';
import type { HallView, KioskState } from '../../../../../shared/kioskApi.ts';
import type { HallCall } from '../../../../../shared/office/officeSnapshot.ts';
import { FakeHubLink, officeSnapshot } from '../../../../helpers/fakeHubLink.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { FakeSpeech } from '../../../../helpers/fakeSpeech.ts';
import { serveFace } from '../../../../helpers/servedFace.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const HUB = { url: 'https://127.0.0.1:8443/', token: 'hall-token-0123456789ab', fingerprint: Array.from({ length: 32 }, () => 'CD').join(':') };
const config = (speech: ConfigInput['speech'] = {}) =>
  parseConfig({ device: { id: 'hall-board', office: 'МФЦ района Тверской', window: 'зал', mode: 'hall' }, ui: { locale: 'ru', locales: ['ru', 'en'] }, hub: HUB, speech }, 'test');
const tempDir = useTempDirs();

function setup(options: { readonly speech?: FakeSpeech | null; readonly config?: ConfigInput['speech'] } = {}) {
  const time = new FakeTime('2026-11-23T07:15:00.000Z');
  const link = new FakeHubLink(() => time.now());
  const cfg = config(options.config);
  const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: 'hall-board', timeZone: cfg.device.timezone, clock: time });
  const counters = newCounters();
  let ids = 0;
  const kiosk = serveFace({
    config: cfg,
    storageOk: () => true,
    makeFace: (onChange) =>
      createHallFace({
        config: cfg,
        hub: link,
        clock: time,
        scheduler: time,
        onChange,
        store,
        counters,
        speech: options.speech ?? null,
        newId: () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`,
      }),
  });
  const states: KioskState[] = [];
  kiosk.subscribe((event) => states.push(event.state));
  const view = (): HallView => {
    const hall = kiosk.getState().hall;
    if (!hall) throw new Error('no hall view');
    return hall;
  };
  const announced = () =>
    store
      .journal()
      .readAfter(0, 1000)
      .filter((event) => event.type === 'hall.announced')
      .map((event) => event.payload);
  return { time, link, kiosk, states, view, store, counters, announced };
}

/** Lets a synthesis that finished reach the board. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

const call = (number: string, window: string, at: string, recall = 0): HallCall => ({
  ticketId: `0196a5d2-0000-7000-8000-${String(number.replace(/\D/g, '')).padStart(12, '0')}`,
  number,
  window,
  windowLabel: `окно ${window}`,
  at,
  recall,
});

describe('hall board', () => {
  it('the newest call large, the calls before it below, and the waiting per service', () => {
    const { link, view, kiosk } = setup();
    expect(view()).toMatchObject({ synced: false, current: null, recent: [], services: [], connection: { state: 'connecting' } });
    link.push(
      officeSnapshot({
        calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z'), call('Н-501', '3', '2026-11-23T07:12:00.000Z'), call('П-016', '2', '2026-11-23T07:10:00.000Z')],
      }),
    );
    expect(view().current).toMatchObject({ number: 'П-017', window: '2', windowLabel: 'окно 2', recall: 0 });
    expect(view().recent.map((c) => c.number)).toEqual(['Н-501', 'П-016']);
    expect(view().services).toEqual([
      { id: 'passport', prefix: 'П', name: { ru: 'Паспорт', en: 'Passport' }, waiting: 3 },
      { id: 'tax', prefix: 'Н', name: { ru: 'Налоги', en: 'Taxes' }, waiting: 0 },
    ]);
    expect(kiosk.getState().device.mode).toBe('hall');
    expect(kiosk.getState().operator).toBeNull();
  });

  it('asks nothing of the hub: a queue command is refused as the wrong mode', async () => {
    const { kiosk, link } = setup();
    const result = await kiosk.handle('operatorCommand', { command: 'call-next' });
    expect(result.ok ? 'accepted' : result.error.code).toBe('wrong-mode');
    expect(link.requests).toEqual([]);
  });

  it('the hub gone: "no connection" at once, and since when once the last update is 10 s old', () => {
    const { link, view, time, states } = setup();
    link.push(officeSnapshot({ calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z')] }));
    link.disconnect('connection refused');
    expect(view()).toMatchObject({ connection: { state: 'connecting', problem: 'connection refused' }, staleSince: null });
    time.advance(10_000);
    expect(states.at(-1)?.hall?.staleSince).toBe('2026-11-23T07:15:00.000Z');
    // What it showed stays on the board, marked as old.
    expect(view().current?.number).toBe('П-017');
  });

  it('after the hub is back, the board follows its snapshot whole, even with a lower revision', () => {
    const { link, view, time } = setup();
    link.push(officeSnapshot({ revision: 40, calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z')] }));
    link.disconnect();
    time.advance(20_000);
    link.push(officeSnapshot({ revision: 3, calls: [], services: [] }));
    expect(view()).toMatchObject({ connection: { state: 'connected' }, staleSince: null, current: null, recent: [], services: [] });
  });

  it('an older snapshot than the one shown is never shown', () => {
    const { link, view } = setup();
    link.push(officeSnapshot({ revision: 9, calls: [call('П-018', '2', '2026-11-23T07:15:00.000Z')] }));
    link.setSnapshot(officeSnapshot({ revision: 8, calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z')] }));
    expect(view().current?.number).toBe('П-018');
  });

  it('a refused link says why', () => {
    const { link, view } = setup();
    link.refuse('the hub refused the device token');
    expect(view().connection).toEqual({ state: 'refused', problem: 'the hub refused the device token' });
  });
});

describe('hall board announcements', () => {
  const P017 = call('П-017', '2', '2026-11-23T07:14:50.000Z');
  const P018 = call('П-018', '3', '2026-11-23T07:15:00.000Z');

  it('silent without a voice: no announcement, the requests refused', async () => {
    const { kiosk, link, view } = setup();
    link.push(officeSnapshot({ calls: [] }));
    link.push(officeSnapshot({ revision: 2, calls: [P017] }));
    expect(view().announcement).toBeNull();
    const clip = await kiosk.handle('announcementClip', { id: 'x' });
    expect(clip.ok ? 'answered' : clip.error.code).toBe('not-accepting');
  });

  it('silent with speech.announce false, even with a voice', async () => {
    const speech = new FakeSpeech();
    const { link, view, kiosk } = setup({ speech, config: { announce: false } });
    link.push(officeSnapshot({ calls: [] }));
    link.push(officeSnapshot({ revision: 2, calls: [P017] }));
    await settle();
    expect(view().announcement).toBeNull();
    expect(speech.said).toEqual([]);
    const clip = await kiosk.handle('announcementClip', { id: 'x' });
    expect(clip.ok ? 'answered' : clip.error.code).toBe('not-accepting');
  });

  it('a new call: said in the office languages with a chime, shown, its clip served, recorded as played', async () => {
    const speech = new FakeSpeech(400);
    const { link, view, kiosk, announced, time } = setup({ speech });
    link.push(officeSnapshot({ calls: [] }));
    link.push(officeSnapshot({ revision: 2, calls: [P017] }));
    await settle();
    const shown = view().announcement;
    expect(shown).toEqual({ id: '00000000-0000-4000-8000-000000000001', ticketId: P017.ticketId, number: 'П-017', recall: 0, chime: true });
    expect(speech.said[0]).toEqual({
      parts: [
        { lang: 'ru', text: 'Талон пэ семнадцать, окно два.' },
        { lang: 'en', text: 'Ticket pee seventeen, window two.' },
      ],
      options: undefined,
    });
    expect(await kiosk.handle('announcementClip', { id: shown?.id ?? '', part: 'chime' })).toMatchObject({ ok: true, value: { id: 'chime' } });
    const clip = await kiosk.handle('announcementClip', { id: shown?.id ?? '' });
    expect(clip.ok && clip.value.durationMs).toBe(400);
    time.advance(400);
    expect(await kiosk.handle('announcementDone', { id: shown?.id ?? '', outcome: 'played' })).toEqual({ ok: true, value: null });
    expect(view().announcement).toBeNull();
    expect(announced()).toEqual([
      {
        announcementId: '00000000-0000-4000-8000-000000000001',
        ticketId: P017.ticketId,
        number: 'П-017',
        recall: 0,
        deviceId: 'hall-board',
        outcome: 'played',
        reason: null,
        at: '2026-11-23T07:15:00.000Z',
      },
    ]);
    expect(kiosk.face.announcementCounters()).toEqual({ announced: 1, failed: 0, dropped: 0 });
  });

  it('the calls on the board when it starts are not said; a recall is', async () => {
    const speech = new FakeSpeech();
    const { link, view } = setup({ speech });
    link.push(officeSnapshot({ calls: [P017] }));
    await settle();
    expect(view().announcement).toBeNull();
    link.push(officeSnapshot({ revision: 2, calls: [{ ...P017, recall: 1 }] }));
    await settle();
    expect(view().announcement).toMatchObject({ number: 'П-017', recall: 1 });
    expect(speech.said[0]?.parts[0]?.text).toBe('Повторный вызов. Талон пэ семнадцать, окно два.');
  });

  it('an unknown or finished id is refused; a failure is recorded with the page reason', async () => {
    const speech = new FakeSpeech();
    const { link, view, kiosk, announced } = setup({ speech, config: { chime: false } });
    link.push(officeSnapshot({ calls: [] }));
    link.push(officeSnapshot({ revision: 2, calls: [P018, P017] }));
    await settle();
    const first = view().announcement;
    expect(first?.chime).toBe(false);
    const wrong = await kiosk.handle('announcementDone', { id: 'not-this-one', outcome: 'played' });
    expect(wrong.ok ? 'accepted' : wrong.error.code).toBe('not-accepting');
    expect(await kiosk.handle('announcementDone', { id: first?.id ?? '', outcome: 'failed', reason: 'autoplay refused: the audio context stays suspended' })).toMatchObject({ ok: true });
    const finished = await kiosk.handle('announcementClip', { id: first?.id ?? '' });
    expect(finished.ok ? 'answered' : finished.error.code).toBe('not-accepting');
    await settle();
    expect(view().announcement?.number).toBe('П-018');
    expect(announced()).toMatchObject([{ number: 'П-017', outcome: 'failed', reason: 'autoplay refused: the audio context stays suspended' }]);
  });

  it('a journal that cannot be written: counted, and the board goes on', async () => {
    const speech = new FakeSpeech();
    const { link, view, kiosk, store, counters } = setup({ speech });
    link.push(officeSnapshot({ calls: [] }));
    link.push(officeSnapshot({ revision: 2, calls: [P018, P017] }));
    await settle();
    store.close();
    expect(await kiosk.handle('announcementDone', { id: view().announcement?.id ?? '', outcome: 'played' })).toMatchObject({ ok: true });
    expect(counters.storageWriteFailures).toBe(1);
    await settle();
    expect(view().announcement?.number).toBe('П-018');
  });

  it('closed: nothing more is said', async () => {
    const speech = new FakeSpeech();
    const { link, kiosk, time } = setup({ speech });
    link.push(officeSnapshot({ calls: [] }));
    link.push(officeSnapshot({ revision: 2, calls: [P017] }));
    await settle();
    await kiosk.face.close();
    expect(time.pendingTimers()).toBe(0);
  });
});
