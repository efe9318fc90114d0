import { inTransaction } from '../poolTransaction.ts';
import type pg from 'pg';
import { z } from 'zod';
import { alertKindSchema, alertSchema, type Alert, type AlertKind, type Alerts } from '../../../shared/central/dashboardApi.ts';
import { ALERT_FEED_LOCK, OKNO_LOCK } from '../postgresMigrations.ts';
import type { CentralAlerts, Scope } from './readModel.ts';

/**
 * The alerts table (migration 3): opening an alert, for the ingest projection and the periodic
 * evaluator, and what the dashboard asks of it (CentralAlerts): the list, an acknowledgement, and
 * the changes after a position for the live feed.
 */
export interface AlertCandidate {
  readonly kind: AlertKind;
  /** What it is about: at most one open alert per (kind, subject). */
  readonly subject: string;
  /**
   * For a periodic condition (a silent device, an office's day): which occurrence, opened once even
   * after it was acknowledged, so the next evaluation does not open it again.
   */
  readonly occurrence?: string;
  readonly office: string | null;
  readonly window: string | null;
  readonly deviceId: string | null;
  /** When the condition was found (ISO 8601). */
  readonly openedAt: string;
  readonly facts: Readonly<Record<string, string | number>>;
}

const OPEN_ALERT = `
  INSERT INTO alerts (kind, subject, occurrence, office, "window", device_id, opened_at, facts)
  SELECT $1, $2, $3, $4, $5, $6, $7::timestamptz, $8::jsonb
   WHERE $3 = '' OR NOT EXISTS (SELECT 1 FROM alerts WHERE kind = $1 AND subject = $2 AND occurrence = $3)
  ON CONFLICT (kind, subject) WHERE acknowledged_at IS NULL DO NOTHING
  RETURNING id`;

/**
 * Opens the alert unless one is open for its subject (or this occurrence was found before). Runs in
 * the caller's transaction, which holds the feed lock shared from here to its commit: the feed's
 * reader then never passes this alert's change position before it is visible.
 * True when a new alert was opened.
 */
export async function openAlert(client: pg.ClientBase, alert: AlertCandidate): Promise<boolean> {
  await client.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [OKNO_LOCK, ALERT_FEED_LOCK]);
  const { rowCount } = await client.query(OPEN_ALERT, [
    alert.kind,
    alert.subject,
    alert.occurrence ?? '',
    alert.office,
    alert.window,
    alert.deviceId,
    alert.openedAt,
    JSON.stringify(alert.facts),
  ]);
  return rowCount === 1;
}

const ALERT_COLUMNS = `id::text AS id, kind, office, "window", device_id, opened_at, facts, acknowledged_by, acknowledged_at, ack_comment, change::text AS change`;

const alertRow = z.object({
  id: z.string(),
  kind: alertKindSchema,
  office: z.string().nullable(),
  window: z.string().nullable(),
  device_id: z.string().nullable(),
  opened_at: z.date(),
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
  acknowledged_by: z.string().nullable(),
  acknowledged_at: z.date().nullable(),
  ack_comment: z.string().nullable(),
  change: z.string(),
});
type AlertRow = z.infer<typeof alertRow>;

const toAlert = (row: AlertRow): Alert =>
  alertSchema.parse({
    id: row.id,
    kind: row.kind,
    office: row.office,
    window: row.window,
    deviceId: row.device_id,
    openedAt: row.opened_at.toISOString(),
    facts: row.facts,
    acknowledged: row.acknowledged_at === null ? null : { by: row.acknowledged_by ?? '', at: row.acknowledged_at.toISOString(), comment: row.ack_comment ?? '' },
  });

/** The office a question is narrowed to; undefined when the scope can see nothing (an office account without an office). */
function officeOf(scope: Scope): string | null | undefined {
  if (scope.role === 'city') return null;
  return scope.office ?? undefined;
}

const idText = z.string().regex(/^\d{1,18}$/);
/** A feed position: '0' or a change position given earlier. */
export const alertCursorSchema = z.string().regex(/^\d{1,18}$/, 'a change position: digits');

/** The most alerts one list or one feed step gives (the feed continues from its cursor). */
export const ALERTS_PAGE = 500;

export function centralAlerts(pool: pg.Pool): CentralAlerts {
  return {
    async list(state, scope): Promise<Alerts> {
      const office = officeOf(scope);
      if (office === undefined) return { alerts: [] };
      const { rows } = await pool.query(
        `SELECT ${ALERT_COLUMNS} FROM alerts
          WHERE ($1 = 'all' OR acknowledged_at IS NULL) AND ($2::text IS NULL OR office = $2)
          ORDER BY opened_at DESC, id DESC LIMIT $3`,
        [state, office, ALERTS_PAGE],
      );
      return { alerts: z.array(alertRow).parse(rows).map(toAlert) };
    },

    async acknowledge(id, by, comment, scope) {
      const office = officeOf(scope);
      if (office === undefined || !idText.safeParse(id).success) return null;
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [OKNO_LOCK, ALERT_FEED_LOCK]);
        // Only an open alert takes the acknowledgement: a second one (another manager, another
        // instance at the same moment) waits for the first's row and then finds it acknowledged.
        await client.query(
          `UPDATE alerts SET acknowledged_by = $2, acknowledged_at = now(), ack_comment = $3, change = nextval('alert_change_seq')
            WHERE id = $1::bigint AND acknowledged_at IS NULL AND ($4::text IS NULL OR office = $4)`,
          [id, by, comment, office],
        );
        const { rows } = await client.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1::bigint AND ($2::text IS NULL OR office = $2)`, [id, office]);
        const row = z.array(alertRow).parse(rows)[0];
        return row === undefined ? null : toAlert(row);
      });
    },

    async changesAfter(cursor) {
      const after = alertCursorSchema.parse(cursor);
      return inTransaction(pool, async (client) => {
        // Exclusive: every transaction that drew a change position before this has committed, and
        // none draws one until this read is done, so no position below the new cursor comes later.
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [OKNO_LOCK, ALERT_FEED_LOCK]);
        const { rows } = await client.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE change > $1::bigint ORDER BY change LIMIT $2`, [after, ALERTS_PAGE]);
        const parsed = z.array(alertRow).parse(rows);
        return { alerts: parsed.map(toAlert), cursor: parsed.at(-1)?.change ?? after };
      });
    },

    /** Where a new live feed starts: after every change committed so far (under the same lock as changesAfter). */
    async latestCursor() {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [OKNO_LOCK, ALERT_FEED_LOCK]);
        const { rows } = await client.query('SELECT coalesce(max(change), 0)::text AS change FROM alerts');
        return z.object({ change: alertCursorSchema }).parse(rows[0]).change;
      });
    },
  };
}
