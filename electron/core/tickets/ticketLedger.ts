import type Database from 'better-sqlite3';
import type { ServiceConfig } from '../../../shared/config.ts';
import type { TicketPrinted } from '../../../shared/kioskApi.ts';
import { newEventId, type Journal } from '../store/journal.ts';
import type { DayCount } from './serviceAvailability.ts';
import { formatTicketNumber, nextTicketNumber } from './ticketNumbering.ts';

/**
 * The ticket counters, kept in the journal's database: the counter and the `ticket.issued` event are
 * committed in ONE transaction, so after a SIGKILL or a power cut no number was ever given twice and
 * none was skipped without its event. Counters are keyed by local day, never by clock time: a clock
 * that jumps backwards within a day continues that day's numbers.
 */
export interface IssuedTicket {
  readonly id: string;
  readonly number: string;
  readonly serviceId: string;
  readonly day: string;
  readonly issuedAt: string;
  readonly printed: TicketPrinted;
}

export type IssueResult = { readonly ticket: IssuedTicket } | { readonly refused: 'range-exhausted' | 'daily-limit' };

export interface TicketLedger {
  issue(service: ServiceConfig, day: string, printed: TicketPrinted): IssueResult;
  countsFor(day: string): ReadonlyMap<string, DayCount>;
}

export function createTicketLedger(db: Database.Database, journal: Journal): TicketLedger {
  const read = db.prepare('SELECT last_number AS last, issued FROM ticket_counters WHERE service_id = ? AND day = ?');
  const write = db.prepare(
    `INSERT INTO ticket_counters (service_id, day, last_number, issued) VALUES (?, ?, ?, 1)
     ON CONFLICT (service_id, day) DO UPDATE SET last_number = excluded.last_number, issued = issued + 1`,
  );
  const readDay = db.prepare('SELECT service_id AS serviceId, last_number AS last, issued FROM ticket_counters WHERE day = ?');

  const issue = db.transaction((service: ServiceConfig, day: string, printed: TicketPrinted): IssueResult => {
    const today = (read.get(service.id, day) as DayCount | undefined) ?? { last: null, issued: 0 };
    if (service.dailyLimit !== undefined && today.issued >= service.dailyLimit) return { refused: 'daily-limit' };
    const next = nextTicketNumber(service.range, today.last);
    if ('exhausted' in next) return { refused: 'range-exhausted' };
    write.run(service.id, day, next.number);
    const id = newEventId();
    const number = formatTicketNumber(service.prefix, next.number);
    const event = journal.append('ticket.issued', { ticketId: id, number, service: service.id, day, printed });
    return { ticket: { id, number, serviceId: service.id, day, issuedAt: event.occurredAt, printed } };
  });

  return {
    // BEGIN IMMEDIATE: the counter is read, then written. A deferred transaction would read on a
    // snapshot that another connection's commit can make stale before the write, and then fail with
    // SQLITE_BUSY_SNAPSHOT, which no busy_timeout waits out. Taking the write lock first makes a
    // second writer wait (busy_timeout) instead.
    issue: (service, day, printed) => issue.immediate(service, day, printed),
    countsFor(day) {
      const rows = readDay.all(day) as { serviceId: string; last: number; issued: number }[];
      return new Map(rows.map((row) => [row.serviceId, { last: row.last, issued: row.issued }]));
    },
  };
}
