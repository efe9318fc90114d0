import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../../electron/core/clock.ts';
import { createJournal, newEventId } from '../../../../../electron/core/store/journal.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../../../electron/core/store/migrations.ts';
import { migrate, openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { isStorageFault, StoreError } from '../../../../../electron/core/store/storeError.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('openDatabase', () => {
  it('creates the journal with WAL, synchronous=FULL, foreign keys, busy timeout and the latest schema', () => {
    const { db, schemaVersion, quarantined } = openDatabase({ file: join(tempDir(), 'sub', 'okno.db') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(quarantined).toBeNull();
    db.close();
  });

  it('refuses a database written by a newer okno, with a clear message, and leaves it untouched', () => {
    const file = join(tempDir(), 'okno.db');
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openDatabase({ file })).toThrow(
      `database schema version ${LATEST_SCHEMA_VERSION + 1} is newer than this okno understands (${LATEST_SCHEMA_VERSION})`,
    );
    try {
      openDatabase({ file });
    } catch (error) {
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('newer-schema');
    }
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    after.close();
  });

  it('migrates a database of an older version step by step, keeping its data', () => {
    const file = join(tempDir(), 'okno.db');
    const v1 = openDatabase({ file, migrations: MIGRATIONS.slice(0, 1) });
    createJournal(v1.db, 'dev', 'UTC', systemClock).append('device.started', { version: '0.0.1', mode: 'rating' });
    v1.db.close();
    const v2: Migration = { version: 2, up: (db) => db.exec('ALTER TABLE events ADD COLUMN note TEXT') };
    const { db, schemaVersion } = openDatabase({ file, migrations: [...MIGRATIONS.slice(0, 1), v2] });
    expect(schemaVersion).toBe(2);
    expect(db.prepare('SELECT type, note FROM events').all()).toEqual([{ type: 'device.started', note: null }]);
    db.close();
  });

  it('rolls back a failing migration whole, leaving the version where it was', () => {
    const file = join(tempDir(), 'okno.db');
    openDatabase({ file }).db.close();
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    const db = new Database(file);
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('moves a damaged file aside, starts a new journal and continues the seq', () => {
    const dir = tempDir();
    const file = join(dir, 'okno.db');
    const { db } = openDatabase({ file });
    const journal = createJournal(db, 'dev', 'UTC', systemClock);
    for (let i = 0; i < 3; i += 1) journal.append('device.started', { version: '1', mode: 'rating' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Damage the second page (a b-tree root) but keep the header, so SQLite opens the file and the check finds it.
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096, 4096 + 100);
    writeFileSync(file, bytes);

    const reopened = openDatabase({ file, now: () => new Date('2026-11-23T10:00:00Z') });
    expect(reopened.quarantined?.file).toBe(`${file}.corrupt-2026-11-23T10-00-00-000Z`);
    expect(existsSync(reopened.quarantined!.file)).toBe(true);
    const next = createJournal(reopened.db, 'dev', 'UTC', systemClock).append('device.started', { version: '1', mode: 'rating' });
    expect(next.seq).toBeGreaterThan(0);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.db.close();
    expect(readdirSync(dir).some((name) => name.startsWith('okno.db.corrupt-'))).toBe(true);
  });

  it('treats a file that is not a database at all as damaged and keeps it', () => {
    const file = join(tempDir(), 'okno.db');
    writeFileSync(file, 'this is not sqlite'.repeat(100));
    const { db, quarantined } = openDatabase({ file });
    expect(quarantined).not.toBeNull();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('says the data directory is unavailable when it cannot be created', () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    expect(() => openDatabase({ file: join(blocker, 'okno.db') })).toThrow(StoreError);
  });
});

describe('journal', () => {
  const open = () => {
    const { db } = openDatabase({ file: join(tempDir(), 'okno.db') });
    return { db, journal: createJournal(db, 'mfc-tverskoy-w05', 'Europe/Moscow', new FakeTime('2026-11-23T07:14:58.004Z')) };
  };

  it('appends events with a UUIDv7 id, increasing seq, local time with offset and the payload', () => {
    const { db, journal } = open();
    const a = journal.append('rating.submitted', { score: 5, scale: 5, source: 'touch', window: '5' });
    const b = journal.append('rating.suppressed', { score: 3, source: 'serial', reason: 'thanks-screen' });
    expect(a.id).toMatch(UUID_V7);
    expect(b.seq).toBe(a.seq + 1);
    expect(a.occurredAt).toBe('2026-11-23T10:14:58.004+03:00');
    expect(journal.readAfter(0, 10)).toEqual([a, b]);
    expect(journal.readAfter(a.seq, 10)).toEqual([b]);
    expect(journal.counts()).toEqual({ total: 2, byType: { 'rating.submitted': 1, 'rating.suppressed': 1 } });
    expect(journal.lastSeq()).toBe(b.seq);
    db.close();
  });

  it('keeps the id it is given, and refuses the same id twice', () => {
    const { db, journal } = open();
    const id = newEventId();
    expect(journal.append('device.started', { version: '1', mode: 'rating' }, id).id).toBe(id);
    expect(() => journal.append('device.started', { version: '1', mode: 'rating' }, id)).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses a payload that is not of the contract', () => {
    const { db, journal } = open();
    expect(() => journal.append('rating.submitted', { score: 7, scale: 5, source: 'touch', window: '5' })).toThrow();
    expect(journal.counts().total).toBe(0);
    db.close();
  });

  it('is append-only: an UPDATE is refused by the database itself', () => {
    const { db, journal } = open();
    journal.append('device.started', { version: '1', mode: 'rating' });
    expect(() => db.exec("UPDATE events SET type = 'x'")).toThrow(/append-only/);
    db.close();
  });

  it('ids are ordered like seq (UUIDv7 is time-ordered)', () => {
    const { db, journal } = open();
    const events = Array.from({ length: 50 }, () => journal.append('device.started', { version: '1', mode: 'rating' }));
    const byId = [...events].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    db.close();
  });
});

describe('journalStore', () => {
  it('a full disk makes appends fail with a storage fault, and nothing half-written stays', () => {
    const { db } = openDatabase({ file: join(tempDir(), 'okno.db') });
    const journal = createJournal(db, 'dev', 'UTC', systemClock);
    journal.append('device.started', { version: '1', mode: 'rating' });
    // What SQLite meets on a full disk: no page may be added.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let failure: unknown = null;
    for (let i = 0; i < 500 && failure === null; i += 1) {
      try {
        journal.append('rating.submitted', { score: 5, scale: 5, source: 'touch', window: '5'.repeat(1) });
      } catch (error) {
        failure = error;
      }
    }
    expect(isStorageFault(failure)).toBe(true);
    expect((failure as { code: string }).code).toBe('SQLITE_FULL');
    const total = journal.counts().total;
    expect(journal.readAfter(0, 1000)).toHaveLength(total);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('opens later when the data directory was not usable at start', () => {
    const time = new FakeTime();
    const dir = tempDir();
    const blocker = join(dir, 'data');
    writeFileSync(blocker, '');
    const store = openJournalStore({ file: join(blocker, 'okno.db'), deviceId: 'dev', timeZone: 'UTC', clock: time, retryMs: 10_000 });
    expect(store.health()).toMatchObject({ available: false });
    expect(() => store.journal()).toThrow(StoreError);
    rmSync(blocker);
    expect(() => store.journal()).toThrow(StoreError); // not retried before retryMs
    time.advance(10_000);
    expect(store.journal().append('device.started', { version: '1', mode: 'rating' }).seq).toBe(1);
    expect(store.health()).toMatchObject({ available: true, lastError: null });
    store.close();
  });
});
