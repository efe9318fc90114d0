import type Database from 'better-sqlite3';
import type { AnnouncementReport, AnnouncementsAnswer } from '../../shared/office/officeProtocol.ts';
import type { Journal } from '../core/store/journal.ts';

/**
 * What the hall boards announced, in the hub's journal: each report becomes one `hall.announced` event
 * (shared/events.ts) under the office's id, so the office's record of "played" or "failed, and why"
 * reaches the central collector with the queue's own events. A report is taken once by its
 * `announcementId`, however often a board sends it: the unique index events_hall_announcement
 * (migration 6) holds that even if this check were bypassed. Not a queue event: the queue's fold and
 * the office snapshot do not see it.
 */
export interface AnnouncementLog {
  /** The reports of one request, committed together before the answer; `deviceId` is the token's device. */
  record(deviceId: string, reports: readonly AnnouncementReport[]): AnnouncementsAnswer;
}

export function announcementLog(db: Database.Database, journal: Journal): AnnouncementLog {
  // The partial index's own WHERE, so SQLite looks the id up in it instead of reading every event.
  const known = db.prepare("SELECT 1 FROM events WHERE type = 'hall.announced' AND json_extract(payload, '$.announcementId') = ?");
  return {
    record(deviceId, reports) {
      // One transaction (one fsync) per request; a repeat inside the same request is a duplicate too.
      return db
        .transaction(() => {
          let accepted = 0;
          let duplicates = 0;
          for (const report of reports) {
            if (known.get(report.announcementId) !== undefined) {
              duplicates += 1;
              continue;
            }
            journal.append('hall.announced', {
              announcementId: report.announcementId,
              ticketId: report.ticketId,
              number: report.number,
              recall: report.recall,
              deviceId,
              outcome: report.outcome,
              reason: report.reason,
              at: report.at,
            });
            accepted += 1;
          }
          return { accepted, duplicates };
        })
        .immediate();
    },
  };
}
