import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { localTime } from '../../../../../electron/core/tickets/localTime.ts';
import { serviceAvailability } from '../../../../../electron/core/tickets/serviceAvailability.ts';
import { formatTicketNumber, nextTicketNumber } from '../../../../../electron/core/tickets/ticketNumbering.ts';

const service = (overrides: Record<string, unknown> = {}) =>
  parseConfig(
    { device: { id: 'd', office: 'O', window: '1', mode: 'tickets' }, queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт' }, ...overrides }] } },
    'test',
  ).queue!.services[0]!;

describe('ticket numbers', () => {
  it('are <prefix>-<NNN>, at least three digits', () => {
    expect(formatTicketNumber('П', 17)).toBe('П-017');
    expect(formatTicketNumber('А', 1)).toBe('А-001');
    expect(formatTicketNumber('ВЗ', 1234)).toBe('ВЗ-1234');
  });

  it('start at the range, follow the last one, and run out at its end', () => {
    expect(nextTicketNumber([500, 999], null)).toEqual({ number: 500 });
    expect(nextTicketNumber([500, 999], 741)).toEqual({ number: 742 });
    expect(nextTicketNumber([500, 999], 999)).toEqual({ exhausted: true });
    expect(nextTicketNumber([7, 7], null)).toEqual({ number: 7 });
    expect(nextTicketNumber([7, 7], 7)).toEqual({ exhausted: true });
  });
});

describe('local day and time (device.timezone)', () => {
  it.each([
    ['2026-11-23T20:59:59Z', 'Europe/Moscow', '2026-11-23', 'mon', 23 * 60 + 59],
    ['2026-11-23T21:00:00Z', 'Europe/Moscow', '2026-11-24', 'tue', 0],
    ['2026-03-29T00:59:00Z', 'Europe/Berlin', '2026-03-29', 'sun', 60 + 59],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', '2026-03-29', 'sun', 3 * 60],
    // Chile moves its clocks at local midnight: there is no 00:xx on 2026-09-06.
    ['2026-09-06T03:59:00Z', 'America/Santiago', '2026-09-05', 'sat', 23 * 60 + 59],
    ['2026-09-06T04:00:00Z', 'America/Santiago', '2026-09-06', 'sun', 60],
  ])('%s in %s is %s %s, minute %i', (utc, zone, day, weekday, minutes) => {
    expect(localTime(new Date(utc), zone)).toEqual({ day, weekday, minutes });
  });
});

describe('service availability', () => {
  const monday10 = { day: '2026-11-23', weekday: 'mon' as const, minutes: 10 * 60 };
  const none = { last: null, issued: 0 };

  it('a service without hours is always open', () => {
    expect(serviceAvailability(service(), monday10, none)).toEqual({ available: true, unavailable: null, opensAt: null });
  });

  it('closed outside its hours, saying when it opens later today', () => {
    const hours = [
      { days: ['mon', 'tue'], from: '08:00', to: '09:30' },
      { days: ['mon'], from: '14:00', to: '18:00' },
    ];
    expect(serviceAvailability(service({ hours }), monday10, none)).toEqual({ available: false, unavailable: 'closed', opensAt: '14:00' });
    expect(serviceAvailability(service({ hours }), { ...monday10, minutes: 8 * 60 }, none).available).toBe(true);
    expect(serviceAvailability(service({ hours }), { ...monday10, minutes: 9 * 60 + 30 }, none).available).toBe(false);
    expect(serviceAvailability(service({ hours }), { ...monday10, minutes: 19 * 60 }, none)).toEqual({ available: false, unavailable: 'closed', opensAt: null });
    expect(serviceAvailability(service({ hours }), { ...monday10, weekday: 'sun' }, none).unavailable).toBe('closed');
  });

  it('over its daily limit', () => {
    expect(serviceAvailability(service({ dailyLimit: 3 }), monday10, { last: 3, issued: 3 })).toEqual({ available: false, unavailable: 'daily-limit', opensAt: null });
    expect(serviceAvailability(service({ dailyLimit: 3 }), monday10, { last: 2, issued: 2 }).available).toBe(true);
  });

  it('range exhausted comes first: the staff must act', () => {
    expect(serviceAvailability(service({ range: [1, 2], dailyLimit: 2 }), monday10, { last: 2, issued: 2 }).unavailable).toBe('range-exhausted');
  });
});

describe('queue config', () => {
  const base = { device: { id: 'd', office: 'O', window: '1', mode: 'tickets' } };
  const issues = (queue: unknown): string => {
    try {
      parseConfig({ ...base, queue }, 'test');
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('a dispenser needs services', () => {
    expect(issues({ services: [] })).toMatch(/queue.services: a ticket dispenser needs at least one service/);
  });

  it('refuses two services whose prefix and range overlap (numbers would repeat), unknown groups, duplicate ids, bad hours', () => {
    const message = issues({
      services: [
        { id: 'a', prefix: 'П', range: [1, 100], name: { ru: 'А' } },
        { id: 'b', prefix: 'П', range: [100, 200], name: { ru: 'Б' }, group: 'nope' },
        { id: 'a', prefix: 'Р', range: [1, 9], name: { ru: 'В' }, hours: [{ days: ['mon'], from: '18:00', to: '09:00' }] },
        { id: 'c', prefix: 'С', range: [9, 1], name: { ru: 'Г' } },
      ],
    });
    expect(message).toContain('queue.services.1.range: prefix "П" and range overlap service "a"');
    expect(message).toContain('queue.services.1.group: no group "nope"');
    expect(message).toContain('queue.services.2.id: duplicate service id "a"');
    expect(message).toContain('queue.services.2.hours.0.to');
    expect(message).toContain('queue.services.3.range');
  });
});
