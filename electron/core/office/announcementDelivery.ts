import { eventPayloadSchemas } from '../../../shared/events.ts';
import { announcementReportSchema, announcementsAnswerSchema, OFFICE_PATHS, type AnnouncementReport } from '../../../shared/office/officeProtocol.ts';
import { HUB_ANNOUNCEMENTS_TARGET, type DeliveryRow } from './deliveryOutbox.ts';
import { startEventDelivery, type DeliveryKind, type EventDelivery, type EventDeliveryOptions } from './eventDelivery.ts';

/**
 * A hall board's announcements on their way to the office hub (POST /office/v1/announcements): the
 * `hall.announced` events of its journal, played or failed, delivered by ./eventDelivery.ts under the
 * outbox target 'hub-announcements', so the hub's journal keeps the office's record of each call said
 * (or not, and why). The hub takes each `announcementId` once, so a resend is harmless.
 */

export interface AnnouncementDeliveryCounters {
  /** Announcements the hub recorded for the first time. */
  hubAnnouncementsDelivered: number;
  /** Announcements the hub had already (a resend after a lost answer). */
  hubAnnouncementDuplicates: number;
  /** Deliveries that failed: no connection, no answer in time, the hub's 5xx. */
  hubDeliveryFailures: number;
  /** 4xx and a wrong certificate: a configuration problem, tried again slowly. */
  hubDeliveryRefusals: number;
  /** Answers outside okno-office/1. */
  hubDeliveryBadAnswers: number;
  /** Journal rows that are not a deliverable announcement (cannot happen with okno's own journal): counted, passed. */
  hubUndeliverableAnnouncements: number;
  /** The journal could not be read or written; tried again. */
  hubDeliveryStorageFailures: number;
}

export type AnnouncementDelivery = EventDelivery<AnnouncementDeliveryCounters>;

/** Announcements per request, at most 100 (okno-office/1). */
export const MAX_ANNOUNCEMENT_BATCH = 100;
const MAX_REASON = 300;

/** A journal row as the hub takes it, or why it cannot be one. */
export function announcementReportOf(row: DeliveryRow): AnnouncementReport | string {
  let json: unknown;
  try {
    json = JSON.parse(row.payload) as unknown;
  } catch {
    return `seq ${row.seq}: the payload is not JSON`;
  }
  const payload = eventPayloadSchemas['hall.announced'].safeParse(json);
  if (!payload.success) return `seq ${row.seq}: not a hall.announced payload`;
  const { announcementId, ticketId, number, recall, outcome, reason, at } = payload.data;
  // A failure's reason is for a person: a long one is shortened rather than never delivered.
  const shortReason = reason !== null && reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
  const report = announcementReportSchema.safeParse({ announcementId, ticketId, number, recall, outcome, reason: shortReason, at });
  return report.success ? report.data : `seq ${row.seq}: ${report.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`;
}

const ANNOUNCEMENTS: DeliveryKind<AnnouncementReport> = {
  target: HUB_ANNOUNCEMENTS_TARGET,
  path: OFFICE_PATHS.announcements,
  one: 'announcement',
  many: 'announcements',
  maxBatch: MAX_ANNOUNCEMENT_BATCH,
  itemOf: announcementReportOf,
  body: (deviceId, announcements) => ({ deviceId, announcements }),
  acknowledgement: (json) => {
    const parsed = announcementsAnswerSchema.safeParse(json);
    return parsed.success ? { ...parsed.data, refused: [] } : null;
  },
};

export function startAnnouncementDelivery(options: EventDeliveryOptions): AnnouncementDelivery {
  const delivery = startEventDelivery(ANNOUNCEMENTS, options);
  return {
    ...delivery,
    counters: () => {
      const counted = delivery.counters();
      return {
        hubAnnouncementsDelivered: counted.delivered,
        hubAnnouncementDuplicates: counted.duplicates,
        hubDeliveryFailures: counted.failures,
        hubDeliveryRefusals: counted.refusals,
        hubDeliveryBadAnswers: counted.badAnswers,
        hubUndeliverableAnnouncements: counted.undeliverable,
        hubDeliveryStorageFailures: counted.storageFailures,
      };
    },
  };
}
