import { describe, expect, it } from 'vitest';
import { decide, emptyQueue, ticketOfState } from './queueDriver.ts';
import { at, DAY, office, receive, TestHub, ticket } from './queueFixtures.ts';

describe('decide: receiving tickets', () => {
  it('queues a ticket of a known service, with its service priority category', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    const decision = hub.ok(receive(ticket('pension', 'Л-001')));
    expect(decision.events.map((event) => event.type)).toEqual(['ticket.received']);
    expect(decision.events[0]?.payload).toMatchObject({ number: 'Л-001', serviceId: 'pension', priority: 'elderly', dispenserId: 'disp-1' });
    expect(decision.ticket?.number).toBe('Л-001');
  });

  it('refuses (recorded) a ticket of an unknown service and one of a day before the queue’s', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    expect(hub.ok(receive(ticket('visa', 'В-001'))).events[0]).toMatchObject({ type: 'ticket.refused', payload: { reason: 'unknown-service' } });
    expect(hub.ok(receive(ticket('passport', 'П-001', { day: '2026-11-22' }))).events[0]).toMatchObject({ type: 'ticket.refused', payload: { reason: 'expired' } });
    expect(hub.call('1')).toBe('not-signed-in');
  });

  it('takes a repeated delivery once: no events the second time, the same ticket answered', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    const delivered = ticket('passport', 'П-001');
    hub.ok(receive(delivered));
    const again = hub.ok(receive(delivered));
    expect(again.events).toEqual([]);
    expect(again.ticket).toEqual({ ticketId: delivered.ticketId, number: 'П-001' });
    const refusedTwice = ticket('visa', 'В-001');
    hub.ok(receive(refusedTwice));
    expect(hub.ok(receive(refusedTwice)).events).toEqual([]);
    expect(hub.state.ignored).toBe(0);
  });
});

describe('decide: a window’s operator', () => {
  it('signs in, refuses an unknown window or operator, and signing in elsewhere signs out of the first window', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    expect(hub.refused({ kind: 'sign-in', window: '9', operatorId: 'anna' })).toBe('unknown-window');
    expect(hub.refused({ kind: 'sign-in', window: '1', operatorId: 'nobody' })).toBe('unknown-operator');
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' }).events).toEqual([]);
    const moved = hub.ok({ kind: 'sign-in', window: '2', operatorId: 'anna' });
    expect(moved.events).toEqual([
      { type: 'operator.signedOut', payload: { window: '1', operatorId: 'anna', reason: 'signed-in-elsewhere' } },
      { type: 'operator.signedIn', payload: { window: '2', operatorId: 'anna' } },
    ]);
    expect(hub.state.windows.get('1')?.operatorId).toBeNull();
    expect(hub.state.windows.get('2')?.operatorId).toBe('anna');
  });

  it('refuses to sign out, or to move, while a visit is open at the window', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(hub.call('1')).toBe('П-001');
    expect(hub.refused({ kind: 'sign-out', window: '1' })).toBe('busy');
    expect(hub.refused({ kind: 'sign-in', window: '2', operatorId: 'anna' })).toBe('busy');
    expect(hub.refused({ kind: 'sign-in', window: '1', operatorId: 'boris' })).toBe('busy');
    hub.ok({ kind: 'finish', window: '1' });
    hub.ok({ kind: 'sign-out', window: '1' });
    expect(hub.refused({ kind: 'sign-out', window: '1' })).toBe('not-signed-in');
  });

  it('a newcomer takes a window somebody forgot to sign out of', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(hub.ok({ kind: 'sign-in', window: '1', operatorId: 'boris' }).events.map((event) => event.type)).toEqual(['operator.signedOut', 'operator.signedIn']);
    expect(hub.state.windows.get('1')?.operatorId).toBe('boris');
  });

  it('a break: call refused on-break, resume only from a break, no break with a ticket at the window', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(hub.refused({ kind: 'resume', window: '1' })).toBe('not-on-break');
    hub.ok({ kind: 'pause', window: '1' });
    expect(hub.refused({ kind: 'pause', window: '1' })).toBe('on-break');
    expect(hub.call('1')).toBe('on-break');
    hub.ok({ kind: 'resume', window: '1' });
    expect(hub.call('1')).toBe('П-001');
    expect(hub.refused({ kind: 'pause', window: '1' })).toBe('busy');
  });
});

describe('decide: calling', () => {
  it('refuses a call at an unknown window, with nobody signed in, with a current ticket, and with nobody waiting', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    expect(hub.call('9')).toBe('unknown-window');
    expect(hub.call('1')).toBe('not-signed-in');
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(hub.call('1')).toBe('queue-empty');
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok(receive(ticket('passport', 'П-002')));
    expect(hub.call('1')).toBe('П-001');
    expect(hub.call('1')).toBe('busy');
  });

  it('records who called, where, and how long the ticket waited (from its issue)', () => {
    const hub = new TestHub(office(), emptyQueue(DAY), at(120));
    hub.ok(receive(ticket('passport', 'П-001', { issuedAt: at(0) })));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.advance(300);
    const call = hub.ok({ kind: 'call-next', window: '1' });
    expect(call.events[0]).toMatchObject({ type: 'ticket.called', payload: { number: 'П-001', serviceId: 'passport', window: '1', operatorId: 'anna', waitedSeconds: 420 } });
  });

  it('a clock that went back gives a wait of 0, never negative', () => {
    const hub = new TestHub(office(), emptyQueue(DAY), at(600));
    hub.ok(receive(ticket('passport', 'П-001', { issuedAt: at(600) })));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.now = at(10);
    expect(hub.ok({ kind: 'call-next', window: '1' }).events[0]?.payload).toMatchObject({ waitedSeconds: 0 });
    hub.ok({ kind: 'start', window: '1' });
    hub.now = at(5);
    expect(hub.ok({ kind: 'finish', window: '1' }).events[0]?.payload).toMatchObject({ serviceSeconds: 0 });
  });

  it('strict: the first service in the window’s list with someone waiting, first come first served', () => {
    const hub = new TestHub(office({}, { order: 'strict' }), emptyQueue(DAY));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.ok(receive(ticket('snils', 'С-001')));
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok(receive(ticket('passport', 'П-002')));
    const numbers = [0, 1, 2].map(() => {
      const number = hub.call('1');
      hub.ok({ kind: 'finish', window: '1' });
      return number;
    });
    expect(numbers).toEqual(['П-001', 'П-002', 'С-001']);
  });

  it('longest-wait: the ticket that has waited longest across the window’s services', () => {
    const hub = new TestHub(office({}, { order: 'longest-wait' }), emptyQueue(DAY));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.ok(receive(ticket('snils', 'С-001', { issuedAt: at(0) })));
    hub.advance(60);
    hub.ok(receive(ticket('passport', 'П-001', { issuedAt: at(60) })));
    hub.ok(receive(ticket('snils', 'С-002', { issuedAt: at(60) })));
    hub.advance(60);
    const numbers = [0, 1, 2].map(() => {
      const number = hub.call('1');
      hub.ok({ kind: 'finish', window: '1' });
      return number;
    });
    // С-002 and П-001 waited as long: the window's list (passport first) breaks the tie.
    expect(numbers).toEqual(['С-001', 'П-001', 'С-002']);
  });

  it('priority tickets first, but at most maxPriorityInRow in a row while a regular one waits (per window)', () => {
    const hub = new TestHub(office({}, { maxPriorityInRow: 2 }), emptyQueue(DAY));
    hub.ok({ kind: 'sign-in', window: '2', operatorId: 'anna' });
    hub.ok({ kind: 'sign-in', window: '3', operatorId: 'boris' });
    hub.ok(receive(ticket('snils', 'С-001')));
    for (const number of ['Л-001', 'Л-002', 'Л-003', 'Л-004', 'Л-005']) hub.ok(receive(ticket('pension', number)));
    const called: string[] = [];
    const callAndFinish = (window: string): void => {
      called.push(`${window}:${hub.call(window)}`);
      hub.ok({ kind: 'finish', window });
    };
    callAndFinish('2');
    callAndFinish('2');
    // Window 3 has its own count: it calls a priority ticket while window 2 must take the regular one.
    callAndFinish('3');
    callAndFinish('2');
    callAndFinish('2');
    callAndFinish('2');
    expect(called).toEqual(['2:Л-001', '2:Л-002', '3:Л-003', '2:С-001', '2:Л-004', '2:Л-005']);
  });

  it('with no regular ticket waiting, priority calls go on', () => {
    const hub = new TestHub(office({}, { maxPriorityInRow: 1 }), emptyQueue(DAY));
    hub.ok({ kind: 'sign-in', window: '3', operatorId: 'anna' });
    for (const number of ['Л-001', 'Л-002', 'Л-003']) hub.ok(receive(ticket('pension', number)));
    const called = [0, 1, 2].map(() => {
      const number = hub.call('3');
      hub.ok({ kind: 'finish', window: '3' });
      return number;
    });
    expect(called).toEqual(['Л-001', 'Л-002', 'Л-003']);
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok(receive(ticket('pension', 'Л-004')));
    expect(hub.call('3')).toBe('П-001');
  });
});

describe('decide: the called ticket', () => {
  const withCall = (noShowAfterRecalls = 2): TestHub => {
    const hub = new TestHub(office({}, { noShowAfterRecalls }), emptyQueue(DAY));
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok(receive(ticket('passport', 'П-002')));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(hub.call('1')).toBe('П-001');
    return hub;
  };

  it('refuses recall, no-show, start, finish and redirect with no current ticket', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    for (const kind of ['recall', 'no-show', 'start', 'finish'] as const) expect(hub.refused({ kind, window: '1' })).toBe('no-current-ticket');
    expect(hub.refused({ kind: 'redirect', window: '1', to: { service: 'snils' } })).toBe('no-current-ticket');
  });

  it('recall counts, and a no-show needs noShowAfterRecalls recalls first', () => {
    const hub = withCall(2);
    expect(hub.refused({ kind: 'no-show', window: '1' })).toBe('recall-first');
    expect(hub.ok({ kind: 'recall', window: '1' }).events[0]?.payload).toMatchObject({ number: 'П-001', recall: 1 });
    expect(hub.refused({ kind: 'no-show', window: '1' })).toBe('recall-first');
    expect(hub.ok({ kind: 'recall', window: '1' }).events[0]?.payload).toMatchObject({ recall: 2 });
    expect(hub.ok({ kind: 'no-show', window: '1' }).events[0]).toMatchObject({ type: 'ticket.noShow', payload: { number: 'П-001', serviceId: 'passport' } });
    expect(hub.call('1')).toBe('П-002');
  });

  it('noShowAfterRecalls 0: a no-show right away', () => {
    const hub = withCall(0);
    expect(hub.ok({ kind: 'no-show', window: '1' }).events.map((event) => event.type)).toEqual(['ticket.noShow']);
  });

  it('start, then finish with the seconds since the start; no recall or no-show once serving', () => {
    const hub = withCall();
    hub.advance(30);
    expect(hub.ok({ kind: 'start', window: '1' }).events.map((event) => event.type)).toEqual(['service.started']);
    expect(hub.refused({ kind: 'start', window: '1' })).toBe('busy');
    expect(hub.refused({ kind: 'recall', window: '1' })).toBe('busy');
    expect(hub.refused({ kind: 'no-show', window: '1' })).toBe('busy');
    hub.advance(400);
    const finish = hub.ok({ kind: 'finish', window: '1' });
    expect(finish.events).toEqual([
      { type: 'service.finished', payload: { ticketId: expect.any(String), number: 'П-001', serviceId: 'passport', window: '1', operatorId: 'anna', serviceSeconds: 400 } },
    ]);
  });

  it('finish without a start: started recorded at the same time, seconds since the call', () => {
    const hub = withCall();
    hub.advance(250);
    const finish = hub.ok({ kind: 'finish', window: '1' });
    expect(finish.events.map((event) => event.type)).toEqual(['service.started', 'service.finished']);
    expect(finish.events[1]?.payload).toMatchObject({ serviceSeconds: 250 });
    expect(hub.state.windows.get('1')?.lastFinished).toMatchObject({ number: 'П-001', operatorId: 'anna', finishedAt: hub.now });
  });

  it('redirect to a service: same number and id, linked to the original service, at the head of the new line; the window is free', () => {
    const hub = withCall();
    hub.ok(receive(ticket('snils', 'С-001')));
    const redirect = hub.ok({ kind: 'redirect', window: '1', to: { service: 'snils' } });
    expect(redirect.events[0]).toMatchObject({
      type: 'ticket.redirected',
      payload: { number: 'П-001', fromServiceId: 'passport', toServiceId: 'snils', toWindow: null, window: '1', position: 'head' },
    });
    const ticketId = redirect.ticket?.ticketId ?? '';
    expect(ticketOfState(hub.state, ticketId)).toMatchObject({ status: 'waiting', serviceId: 'snils', number: 'П-001' });
    hub.ok({ kind: 'sign-in', window: '2', operatorId: 'boris' });
    expect(hub.call('2')).toBe('П-001');
    expect(hub.call('1')).toBe('П-002');
  });

  it('redirect to the tail when the config says so', () => {
    const hub = new TestHub(office({}, { redirectTo: 'tail' }), emptyQueue(DAY));
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok(receive(ticket('snils', 'С-001')));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.ok({ kind: 'sign-in', window: '2', operatorId: 'boris' });
    expect(hub.call('1')).toBe('П-001');
    hub.ok({ kind: 'redirect', window: '1', to: { service: 'snils' } });
    expect(hub.call('2')).toBe('С-001');
  });

  it('redirect to a window: only that window calls it, before anything else there', () => {
    const hub = withCall();
    hub.ok(receive(ticket('passport', 'П-003')));
    hub.ok({ kind: 'sign-in', window: '2', operatorId: 'boris' });
    hub.ok({ kind: 'sign-in', window: '3', operatorId: 'vera' });
    expect(hub.refused({ kind: 'redirect', window: '1', to: { window: '9' } })).toBe('unknown-window');
    expect(hub.refused({ kind: 'redirect', window: '1', to: { service: 'visa' } })).toBe('unknown-service');
    hub.advance(10);
    const redirect = hub.ok({ kind: 'redirect', window: '1', to: { window: '3' } });
    expect(redirect.events[0]?.payload).toMatchObject({ toWindow: '3', toServiceId: 'passport', fromServiceId: 'passport' });
    expect(hub.call('2')).toBe('П-002');
    expect(hub.call('1')).toBe('П-003');
    expect(hub.call('3')).toBe('П-001');
  });

  it('lastFinished is cleared by the window’s next call', () => {
    const hub = withCall();
    hub.ok({ kind: 'finish', window: '1' });
    expect(hub.state.windows.get('1')?.lastFinished?.number).toBe('П-001');
    hub.call('1');
    expect(hub.state.windows.get('1')?.lastFinished).toBeNull();
  });
});

describe('decide: the office’s midnight', () => {
  it('expires what waits or is called, keeps what is served, signs the idle windows out, and starts the day', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    for (const number of ['П-001', 'П-002', 'П-003', 'П-004']) hub.ok(receive(ticket('passport', number)));
    hub.ok(receive(ticket('passport', 'П-001', { day: '2026-11-24' })));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.ok({ kind: 'sign-in', window: '2', operatorId: 'boris' });
    hub.ok({ kind: 'sign-in', window: '3', operatorId: 'vera' });
    hub.call('1');
    hub.call('2');
    hub.ok({ kind: 'start', window: '2' });
    const rollover = hub.ok({ kind: 'rollover', day: '2026-11-24' });
    expect(rollover.events.map((event) => `${event.type} ${'number' in event.payload ? event.payload.number : 'window' in event.payload ? event.payload.window : ''}`)).toEqual([
      'ticket.expired П-003',
      'ticket.expired П-004',
      'ticket.expired П-001',
      'operator.signedOut 1',
      'operator.signedOut 3',
      'queue.dayStarted ',
    ]);
    expect(rollover.events[0]?.payload).toMatchObject({ day: DAY });
    expect(hub.state.day).toBe('2026-11-24');
    expect(hub.state.windows.get('2')?.operatorId).toBe('boris');
    expect(hub.ok({ kind: 'finish', window: '2' }).events.map((event) => event.type)).toEqual(['service.finished']);
    // The next day's ticket, delivered before midnight, kept its place.
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(hub.call('1')).toBe('П-001');
    expect(hub.refused({ kind: 'rollover', day: '2026-11-24' })).toBeNull();
    expect(hub.ok({ kind: 'rollover', day: '2026-11-23' }).events).toEqual([]);
  });

  it('a day with nothing left still records its start; a ticket of the old day is then refused as expired', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    expect(hub.ok({ kind: 'rollover', day: '2026-11-24' }).events).toEqual([{ type: 'queue.dayStarted', payload: { day: '2026-11-24', previousDay: DAY } }]);
    expect(hub.ok(receive(ticket('passport', 'П-009'))).events[0]).toMatchObject({ type: 'ticket.refused', payload: { reason: 'expired' } });
  });

  it('never throws: nonsense commands are refused or do nothing', () => {
    const state = emptyQueue(DAY);
    const config = office();
    expect(decide(state, { kind: 'rollover', day: 'tomorrow' }, { config, now: at(0) })).toEqual({ ok: true, value: { events: [], ticket: null } });
    expect(decide(state, { kind: 'call-next', window: '' }, { config, now: 'not a time' })).toEqual({ ok: false, error: 'unknown-window' });
  });
});
