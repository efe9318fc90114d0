import type Database from 'better-sqlite3';
import type { JournalSyncAccess } from '../store/journalStore.ts';

/**
 * One rating per ticket: whether the journal holds a rating of a ticket already, asked before a
 * linked press is recorded (the unique index events_rating_ticket refuses a second one anyway; this
 * lets the press be recorded as `already-rated` instead of tried). Null when the journal cannot
 * answer now: the press is then tried, and the index decides.
 */
export function ratedTicketLookup(store: JournalSyncAccess): (ticketId: string) => boolean | null {
  let prepared: { db: Database.Database; statement: Database.Statement<[string]> } | null = null;
  return (ticketId) => {
    try {
      const db = store.database();
      if (prepared?.db !== db) {
        prepared = {
          db,
          statement: db.prepare<[string]>("SELECT 1 FROM events WHERE type = 'rating.submitted' AND json_extract(payload, '$.ticketId') = ? LIMIT 1"),
        };
      }
      return prepared.statement.get(ticketId) !== undefined;
    } catch {
      return null;
    }
  };
}
