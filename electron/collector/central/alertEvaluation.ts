import { inTransaction } from '../poolTransaction.ts';
import type pg from 'pg';
import { z } from 'zod';
import type { AlertRules, OfficeSatisfactionRule } from '../../../shared/central/alertRules.ts';
import { ALERT_EVALUATION_LOCK, ALERT_FEED_LOCK, OKNO_LOCK } from '../postgresMigrations.ts';
import { openAlert } from './alertStore.ts';

/**
 * One evaluation of the time-based alert rules (a silent device, an office's day below its share),
 * in one transaction. Any number of instances evaluate on their timers; only one at a time does the
 * work (a try-lock: the others skip this round), and each occurrence (the device's last-seen time,
 * the office's day) opens at most one alert ever, so a second evaluation finds nothing new.
 */
export type EvaluationOutcome = { readonly ran: false } | { readonly ran: true; readonly opened: number };

/** Finished local days looked at: yesterday and the day before (ratings that arrive late still count). */
const LOOKBACK_DAYS = 2;
/**
 * An office whose UTC offset is not known yet (no device.status so far) has finished a day when
 * every time zone has: UTC−12 is the last.
 */
const UNKNOWN_OFFSET_MINUTES = -12 * 60;
const DAY_MS = 86_400_000;

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const OPEN_SILENT = `
  INSERT INTO alerts (kind, subject, occurrence, office, "window", device_id, opened_at, facts)
  SELECT 'device-silent', h.device_id, to_char(h.last_seen_at AT TIME ZONE 'UTC', ${ISO}), h.office, NULL, h.device_id, $2::timestamptz,
         jsonb_build_object('lastSeenAt', to_char(h.last_seen_at AT TIME ZONE 'UTC', ${ISO}), 'minutes', $3::int)
    FROM device_health AS h
   WHERE h.last_seen_at < $1::timestamptz
     AND NOT EXISTS (SELECT 1 FROM alerts AS a
                      WHERE a.kind = 'device-silent' AND a.subject = h.device_id
                        AND a.occurrence = to_char(h.last_seen_at AT TIME ZONE 'UTC', ${ISO}))
   ORDER BY h.device_id
  ON CONFLICT (kind, subject) WHERE acknowledged_at IS NULL DO NOTHING`;

async function openSilentDevices(client: pg.ClientBase, minutes: number, now: Date): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [OKNO_LOCK, ALERT_FEED_LOCK]);
  const result = await client.query(OPEN_SILENT, [new Date(now.getTime() - minutes * 60_000).toISOString(), now.toISOString(), minutes]);
  return result.rowCount ?? 0;
}

/** The UTC offset in minutes of an occurredAt such as 2026-11-23T10:14:58.004+03:00; null when it has none. */
export function offsetMinutes(occurredAt: string): number | null {
  if (/z$/i.test(occurredAt)) return 0;
  const match = /([+-])(\d{2}):(\d{2})$/.exec(occurredAt);
  if (match === null) return null;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

const localDay = (instantMs: number, offset: number): string => new Date(instantMs + offset * 60_000).toISOString().slice(0, 10);
const offsetRow = z.object({ office: z.string(), status_at: z.string() });
const dayRow = z.object({ office: z.string(), day: z.string(), ratings: z.number().int(), top_two: z.number().int() });

async function openOfficeDays(client: pg.ClientBase, rule: OfficeSatisfactionRule, now: Date): Promise<number> {
  // The rating rollup is another part's table: until it exists there is nothing to read.
  const rollup = await client.query(`SELECT to_regclass('rating_rollup') IS NOT NULL AS present`);
  if (z.object({ present: z.boolean() }).parse(rollup.rows[0]).present !== true) return 0;
  // An office's UTC offset, from its devices' newest status (occurredAt carries the device's offset).
  const offsets = new Map(
    z
      .array(offsetRow)
      .parse(
        (
          await client.query(
            `SELECT DISTINCT ON (office) office, status_at FROM device_health
              WHERE office IS NOT NULL AND status_at IS NOT NULL ORDER BY office, status_on DESC`,
          )
        ).rows,
      )
      .map((row) => [row.office, offsetMinutes(row.status_at)]),
  );
  const nowMs = now.getTime();
  // Local days of any offset (−12 h … +14 h) that may be among the last LOOKBACK_DAYS finished days.
  const from = new Date(nowMs - (LOOKBACK_DAYS + 1) * DAY_MS).toISOString().slice(0, 10);
  const to = new Date(nowMs + 2 * DAY_MS).toISOString().slice(0, 10);
  const { rows } = await client.query(
    `SELECT office, to_char(hour, 'YYYY-MM-DD') AS day, sum(ratings)::int AS ratings, sum(top_two)::int AS top_two
       FROM rating_rollup WHERE hour >= $1::timestamp AND hour < $2::timestamp
      GROUP BY office, to_char(hour, 'YYYY-MM-DD') ORDER BY office, day`,
    [from, to],
  );
  let opened = 0;
  for (const day of z.array(dayRow).parse(rows)) {
    const today = localDay(nowMs, offsets.get(day.office) ?? UNKNOWN_OFFSET_MINUTES);
    const earliest = localDay(Date.parse(`${today}T00:00:00Z`) - LOOKBACK_DAYS * DAY_MS, 0);
    if (day.day >= today || day.day < earliest || day.ratings < rule.minRatings) continue;
    const share = day.top_two / day.ratings;
    if (share >= rule.belowShare) continue;
    const isNew = await openAlert(client, {
      kind: 'office-satisfaction',
      subject: day.office,
      occurrence: day.day,
      office: day.office,
      window: null,
      deviceId: null,
      openedAt: now.toISOString(),
      facts: { share: Math.round(share * 10_000) / 10_000, threshold: rule.belowShare, day: day.day, ratings: day.ratings },
    });
    if (isNew) opened += 1;
  }
  return opened;
}

/** Low scores too old to join a run any more, left by windows that have been quiet since. */
async function pruneLowScores(client: pg.ClientBase, withinMinutes: number, now: Date): Promise<void> {
  await client.query('DELETE FROM recent_low_scores WHERE occurred_on < $1::timestamptz', [new Date(now.getTime() - withinMinutes * 60_000 - DAY_MS).toISOString()]);
}

export async function evaluateAlerts(pool: pg.Pool, rules: AlertRules, now: Date): Promise<EvaluationOutcome> {
  return inTransaction(pool, async (client) => {
    const lock = await client.query('SELECT pg_try_advisory_xact_lock($1, $2) AS got', [OKNO_LOCK, ALERT_EVALUATION_LOCK]);
    // Another instance is evaluating: nothing to do this time (the empty transaction just ends).
    if (z.object({ got: z.boolean() }).parse(lock.rows[0]).got !== true) return { ran: false };
    let opened = 0;
    if (rules.deviceSilentMinutes !== false) opened += await openSilentDevices(client, rules.deviceSilentMinutes, now);
    if (rules.officeSatisfaction !== false) opened += await openOfficeDays(client, rules.officeSatisfaction, now);
    if (rules.lowScores !== false) await pruneLowScores(client, rules.lowScores.withinMinutes, now);
    return { ran: true, opened };
  });
}
