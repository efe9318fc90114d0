import type pg from 'pg';

/**
 * `work` in one transaction on a connection of the pool: committed when it resolves, rolled back when
 * it throws (the error passes on). A connection whose ROLLBACK failed is in an unknown state (the
 * database went away mid-transaction): it is closed, not given back to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
