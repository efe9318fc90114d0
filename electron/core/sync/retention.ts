/**
 * Which acknowledged events may be pruned: pure. Rows come in seq order; the journal's seq order is
 * its time order, except when the wall clock was set back. We prune the longest prefix that is both
 * acknowledged and older than the cutoff, and stop at the first row that is not: an event stamped in
 * the future by a wrong clock delays pruning a little, it never makes us delete something unsent.
 */
export interface RetentionRow {
  readonly seq: number;
  readonly occurredAt: string;
}

/** The highest seq that may be deleted, or null for none. */
export function pruneBoundary(rows: readonly RetentionRow[], ackedSeq: number, cutoffMs: number): number | null {
  let boundary: number | null = null;
  for (const row of rows) {
    if (row.seq > ackedSeq) break;
    const at = Date.parse(row.occurredAt);
    if (Number.isNaN(at) || at >= cutoffMs) break;
    boundary = row.seq;
  }
  return boundary;
}

export const DAY_MS = 86_400_000;
