import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../../../electron/hub/queue/queueState.ts';
import { emptyQueue, evolve, ticketOfState } from './queueDriver.ts';
import { at, DAY, office, receive, TestHub, ticket, uuid } from './queueFixtures.ts';

/** evolve applies recorded facts; what does not fit is skipped and counted, never thrown. */
describe('evolve', () => {
  const hubWithCall = (): TestHub => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.call('1');
    return hub;
  };
  const ticketId = (hub: TestHub): string => hub.state.windows.get('1')?.current ?? '';

  it('skips and counts events about an unknown ticket or window', () => {
    const state = emptyQueue(DAY);
    const unknown: HubEvent[] = [
      { type: 'ticket.called', occurredAt: at(0), payload: { ticketId: uuid(), number: 'П-404', serviceId: 'passport', window: '1', operatorId: 'anna', waitedSeconds: 0 } },
      { type: 'ticket.recalled', occurredAt: at(0), payload: { ticketId: uuid(), number: 'П-404', window: '1', operatorId: 'anna', recall: 1 } },
      { type: 'service.finished', occurredAt: at(0), payload: { ticketId: uuid(), number: 'П-404', serviceId: 'passport', window: '1', operatorId: 'anna', serviceSeconds: 1 } },
      { type: 'ticket.expired', occurredAt: at(0), payload: { ticketId: uuid(), number: 'П-404', serviceId: 'passport', day: DAY } },
      { type: 'window.paused', occurredAt: at(0), payload: { window: '7', operatorId: 'anna' } },
      { type: 'operator.signedOut', occurredAt: at(0), payload: { window: '7', operatorId: 'anna', reason: 'sign-out' } },
    ];
    const after = unknown.reduce(evolve, state);
    expect(after.ignored).toBe(unknown.length);
    expect({ ...after, ignored: 0 }).toEqual(state);
  });

  it('skips an event with a time without an offset (it would depend on the machine’s zone)', () => {
    const event: HubEvent = { type: 'operator.signedIn', occurredAt: '2026-11-23T10:00:00', payload: { window: '1', operatorId: 'anna' } };
    expect(evolve(emptyQueue(DAY), event).ignored).toBe(1);
    expect(evolve(emptyQueue(DAY), { ...event, occurredAt: 'yesterday+03:00' }).ignored).toBe(1);
  });

  it('skips a second call of a called ticket, a call to a busy window, a repeated receive, a day that is not later', () => {
    const hub = hubWithCall();
    const id = ticketId(hub);
    const again: HubEvent = { type: 'ticket.called', occurredAt: at(5), payload: { ticketId: id, number: 'П-001', serviceId: 'passport', window: '2', operatorId: 'boris', waitedSeconds: 0 } };
    let state = evolve(hub.state, { type: 'operator.signedIn', occurredAt: at(5), payload: { window: '2', operatorId: 'boris' } });
    state = evolve(state, again);
    expect(state.ignored).toBe(1);
    expect(ticketOfState(state, id)?.window).toBe('1');
    const delivered = ticket('passport', 'П-002');
    const received: HubEvent = {
      type: 'ticket.received',
      occurredAt: at(6),
      payload: { ticketId: delivered.ticketId, number: 'П-002', serviceId: 'passport', priority: null, day: DAY, issuedAt: at(6), dispenserId: 'd', sourceEventId: delivered.eventId },
    };
    state = evolve(evolve(state, received), received);
    expect(state.ignored).toBe(2);
    state = evolve(state, { type: 'ticket.called', occurredAt: at(7), payload: { ticketId: delivered.ticketId, number: 'П-002', serviceId: 'passport', window: '1', operatorId: 'anna', waitedSeconds: 1 } });
    expect(state.ignored).toBe(3);
    state = evolve(state, { type: 'queue.dayStarted', occurredAt: at(8), payload: { day: DAY, previousDay: DAY } });
    expect(state.ignored).toBe(4);
  });

  it('a dispenser’s issue time counts as the start of the wait only when plausible', () => {
    const hub = new TestHub(office(), emptyQueue(DAY), at(600));
    const early = ticket('passport', 'П-001', { issuedAt: at(0) });
    const future = ticket('passport', 'П-002', { issuedAt: at(900) });
    const ancient = ticket('passport', 'П-003', { issuedAt: at(-13 * 3600) });
    for (const delivered of [early, future, ancient]) hub.ok(receive(delivered));
    expect(ticketOfState(hub.state, early.ticketId)?.waitingSince).toBe(at(0));
    expect(ticketOfState(hub.state, future.ticketId)?.waitingSince).toBe(at(600));
    expect(ticketOfState(hub.state, ancient.ticketId)?.waitingSince).toBe(at(600));
  });

  it('a new day forgets the day before’s finished tickets and medians, keeps a visit still being served', () => {
    const hub = hubWithCall();
    hub.ok({ kind: 'finish', window: '1' });
    hub.ok(receive(ticket('passport', 'П-002')));
    hub.call('1');
    hub.ok({ kind: 'start', window: '1' });
    const serving = ticketId(hub);
    expect(hub.state.tickets.size).toBe(2);
    hub.ok({ kind: 'rollover', day: '2026-11-24' });
    expect(hub.state.tickets.size).toBe(1);
    expect(ticketOfState(hub.state, serving)?.status).toBe('serving');
    expect(hub.state.serviceTimes.size).toBe(0);
    expect(hub.state.calls).toEqual([]);
    // A repeat delivery of yesterday's ticket is still recognised the day after.
    const yesterday = hub.journal.find((event) => event.type === 'ticket.received');
    expect(yesterday).toBeDefined();
  });
});
