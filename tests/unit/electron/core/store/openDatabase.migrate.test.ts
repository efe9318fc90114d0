import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateCollector, COLLECTOR_SCHEMA_VERSION } from '../../../../../electron/collector/collectorMigrations.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../../electron/core/store/migrations.ts';
import { migrate } from '../../../../../electron/core/store/openDatabase.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

/**
 * Issue #11 item 5: migrations run under the write lock (BEGIN IMMEDIATE) and read the version again
 * under it. Two connections that both read "version 0" at the same moment must not both migrate: the
 * second would fail on "table events already exists" and its process would not start.
 */

const tempDir = useTempDirs();

/**
 * Connection B reads the version first; right after that read, connection A migrates the whole file.
 * Then B goes on with what it read. Returns what B's migrate did (its version, or its error).
 */
function racedMigration(run: (db: Database.Database) => number): { a: number; b: number | string } {
  const file = join(tempDir(), 'okno.db');
  const a = new Database(file);
  const b = new Database(file);
  try {
    let aVersion = -1;
    const realPragma = b.pragma.bind(b);
    let reads = 0;
    // The first read of user_version by B is the one migrate() decides on: A runs in between.
    b.pragma = ((source: string, options?: Database.PragmaOptions) => {
      const value = realPragma(source, options);
      if (source === 'user_version' && reads++ === 0) aVersion = run(a);
      return value;
    });
    let bVersion: number | string;
    try {
      bVersion = run(b);
    } catch (error) {
      bVersion = (error as Error).message;
    }
    return { a: aVersion, b: bVersion };
  } finally {
    a.close();
    b.close();
  }
}

describe('migrations when two connections start on one file', () => {
  it('the journal: the second connection finds the work done under the lock and migrates nothing twice', () => {
    const outcome = racedMigration((db) => migrate(db));
    expect(outcome).toEqual({ a: LATEST_SCHEMA_VERSION, b: LATEST_SCHEMA_VERSION });
  });

  it('the collector: the same', () => {
    const outcome = racedMigration((db) => migrateCollector(db));
    expect(outcome).toEqual({ a: COLLECTOR_SCHEMA_VERSION, b: COLLECTOR_SCHEMA_VERSION });
  });
});
