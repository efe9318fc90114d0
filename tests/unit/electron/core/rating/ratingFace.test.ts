import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { newCounters } from '../../../../../electron/core/counters.ts';
import { createRatingFace } from '../../../../../electron/core/rating/ratingFace.ts';
import { serveFace } from '../../../../helpers/servedFace.ts';
import type { Journal } from '../../../../../electron/core/store/journal.ts';
import { openJournalStore, type JournalStore, type StorageHealth } from '../../../../../electron/core/store/journalStore.ts';
import type { KioskState } from '../../../../../shared/kioskApi.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const config = parseConfig({ device: { id: 'w5', office: 'МФЦ', window: '5' }, rating: { thanksSeconds: 4, cooldownSeconds: 10 } }, 'test');

function setup(store?: JournalStore) {
  const time = new FakeTime();
  const realStore = store ?? openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: 'w5', timeZone: 'Europe/Moscow', clock: time });
  const counters = newCounters();
  const kiosk = serveFace({
    config,
    storageOk: () => realStore.health().available,
    onInvalidInput: () => (counters.invalidInput += 1),
    makeFace: (onChange) => createRatingFace({ config, store: realStore, clock: time, scheduler: time, counters, onChange }),
  });
  const states: KioskState[] = [];
  kiosk.subscribe((event) => states.push(event.state));
  return { time, store: realStore, counters, kiosk, states };
}

/** A journal on a disk that refuses every write, as a full or read-only one does. */
function brokenStore(): JournalStore & { writes: number } {
  const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  let lastError: string | null = null;
  const journal: Journal = {
    append: () => {
      store.writes += 1;
      throw full;
    },
    readAfter: () => [],
    counts: () => ({ total: 0, byType: {} }),
    lastSeq: () => 0,
  };
  const store = {
    writes: 0,
    journal: () => journal,
    noteWrite: (error: unknown) => {
      lastError = error === null ? null : error instanceof Error ? error.message : 'write failed';
    },
    health: (): StorageHealth => ({ available: lastError === null, lastError, schemaVersion: 1, quarantinedFile: null }),
    close: () => undefined,
  };
  return store;
}

describe('ratingKiosk', () => {
  it('commits the rating before it publishes the thanks screen', async () => {
    const { kiosk, store, states } = setup();
    let countWhenThanksPublished = -1;
    kiosk.subscribe((event) => {
      if (event.state.session.phase === 'thanks') countWhenThanksPublished = store.journal().counts().byType['rating.submitted'] ?? 0;
    });
    const result = await kiosk.handle('press', { score: 5, source: 'touch' });
    expect(result).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    expect(countWhenThanksPublished).toBe(1);
    expect(states.at(-1)?.session).toEqual({ phase: 'thanks', locale: 'ru', kind: 'voted', endsInMs: 4000 });
  });

  it('returns to the start by itself after thanksSeconds, in the default language', async () => {
    const { kiosk, time, states } = setup();
    await kiosk.handle('setLocale', { locale: 'en' });
    await kiosk.handle('press', { score: 4, source: 'keyboard' });
    time.advance(3_999);
    expect(states.at(-1)?.session.phase).toBe('thanks');
    time.advance(1);
    expect(states.at(-1)?.session).toEqual({ phase: 'idle', locale: 'ru' });
    expect(time.pendingTimers()).toBe(0);
  });

  it('hardware presses go through the same session: one vote per visit holds across sources', async () => {
    const { kiosk, store, time } = setup();
    expect(kiosk.face.press(5, 'serial')).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    expect(await kiosk.handle('press', { score: 5, source: 'touch' })).toMatchObject({ ok: true, value: { outcome: 'suppressed' } });
    time.advance(5_000);
    expect(kiosk.face.press(1, 'serial')).toMatchObject({ ok: true, value: { outcome: 'suppressed' } });
    time.advance(5_000);
    expect(kiosk.face.press(3, 'serial')).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    const events = store.journal().readAfter(0, 100).filter((e) => e.type.startsWith('rating.'));
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['rating.submitted', { score: 5, scale: 5, source: 'serial', window: '5' }],
      ['rating.suppressed', { score: 5, source: 'touch', reason: 'thanks-screen' }],
      ['rating.suppressed', { score: 1, source: 'serial', reason: 'cooldown' }],
      ['rating.submitted', { score: 3, scale: 5, source: 'serial', window: '5' }],
    ]);
  });

  it('the press result carries the id of the event it wrote', async () => {
    const { kiosk, store } = setup();
    const result = await kiosk.handle('press', { score: 2, source: 'touch' });
    if (!result.ok) throw new Error('press failed');
    const [rating] = store.journal().readAfter(0, 10);
    expect(rating?.id).toBe((result.value as { eventId: string }).eventId);
  });

  it('a follow-up answer is linked to the rating it follows', async () => {
    const { kiosk, store } = setup();
    const press = await kiosk.handle('press', { score: 1, source: 'touch' });
    expect(await kiosk.handle('answerFollowUp', { reason: 'waiting' })).toEqual({ ok: true, value: null });
    const followUp = store.journal().readAfter(0, 10).find((e) => e.type === 'rating.followUp');
    expect(followUp?.payload).toEqual({ ratingId: press.ok ? (press.value as { eventId: string }).eventId : '', reason: 'waiting' });
  });

  it('counts invalid input and out-of-scale scores, without recording anything', async () => {
    const { kiosk, store, counters } = setup();
    expect(await kiosk.handle('press', { score: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await kiosk.handle('press', { score: 7, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'score-out-of-range', message: 'score 7 is outside the 5-point scale' } });
    expect(await kiosk.handle('nonsense' as never, {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(counters).toEqual({ invalidInput: 2, scoreOutOfRange: 1, storageWriteFailures: 0 });
    expect(store.journal().counts().total).toBe(0);
  });

  describe('when the disk refuses writes', () => {
    it('does not say thank you: it says the rating was not saved and that a technician is needed', async () => {
      const store = brokenStore();
      const { kiosk, states, counters, time } = setup(store);
      const result = await kiosk.handle('press', { score: 5, source: 'touch' });
      expect(result).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
      expect(states.some((s) => s.session.phase === 'thanks')).toBe(false);
      expect(states.at(-1)).toMatchObject({
        session: { phase: 'notSaved' },
        health: { needsTechnician: true, problems: ['storage-unavailable'] },
      });
      expect(counters.storageWriteFailures).toBe(1);
      time.advance(4_000);
      expect(states.at(-1)?.session.phase).toBe('idle');
      expect(states.at(-1)?.health.needsTechnician).toBe(true);
    });

    it('lets the citizen try again at once, since nothing was counted', async () => {
      const store = brokenStore();
      const { kiosk } = setup(store);
      await kiosk.handle('press', { score: 5, source: 'touch' });
      await kiosk.handle('press', { score: 5, source: 'touch' });
      expect(store.writes).toBe(2);
    });
  });

  it('after close, presses are refused and no timer is left', async () => {
    const { kiosk, time } = setup();
    await kiosk.handle('press', { score: 5, source: 'touch' });
    kiosk.face.close();
    expect(kiosk.face.press(5, 'serial')).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    expect(time.pendingTimers()).toBe(0);
  });
});
