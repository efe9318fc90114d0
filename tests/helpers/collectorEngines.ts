import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { CollectorStorage } from '../../electron/collector/collectorStorage.ts';
import { openCollectorStore } from '../../electron/collector/collectorStore.ts';
import { openPostgresStore } from '../../electron/collector/postgresStore.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

/**
 * The collector's two stores, for suites that must answer identically on both (issue #14, item 6):
 * `describe.each(useCollectorEngines())`. Each `open` is a new, empty store: a SQLite file in the
 * test's directory, or a new database on this test file's own PostgreSQL server (started on first
 * use, stopped after the file).
 */
export interface OpenedEngine {
  readonly storage: CollectorStorage;
  /** The payload column in cursor order, read with the engine's own SQL: what a query would see. */
  payloads(): Promise<string[]>;
}

export interface CollectorEngine {
  readonly name: 'sqlite' | 'postgres';
  open(dir: string): Promise<OpenedEngine>;
}

export function useCollectorEngines(): CollectorEngine[] {
  let server: Promise<TestPostgres> | null = null;
  afterAll(async () => {
    // A server that failed to start has said so in the tests that needed it.
    const started = await server?.catch(() => null);
    await started?.stop();
  });
  const sqlite: CollectorEngine = {
    name: 'sqlite',
    open(dir) {
      const file = join(dir, 'collector.db');
      const storage = openCollectorStore(file);
      return Promise.resolve({
        storage,
        payloads() {
          const db = new Database(file, { readonly: true });
          try {
            return Promise.resolve(db.prepare('SELECT payload FROM events ORDER BY cursor').pluck().all().map(String));
          } finally {
            db.close();
          }
        },
      });
    },
  };
  const postgres: CollectorEngine = {
    name: 'postgres',
    async open() {
      server ??= startPostgres();
      const url = await (await server).createDatabase();
      const storage = await openPostgresStore({ url });
      return {
        storage,
        async payloads() {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            const { rows } = await client.query<{ payload: string }>('SELECT payload FROM events ORDER BY cursor');
            return rows.map((row) => row.payload);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
  return [sqlite, postgres];
}
