import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnnouncer, DEFAULT_MARGIN_MS, type AnnouncementRecord } from '../../../../../electron/core/hall/announcer.ts';
import type { HallCall } from '../../../../../shared/office/officeSnapshot.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { FakeSpeech } from '../../../../helpers/fakeSpeech.ts';

const ticketId = (n: number): string => `0196a5d2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const call = (n: number, recall = 0): HallCall => ({
  ticketId: ticketId(n),
  number: `П-${String(n).padStart(3, '0')}`,
  window: '2',
  windowLabel: 'окно 2',
  at: '2026-11-23T07:15:00.000Z',
  recall,
});

/** Lets the announcer's promise callbacks (a synthesis that finished) run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

function setup(options: { durationMs?: number; backlog?: number } = {}) {
  const time = new FakeTime('2026-11-23T07:15:00.000Z');
  const speech = new FakeSpeech(options.durationMs ?? 300);
  const records: AnnouncementRecord[] = [];
  let changes = 0;
  let ids = 0;
  const announcer = createAnnouncer({
    speech,
    phrase: (c) => [{ lang: 'ru', text: `талон ${c.number} ${c.recall}` }],
    chime: true,
    clock: time,
    scheduler: time,
    newId: () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`,
    onChange: () => (changes += 1),
    onRecord: (record) => records.push(record),
    ...(options.backlog === undefined ? {} : { backlog: options.backlog }),
  });
  /** The page: plays the announcement shown now for `playMs` and reports it played. */
  const play = async (playMs = 300): Promise<string> => {
    await settle();
    const shown = announcer.current();
    if (!shown) throw new Error('nothing is shown');
    const clip = await announcer.clip(shown.id, 'words');
    if (!clip.ok) throw new Error(clip.error.message);
    time.advance(playMs);
    expect(announcer.done(shown.id, 'played', null)).toEqual({ ok: true, value: null });
    return shown.number;
  };
  return { time, speech, announcer, records, play, changes: () => changes };
}

describe('hall announcer', () => {
  it('with a chime: shown at once, the chime answered at once, the words when synthesized; the deadline counts from the words', async () => {
    const { announcer, speech, time, records } = setup({ durationMs: 2_000 });
    speech.hold = true;
    announcer.observe([]);
    announcer.observe([call(1)]);
    // Shown while the words are still being synthesized: the page starts the chime now.
    const shown = announcer.current();
    expect(shown).toMatchObject({ number: 'П-001', chime: true });
    const id = shown?.id ?? '';
    expect(announcer.clip(id, 'chime')).toMatchObject({ ok: true, value: { id: 'chime' } });
    let words: unknown = null;
    void Promise.resolve(announcer.clip(id, 'words')).then((answer) => (words = answer));
    await settle();
    expect(words).toBeNull();
    // A slow voice (under the allowance) is not a page that never reports.
    time.advance(10_000);
    expect(records).toEqual([]);
    speech.release();
    await settle();
    expect(words).toMatchObject({ ok: true, value: { durationMs: 2_000 } });
    time.advance(2_000 + DEFAULT_MARGIN_MS - 1);
    expect(records).toEqual([]);
    time.advance(1);
    expect(records).toMatchObject([{ number: 'П-001', outcome: 'failed', reason: `no report from the page within ${2_000 + DEFAULT_MARGIN_MS} ms` }]);
  });

  it('with a chime, words that cannot be synthesized end the announcement as failed, and the page is told', async () => {
    const { announcer, speech, records } = setup();
    speech.hold = true;
    announcer.observe([]);
    announcer.observe([call(2), call(1)]);
    const id = announcer.current()?.id ?? '';
    const words = announcer.clip(id, 'words');
    speech.release('no voice');
    expect(await words).toMatchObject({ ok: false, error: { code: 'speech-failed' } });
    await settle();
    expect(records).toMatchObject([{ number: 'П-001', outcome: 'failed', reason: 'synthesis: no voice' }]);
    expect(announcer.current()).toMatchObject({ number: 'П-002' });
  });

  it('the calls on the board at start are not said; a new call is, with a chime', async () => {
    const { announcer, speech, play, records } = setup();
    announcer.observe([call(2), call(1)]);
    await settle();
    expect(announcer.current()).toBeNull();
    expect(speech.said).toEqual([]);

    announcer.observe([call(3), call(2), call(1)]);
    expect(await play()).toBe('П-003');
    expect(speech.said).toEqual([{ parts: [{ lang: 'ru', text: 'талон П-003 0' }], options: undefined }]);
    expect(records).toMatchObject([{ number: 'П-003', recall: 0, outcome: 'played', reason: null, dropped: false }]);
    expect(announcer.counters).toEqual({ announced: 1, failed: 0, dropped: 0 });
    expect(announcer.current()).toBeNull();
  });

  it('in the order they were made, one at a time, the next shown only after the report', async () => {
    const { announcer, play, records } = setup();
    announcer.observe([]);
    // Three calls in one snapshot (the board was behind): newest first in the snapshot, said oldest first.
    announcer.observe([call(7), call(6), call(5)]);
    await settle();
    const first = announcer.current();
    expect(first?.number).toBe('П-005');
    // The next call arrives while the first plays: it waits.
    announcer.observe([call(8), call(7), call(6), call(5)]);
    await settle();
    expect(announcer.current()).toEqual(first);
    expect(announcer.pending()).toBe(3);
    const said = [await play(), await play(), await play(), await play()];
    expect(said).toEqual(['П-005', 'П-006', 'П-007', 'П-008']);
    for (const [before, after] of records.slice(0, -1).map((record, i) => [record, records[i + 1]] as const)) {
      expect(after?.startedAtMs).toBeGreaterThanOrEqual(before.endedAtMs);
    }
  });

  it('a recall is said again, each recall once; the same snapshot seen twice says nothing twice', async () => {
    const { announcer, play, speech } = setup();
    announcer.observe([call(1)]);
    announcer.observe([call(1, 1)]);
    expect(await play()).toBe('П-001');
    announcer.observe([call(1, 1)]);
    announcer.observe([call(1, 1)]);
    await settle();
    expect(announcer.current()).toBeNull();
    announcer.observe([call(1, 2)]);
    await play();
    expect(speech.said.map((s) => s.parts[0]?.text)).toEqual(['талон П-001 1', 'талон П-001 2']);
  });

  it('the clip and the report are refused for any announcement but the one shown', async () => {
    const { announcer } = setup();
    announcer.observe([]);
    announcer.observe([call(1)]);
    await settle();
    const shown = announcer.current();
    if (!shown) throw new Error('nothing shown');
    expect(await announcer.clip('00000000-0000-4000-8000-999999999999', 'words')).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    expect(announcer.done('00000000-0000-4000-8000-999999999999', 'played', null)).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    expect(announcer.done(shown.id, 'failed', 'autoplay refused')).toMatchObject({ ok: true });
    // Finished: a repeated report, or a late request for its clip, is refused.
    expect(announcer.done(shown.id, 'played', null)).toMatchObject({ ok: false });
    expect(await announcer.clip(shown.id, 'words')).toMatchObject({ ok: false });
    expect(await announcer.clip(shown.id, 'chime')).toMatchObject({ ok: false });
    expect(announcer.history()).toMatchObject([{ outcome: 'failed', reason: 'autoplay refused' }]);
    expect(announcer.counters).toEqual({ announced: 0, failed: 1, dropped: 0 });
  });

  it('a page that never reports: failed "no report" after the clip length and the margin, then the next', async () => {
    const { announcer, time, records } = setup({ durationMs: 2_000 });
    announcer.observe([]);
    announcer.observe([call(2), call(1)]);
    await settle();
    expect(announcer.current()?.number).toBe('П-001');
    time.advance(2_000 + DEFAULT_MARGIN_MS - 1);
    expect(announcer.current()?.number).toBe('П-001');
    time.advance(1);
    expect(records).toMatchObject([{ number: 'П-001', outcome: 'failed', reason: `no report from the page within ${2_000 + DEFAULT_MARGIN_MS} ms` }]);
    await settle();
    expect(announcer.current()?.number).toBe('П-002');
  });

  it('a synthesis that fails is recorded with the reason, and the board moves on', async () => {
    const { announcer, speech, play, records } = setup();
    announcer.observe([]);
    speech.failWith = 'the voice could not start';
    announcer.observe([call(1)]);
    await settle();
    expect(announcer.current()).toBeNull();
    speech.failWith = null;
    announcer.observe([call(2), call(1)]);
    expect(await play()).toBe('П-002');
    expect(records).toMatchObject([
      { number: 'П-001', outcome: 'failed', reason: 'synthesis: the voice could not start' },
      { number: 'П-002', outcome: 'played' },
    ]);
    expect(announcer.counters).toEqual({ announced: 1, failed: 1, dropped: 0 });
  });

  it('a speech service that throws instead of rejecting is a failed synthesis too', async () => {
    const { announcer, speech, records } = setup();
    speech.say = () => {
      throw new Error('boom');
    };
    announcer.observe([]);
    announcer.observe([call(1)]);
    await settle();
    expect(records).toMatchObject([{ outcome: 'failed', reason: 'synthesis: boom' }]);
  });

  it('a backlog beyond its bound drops the oldest waiting, counted, and says the newest', async () => {
    const { announcer, speech, records, play } = setup({ backlog: 3 });
    speech.hold = true;
    announcer.observe([]);
    announcer.observe([call(1)]);
    // П-001 is being synthesized; six more arrive while it is.
    for (let n = 2; n <= 7; n += 1) announcer.observe([call(n)]);
    expect(announcer.pending()).toBe(3);
    expect(records.filter((r) => r.dropped).map((r) => r.number)).toEqual(['П-002', 'П-003', 'П-004']);
    expect(records.every((r) => r.outcome === 'failed' && r.reason?.startsWith('dropped'))).toBe(true);
    speech.hold = false;
    speech.release();
    expect(await play()).toBe('П-001');
    expect([await play(), await play(), await play()]).toEqual(['П-005', 'П-006', 'П-007']);
    expect(announcer.counters).toEqual({ announced: 4, failed: 0, dropped: 3 });
  });

  it('closed: a synthesis that finishes later shows nothing, and no timer is left', async () => {
    const { announcer, speech, time } = setup();
    speech.hold = true;
    announcer.observe([]);
    announcer.observe([call(1)]);
    announcer.close();
    speech.release();
    await settle();
    expect(announcer.current()).toBeNull();
    expect(time.pendingTimers()).toBe(0);
    announcer.observe([call(2)]);
    expect(speech.heldCount()).toBe(0);
  });

  it('property: over any sequence of calls, recalls, reports, timeouts and failures, no two announcements overlap and each call is said at most once', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('call' as const), ticket: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('recall' as const), ticket: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('report' as const), played: fc.boolean(), afterMs: fc.integer({ min: 0, max: 3_000 }) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 8_000 }) }),
      fc.record({ kind: fc.constant('failNext' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), async (steps, backlog) => {
        const { announcer, time, speech, records } = setup({ durationMs: 1_000, backlog });
        const recalls = new Map<number, number>();
        const calls: HallCall[] = [];
        const shownIds: string[] = [];
        announcer.observe([]);
        for (const s of steps) {
          if (s.kind === 'call' || s.kind === 'recall') {
            const recall = s.kind === 'recall' && recalls.has(s.ticket) ? (recalls.get(s.ticket) ?? 0) + 1 : 0;
            if (s.kind === 'call' && recalls.has(s.ticket)) continue;
            recalls.set(s.ticket, recall);
            calls.unshift(call(s.ticket, recall));
            announcer.observe(calls.slice(0, 10));
          } else if (s.kind === 'report') {
            const shown = announcer.current();
            time.advance(s.afterMs);
            if (shown) announcer.done(shown.id, s.played ? 'played' : 'failed', s.played ? null : 'autoplay refused');
          } else if (s.kind === 'wait') {
            time.advance(s.ms);
          } else {
            speech.failWith = 'engine down';
          }
          await settle();
          speech.failWith = s.kind === 'failNext' ? speech.failWith : null;
          const shown = announcer.current();
          if (shown && shownIds.at(-1) !== shown.id) shownIds.push(shown.id);
          expect(announcer.pending()).toBeLessThanOrEqual(backlog);
        }
        // Drain: a page that stops reporting holds nothing up for long.
        for (let i = 0; i < 2 * (backlog + 2) && (announcer.current() !== null || announcer.pending() > 0); i += 1) {
          time.advance(1_000 + DEFAULT_MARGIN_MS);
          await settle();
          const shown = announcer.current();
          if (shown && shownIds.at(-1) !== shown.id) shownIds.push(shown.id);
        }
        expect(announcer.current()).toBeNull();
        expect(announcer.pending()).toBe(0);
        // Every announcement shown to the page ended with a record: none was pushed aside by the next.
        const ended = new Set(records.map((r) => r.id));
        expect(shownIds.filter((id) => !ended.has(id))).toEqual([]);
        // Played ones never overlap: each starts after the one before ended.
        const played = records.filter((r) => !r.dropped);
        for (let i = 1; i < played.length; i += 1) expect(played[i]?.startedAtMs).toBeGreaterThanOrEqual(played[i - 1]?.endedAtMs ?? 0);
        for (const r of played) expect(r.endedAtMs).toBeGreaterThanOrEqual(r.startedAtMs);
        // Each (ticket, recall) ends once at most, and each shown announcement is a different one.
        const keys = records.map((r) => `${r.ticketId}/${r.recall}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(shownIds).size).toBe(shownIds.length);
        const { announced, failed, dropped } = announcer.counters;
        expect(announced + failed + dropped).toBe(records.length);
      }),
      { numRuns: 200 },
    );
  });
});
