import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { StoreError } from './storeError.ts';

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly schemaVersion: number;
  /** Set when the file failed its integrity check at start and was moved aside (kept for recovery). */
  readonly quarantined: { readonly file: string; readonly reason: string } | null;
}

export interface OpenOptions {
  readonly file: string;
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
  /** For naming quarantined files; injected so tests are repeatable. */
  readonly now?: () => Date;
}

function applyPragmas(db: Database.Database, readonly: boolean): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (readonly) return;
  db.pragma('journal_mode = WAL');
  // A rating shown as accepted must survive a power cut: fsync the WAL on every commit.
  db.pragma('synchronous = FULL');
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new StoreError(
      'newer-schema',
      `database schema version ${current} is newer than this okno understands (${latest}); ` +
        'install the newer okno again, or move the data directory aside to start a new journal',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // IMMEDIATE: a migration reads the schema it changes; with the write lock first, a short writer on
    // the same file (okno sync --requeue-quarantined) makes it wait instead of failing it. The version is
    // read again under the lock: a second connection that read the version at the same moment (`okno sync
    // --requeue-quarantined` beside a starting kiosk) must not run a migration the first one just ran.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return Math.max(current, latest);
}

function integrityProblem(db: Database.Database): string | null {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? null : messages.slice(0, 5).join('; ');
}

/** The highest seq we can still read from a damaged file, so the new journal continues after it. */
function salvageLastSeq(file: string): number {
  try {
    const damaged = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = damaged.prepare('SELECT max(seq) AS seq FROM events').get() as { seq: number | null } | undefined;
      return row?.seq ?? 0;
    } finally {
      damaged.close();
    }
  } catch {
    return 0;
  }
}

function quarantine(file: string, now: Date): string {
  const target = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

const isDamage = (error: unknown): boolean => /^SQLITE_(NOTADB|CORRUPT)/.test(String((error as { code?: unknown }).code));

/** Opens the file; 'damaged' when SQLite says it is not (or no longer) a database. */
function openOnce(file: string, readonly: boolean): Database.Database | 'damaged' {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
    applyPragmas(db, readonly);
    return db;
  } catch (error) {
    db?.close();
    if (isDamage(error)) return 'damaged';
    throw new StoreError('unavailable', `cannot open the journal ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Opens (creating if needed) the journal file: pragmas, integrity check, migrations.
 * A file that fails the integrity check is moved aside as `<file>.corrupt-<time>` and a fresh journal
 * starts, continuing the seq after the last one still readable; the caller records that it happened.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  const { file, readonly = false, migrations = MIGRATIONS, now = () => new Date() } = options;
  if (!readonly) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreError('unavailable', `cannot create the data directory ${dirname(file)}: ${(error as Error).message}`, { cause: error });
    }
  }
  const first = openOnce(file, readonly);
  let problem: string | null = first === 'damaged' ? 'not a database' : null;
  if (first !== 'damaged') {
    try {
      problem = integrityProblem(first);
    } catch (error) {
      if (!isDamage(error)) {
        first.close();
        throw new StoreError('unavailable', `cannot check the journal ${file}: ${(error as Error).message}`, { cause: error });
      }
      problem = (error as Error).message;
    }
    if (problem === null) {
      try {
        const schemaVersion = readonly ? (first.pragma('user_version', { simple: true }) as number) : migrate(first, migrations);
        return { db: first, schemaVersion, quarantined: null };
      } catch (error) {
        first.close();
        throw error;
      }
    }
    first.close();
  }
  if (readonly) throw new StoreError('unavailable', `journal ${file} failed its integrity check: ${problem}`);

  const lastSeq = salvageLastSeq(file);
  const moved = quarantine(file, now());
  const db = openOnce(file, false);
  if (db === 'damaged') throw new StoreError('unavailable', `cannot start a new journal at ${file}`);
  const schemaVersion = migrate(db, migrations);
  if (lastSeq > 0) {
    db.prepare("INSERT INTO sqlite_sequence(name, seq) VALUES ('events', ?)").run(lastSeq);
  }
  return { db, schemaVersion, quarantined: { file: moved, reason: problem ?? 'unknown' } };
}

