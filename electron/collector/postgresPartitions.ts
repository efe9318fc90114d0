import type pg from 'pg';
import { OKNO_LOCK } from './postgresMigrations.ts';

/**
 * The monthly partitions of `events` (postgresMigrations.ts), made when the first event of a month
 * arrives. Several instances may see that month at once: CREATE TABLE IF NOT EXISTS alone can still
 * collide in the catalogue, so the creation runs in a transaction under an advisory lock. What
 * exists is remembered per process only as a shortcut; the database stays the truth.
 */
export const PARTITION_LOCK = 2;

export interface Month {
  /** events_YYYY_MM */
  readonly name: string;
  /** The first instant of the month and of the next, UTC, ISO 8601. */
  readonly from: string;
  readonly to: string;
}

export function monthOf(instant: string): Month {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${instant}`);
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  const from = new Date(Date.UTC(year, month, 1));
  const to = new Date(Date.UTC(year, month + 1, 1));
  return { name: `events_${year}_${String(month + 1).padStart(2, '0')}`, from: from.toISOString(), to: to.toISOString() };
}

export interface PartitionMaker {
  /** The partition for this instant's month exists when this resolves. */
  ensure(instant: string): Promise<void>;
  /** After a failed insert: ask the database again next time (an operator may have detached a month). */
  forget(): void;
}

export function partitionMaker(pool: pg.Pool): PartitionMaker {
  const known = new Set<string>();
  const ensure = async (instant: string): Promise<void> => {
    const month = monthOf(instant);
    if (known.has(month.name)) return;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [OKNO_LOCK, PARTITION_LOCK]);
        // Names and bounds come from monthOf (digits only), not from a request: safe to splice.
        await client.query(`CREATE TABLE IF NOT EXISTS ${month.name} PARTITION OF events FOR VALUES FROM ('${month.from}') TO ('${month.to}')`);
        await client.query('COMMIT');
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      // A connection that failed mid-transaction is dropped, not given to the next request.
      client.release(broken);
    }
    known.add(month.name);
  };
  return { ensure, forget: () => known.clear() };
}
