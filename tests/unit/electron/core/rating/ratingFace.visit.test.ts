import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { newCounters } from '../../../../../electron/core/counters.ts';
import { createRatingFace, INVITE_BLINK_MS, INVITE_BLINK_PERIOD_MS } from '../../../../../electron/core/rating/ratingFace.ts';
import { ratedTicketLookup } from '../../../../../electron/core/rating/ratedTickets.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import type { KioskState } from '../../../../../shared/kioskApi.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { calledTicket, emptyWindow, FakeVisitHub, finishedTicket, officeSnapshot, TICKET_17, TICKET_18 } from '../../../../helpers/fakeVisitHub.ts';
import { serveFace } from '../../../../helpers/servedFace.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const config = parseConfig({ device: { id: 'w2', office: 'МФЦ', window: '2' }, rating: { thanksSeconds: 4, cooldownSeconds: 10 } }, 'test');

function setup(options: { hub?: FakeVisitHub | null; lookup?: boolean; file?: string } = {}) {
  const time = new FakeTime();
  const hub = options.hub === undefined ? new FakeVisitHub() : options.hub;
  const store = openJournalStore({ file: options.file ?? join(tempDir(), 'okno.db'), deviceId: 'w2', timeZone: 'Europe/Moscow', clock: time });
  const counters = newCounters();
  const lit: number[] = [];
  const kiosk = serveFace({
    config,
    storageOk: () => store.health().available,
    makeFace: (onChange) =>
      createRatingFace({
        config,
        store,
        clock: time,
        scheduler: time,
        counters,
        onChange,
        hub,
        ...(options.lookup === false ? {} : { ratedTicket: ratedTicketLookup(store) }),
        lightLeds: () => lit.push(time.monotonicMs()),
      }),
  });
  const states: KioskState[] = [];
  kiosk.subscribe((event) => states.push(event.state));
  const ratings = () =>
    store
      .journal()
      .readAfter(0, 100)
      .filter((event) => event.type.startsWith('rating.'))
      .map((event) => [event.type, event.payload]);
  return { time, hub, store, counters, kiosk, states, lit, ratings };
}

const linked17 = { ticketId: TICKET_17.ticketId, ticketNumber: 'П-017', serviceId: 'passport', operatorId: 'op-ivanova' };

describe('rating face linked to its window (office hub)', () => {
  it('shows the called ticket, then the operator serving, then invites the rating', () => {
    const { hub, kiosk, states } = setup();
    expect(kiosk.getState().visit).toBeNull();
    hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17) }]));
    expect(states.at(-1)?.visit).toEqual({ phase: 'called', ticketNumber: 'П-017', operatorName: 'Иванова Анна' });
    hub?.setWindow('2', calledTicket(TICKET_17, 'serving'));
    expect(states.at(-1)?.visit).toEqual({ phase: 'serving', ticketNumber: 'П-017', operatorName: 'Иванова Анна' });
    hub?.setWindow('2', finishedTicket(TICKET_17));
    expect(states.at(-1)?.visit).toEqual({ phase: 'rate', ticketNumber: 'П-017', operatorName: 'Иванова Анна' });
  });

  it('publishes only when its own window changed, not for every snapshot of the office', () => {
    const { hub, states } = setup();
    hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17) }, emptyWindow('3')]));
    const published = states.length;
    hub?.setWindow('3', calledTicket(TICKET_18));
    expect(states.length).toBe(published);
  });

  it('a press on a finished visit is recorded with the ticket, service, window and operator; a second is already-rated', async () => {
    const { hub, kiosk, ratings, states, time } = setup();
    hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
    expect(kiosk.face.press(4, 'serial')).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    expect(states.at(-1)?.visit).toBeNull();
    time.advance(60_000);
    // The hub still shows the visit as the window's last (nothing new happened there): it is not invited again…
    expect(kiosk.getState().visit).toBeNull();
    // …and a press, unlinked now, would be a new vote; but the same ticket served again is refused.
    hub?.setWindow('2', calledTicket(TICKET_17, 'serving'));
    expect(await kiosk.handle('press', { score: 1, source: 'touch' })).toMatchObject({ ok: true, value: { outcome: 'suppressed' } });
    expect(kiosk.getState().session).toMatchObject({ phase: 'thanks', kind: 'already-counted' });
    expect(ratings()).toEqual([
      ['rating.submitted', { score: 4, scale: 5, source: 'serial', window: '2', ...linked17 }],
      ['rating.suppressed', { score: 1, source: 'touch', reason: 'already-rated' }],
    ]);
  });

  it('a press while being served is linked to that visit, and the finished visit is then not invited', () => {
    const { hub, kiosk, ratings, states } = setup();
    hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17, 'serving') }]));
    expect(kiosk.face.press(5, 'touch')).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    hub?.setWindow('2', finishedTicket(TICKET_17));
    expect(states.at(-1)?.visit).toBeNull();
    expect(ratings()).toEqual([['rating.submitted', { score: 5, scale: 5, source: 'touch', window: '2', ...linked17 }]]);
  });

  it('the next visit is rated within the cooldown: one rating per ticket, not per ten seconds', () => {
    const { hub, kiosk, ratings, time } = setup();
    hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
    kiosk.face.press(4, 'serial');
    time.advance(5_000);
    hub?.setWindow('2', calledTicket(TICKET_18, 'serving'));
    expect(kiosk.face.press(2, 'serial')).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    expect(ratings().map(([, payload]) => (payload as { ticketNumber?: string }).ticketNumber)).toEqual(['П-017', 'П-018']);
  });

  it('one rating per ticket holds across a restart: the journal is asked', () => {
    const file = join(tempDir(), 'okno.db');
    const first = setup({ file });
    first.hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
    first.kiosk.face.press(5, 'serial');
    first.kiosk.face.close();
    first.store.close();
    const again = setup({ file });
    again.hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
    // Not invited again, and a press is already-rated, not a storage failure.
    expect(again.kiosk.getState().visit).toBeNull();
    again.hub?.setWindow('2', calledTicket(TICKET_17, 'serving'));
    expect(again.kiosk.face.press(3, 'serial')).toMatchObject({ ok: true, value: { outcome: 'suppressed' } });
    expect(again.ratings()).toEqual([
      ['rating.submitted', { score: 5, scale: 5, source: 'serial', window: '2', ...linked17 }],
      ['rating.suppressed', { score: 3, source: 'serial', reason: 'already-rated' }],
    ]);
  });

  it('when only the journal\'s unique index knows the ticket is rated, the press is already-rated, not a storage fault', () => {
    const file = join(tempDir(), 'okno.db');
    const first = setup({ file });
    first.hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
    first.kiosk.face.press(5, 'serial');
    first.kiosk.face.close();
    first.store.close();
    // No lookup: the face cannot ask first, so it tries, and the index refuses.
    const again = setup({ file, lookup: false });
    again.hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
    const result = again.kiosk.face.press(3, 'serial');
    expect(result).toMatchObject({ ok: true, value: { outcome: 'suppressed' } });
    expect(again.counters.storageWriteFailures).toBe(0);
    expect(again.store.health().available).toBe(true);
    expect(again.kiosk.getState().session).toMatchObject({ phase: 'thanks', kind: 'already-counted' });
    expect(again.kiosk.getState().visit).toBeNull();
    const events = again.ratings();
    expect(events).toEqual([
      ['rating.submitted', { score: 5, scale: 5, source: 'serial', window: '2', ...linked17 }],
      ['rating.suppressed', { score: 3, source: 'serial', reason: 'already-rated' }],
    ]);
    // The suppressed press keeps the id the press answered with.
    expect(again.store.journal().readAfter(1, 10).find((event) => event.type === 'rating.suppressed')?.id).toBe(result.ok ? result.value.eventId : '');
  });

  it('without a hub: unlinked, exactly as before', () => {
    const { kiosk, ratings } = setup({ hub: null });
    expect(kiosk.getState().visit).toBeNull();
    kiosk.face.press(5, 'serial');
    expect(ratings()).toEqual([['rating.submitted', { score: 5, scale: 5, source: 'serial', window: '2' }]]);
  });

  it('the hub going down mid-visit: the screen drops the visit and the press is recorded unlinked', () => {
    const { hub, kiosk, ratings, states } = setup();
    hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17, 'serving') }]));
    hub?.disconnect();
    expect(states.at(-1)?.visit).toBeNull();
    expect(kiosk.face.press(4, 'serial')).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    expect(ratings()).toEqual([['rating.submitted', { score: 4, scale: 5, source: 'serial', window: '2' }]]);
  });

  it('an unknown window (the hub does not list device.window): unlinked', () => {
    const { hub, kiosk, ratings } = setup();
    hub?.connect(officeSnapshot([{ ...emptyWindow('7'), ...finishedTicket(TICKET_17) }]));
    expect(kiosk.getState().visit).toBeNull();
    kiosk.face.press(4, 'serial');
    expect(ratings()).toEqual([['rating.submitted', { score: 4, scale: 5, source: 'serial', window: '2' }]]);
  });

  it('the LEDs blink while the rating is invited, stop when it is given, and stop by themselves after a while', () => {
    const { hub, kiosk, lit, time } = setup();
    hub?.connect(officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]));
    expect(lit).toEqual([]);
    time.advance(0);
    time.advance(INVITE_BLINK_PERIOD_MS * 2);
    expect(lit).toEqual([0, INVITE_BLINK_PERIOD_MS, INVITE_BLINK_PERIOD_MS * 2]);
    kiosk.face.press(5, 'serial');
    time.advance(INVITE_BLINK_PERIOD_MS * 3);
    expect(lit).toHaveLength(3);
    // The next visit's invitation blinks until INVITE_BLINK_MS, then the LEDs rest.
    hub?.setWindow('2', finishedTicket(TICKET_18));
    const start = time.monotonicMs();
    time.advance(INVITE_BLINK_MS * 2);
    const blinks = lit.slice(3);
    expect(blinks[0]).toBe(start);
    expect(blinks.at(-1)).toBeLessThan(start + INVITE_BLINK_MS);
    expect(blinks).toHaveLength(INVITE_BLINK_MS / INVITE_BLINK_PERIOD_MS);
    expect(kiosk.getState().visit?.phase).toBe('rate');
    kiosk.face.close();
    expect(time.pendingTimers()).toBe(0);
  });

  it('stops following the hub when closed', () => {
    const { hub, kiosk } = setup();
    expect(hub?.listenerCount()).toBe(1);
    kiosk.face.close();
    expect(hub?.listenerCount()).toBe(0);
  });
});
