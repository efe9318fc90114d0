import type pg from 'pg';

/**
 * Adds a batch's counts to a rollup table in one statement: the rows go as arrays (unnest), and a row
 * that exists gets the counts added (ON CONFLICT DO UPDATE). The rows are sent in key order, and
 * PostgreSQL inserts them in the order of the SELECT (ORDER BY the ordinality): two instances adding
 * to the same rows lock them in the same order, so they wait for each other instead of deadlocking.
 * Table and column names are the constants below, never input; every value is a parameter.
 */
export interface RollupTable {
  readonly name: string;
  /** The primary key, in its order, with the PostgreSQL type of each array element. */
  readonly keys: readonly (readonly [column: string, type: string])[];
  /** The counts added up. */
  readonly counts: readonly (readonly [column: string, type: string])[];
}

export interface RollupRow {
  readonly key: readonly string[];
  readonly counts: readonly number[];
}

const quoted = (column: string): string => `"${column}"`;

export function upsertStatement(table: RollupTable, firstParameter = 1): string {
  const columns = [...table.keys, ...table.counts];
  const arrays = columns.map(([, type], i) => `$${firstParameter + i}::${type}[]`).join(', ');
  const names = columns.map(([column]) => quoted(column)).join(', ');
  const keyNames = table.keys.map(([column]) => quoted(column)).join(', ');
  const adds = table.counts.map(([column]) => `${quoted(column)} = r.${quoted(column)} + excluded.${quoted(column)}`).join(', ');
  return `INSERT INTO ${table.name} AS r (${names})
    SELECT ${names} FROM unnest(${arrays}) WITH ORDINALITY AS u(${names}, ord) ORDER BY ord
    ON CONFLICT (${keyNames}) DO UPDATE SET ${adds}`;
}

const byKey = (a: RollupRow, b: RollupRow): number => {
  for (let i = 0; i < a.key.length; i += 1) {
    const x = a.key[i]!;
    const y = b.key[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/** Sums counts per key (rows of one batch), then adds them to the table in key order. */
export class RollupBatch {
  private readonly rows = new Map<string, RollupRow>();
  private readonly table: RollupTable;
  private readonly statement: string;

  constructor(table: RollupTable) {
    this.table = table;
    this.statement = upsertStatement(table);
  }

  add(key: readonly string[], counts: readonly number[]): void {
    const id = JSON.stringify(key);
    const row = this.rows.get(id);
    this.rows.set(id, { key, counts: row === undefined ? counts : row.counts.map((n, i) => n + counts[i]!) });
  }

  get size(): number {
    return this.rows.size;
  }

  /** The table's column arrays, rows in key order. */
  parameters(): unknown[][] {
    const rows = [...this.rows.values()].sort(byKey);
    return [...this.table.keys.map((_, i) => rows.map((row) => row.key[i]!)), ...this.table.counts.map((_, i) => rows.map((row) => row.counts[i]!))];
  }

  async write(client: pg.ClientBase): Promise<void> {
    if (this.rows.size === 0) return;
    await client.query(this.statement, this.parameters());
  }
}

/**
 * Several rollup tables' upserts in one statement (one round trip): each table is a data-modifying
 * CTE, and the final SELECT reads them in the list's order. Every batch sends the same statement, so
 * every transaction locks the tables' rows in the same order. For the rows many batches share (an
 * office's hour and day), one round trip is less time that their locks are held.
 */
export function upsertTogetherStatement(tables: readonly RollupTable[]): string {
  let next = 1;
  const parts = tables.map((table, i) => {
    const statement = upsertStatement(table, next);
    next += table.keys.length + table.counts.length;
    return `t${i} AS (${statement} RETURNING 1)`;
  });
  return `WITH ${parts.join(', ')} SELECT ${tables.map((_, i) => `(SELECT count(*) FROM t${i})`).join(', ')}`;
}

export async function writeTogether(client: pg.ClientBase, statement: string, batches: readonly RollupBatch[]): Promise<void> {
  if (batches.every((batch) => batch.size === 0)) return;
  await client.query(
    statement,
    batches.flatMap((batch) => batch.parameters()),
  );
}
