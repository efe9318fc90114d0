import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../electron/hub/queue/hubEvents.ts';
import { auditOfficeDay } from '../../../bench/officeAudit.ts';

const AT = '2026-11-23T10:00:00.000+03:00';
const id = (n: number): string => `0196a5d2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const number = (n: number): string => `П-${String(n).padStart(3, '0')}`;
const at = (window: string) => ({ window, operatorId: `op-${window}` });

const received = (n: number): HubEvent => ({
  type: 'ticket.received',
  occurredAt: AT,
  payload: { ticketId: id(n), number: number(n), serviceId: 'passport', priority: null, day: '2026-11-23', issuedAt: AT, dispenserId: 'd', sourceEventId: id(1000 + n) },
});
const called = (n: number, window: string): HubEvent => ({ type: 'ticket.called', occurredAt: AT, payload: { ticketId: id(n), number: number(n), serviceId: 'passport', ...at(window), waitedSeconds: 1 } });
const started = (n: number, window: string): HubEvent => ({ type: 'service.started', occurredAt: AT, payload: { ticketId: id(n), number: number(n), serviceId: 'passport', ...at(window) } });
const finished = (n: number, window: string): HubEvent => ({ type: 'service.finished', occurredAt: AT, payload: { ticketId: id(n), number: number(n), serviceId: 'passport', ...at(window), serviceSeconds: 3 } });
const noShow = (n: number, window: string): HubEvent => ({ type: 'ticket.noShow', occurredAt: AT, payload: { ticketId: id(n), number: number(n), serviceId: 'passport', ...at(window) } });
const recalled = (n: number, window: string): HubEvent => ({ type: 'ticket.recalled', occurredAt: AT, payload: { ticketId: id(n), number: number(n), ...at(window), recall: 1 } });
const redirected = (n: number, window: string, toWindow: string | null): HubEvent => ({
  type: 'ticket.redirected',
  occurredAt: AT,
  payload: { ticketId: id(n), number: number(n), fromServiceId: 'passport', ...at(window), toServiceId: 'passport', toWindow, position: 'head' },
});
const expired = (n: number): HubEvent => ({ type: 'ticket.expired', occurredAt: AT, payload: { ticketId: id(n), number: number(n), serviceId: 'passport', day: '2026-11-23' } });

describe('auditOfficeDay', () => {
  it('a clean day: every issued ticket accounted for, by outcome; redirected and re-called is no double call', () => {
    const audit = auditOfficeDay(
      [
        ...[1, 2, 3, 4, 5, 6].map(received),
        called(1, '1'),
        recalled(1, '1'),
        started(1, '1'),
        finished(1, '1'),
        called(2, '2'),
        redirected(2, '2', '1'),
        called(2, '1'),
        finished(2, '1'),
        called(3, '2'),
        noShow(3, '2'),
        called(4, '3'),
        expired(4),
        expired(5),
      ],
      [1, 2, 3, 4, 5, 6].map(id),
    );
    expect(audit).toEqual({
      received: 6,
      receivedTwice: 0,
      doubleCalls: [],
      lost: [],
      unknown: 0,
      outcomes: { waiting: 1, called: 0, serving: 0, finished: 2, 'no-show': 1, expired: 2 },
      calls: 5,
      recalls: 1,
      redirects: 1,
    });
  });

  it('finds a ticket called at two windows at once, a busy window given another, and a call after the visit ended', () => {
    const audit = auditOfficeDay([received(1), received(2), called(1, '1'), called(1, '2'), finished(1, '2'), called(2, '2'), called(1, '3'), called(2, '2')], [id(1), id(2)]);
    expect(audit.doubleCalls).toEqual([
      { ticketId: id(1), number: 'П-001', window: '2', why: 'already open at a window' },
      { ticketId: id(1), number: 'П-001', window: '3', why: 'visit had ended' },
      { ticketId: id(2), number: 'П-002', window: '2', why: 'already open at a window' },
      { ticketId: id(2), number: 'П-002', window: '2', why: 'window already busy' },
    ]);
  });

  it('a ticket issued and never received is lost; one received twice or never issued is counted; one left at a window shows', () => {
    const audit = auditOfficeDay([received(1), received(1), received(3), called(3, '1')], [id(1), id(2)]);
    expect(audit.lost).toEqual([id(2)]);
    expect(audit.receivedTwice).toBe(1);
    expect(audit.unknown).toBe(1);
    expect(audit.outcomes).toMatchObject({ waiting: 1, called: 1 });
  });
});
