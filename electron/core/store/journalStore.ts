import { inspect } from 'node:util';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { createJournal, type Journal } from './journal.ts';
import { openDatabase, type OpenedDatabase } from './openDatabase.ts';
import { StoreError } from './storeError.ts';

export interface StorageHealth {
  readonly available: boolean;
  readonly lastError: string | null;
  readonly schemaVersion: number | null;
  readonly quarantinedFile: string | null;
}

/**
 * Holds the journal, or the reason it cannot be opened. A data directory that is read-only or
 * missing at start does not stop the host: the screen keeps working and says a technician is
 * needed, and opening is retried (at most every `retryMs`) when something needs to be written.
 */
export interface JournalStore {
  /** The journal, opening it if needed. Throws StoreError when it cannot be used. */
  journal(): Journal;
  /** Report the outcome of a write, so health follows what actually happens on the disk. */
  noteWrite(error: unknown): void;
  health(): StorageHealth;
  close(): void;
}

/** What the sync uploader needs beyond the journal (only the real store has it; fakes need not). */
export interface JournalSyncAccess {
  /** The open connection, for the sync outbox (same connection: its transactions never interleave with appends). Throws like journal(). */
  database(): Database.Database;
  /** Told after every committed append (the uploader's "new events" trigger); returns an unsubscribe. */
  onAppended(listener: () => void): () => void;
}

export interface JournalStoreOptions {
  readonly file: string;
  readonly deviceId: string;
  readonly timeZone: string;
  readonly clock: Clock;
  readonly retryMs?: number;
  /** Called once when a damaged journal was moved aside at open, to record the fact. */
  readonly onQuarantined?: (journal: Journal, quarantined: NonNullable<OpenedDatabase['quarantined']>) => void;
}

export function openJournalStore(options: JournalStoreOptions): JournalStore & JournalSyncAccess {
  const retryMs = options.retryMs ?? 10_000;
  let db: Database.Database | null = null;
  let journal: Journal | null = null;
  let schemaVersion: number | null = null;
  let quarantinedFile: string | null = null;
  let lastError: string | null = null;
  let lastAttemptAt = -Infinity;
  let openError: StoreError | null = null;
  const appendedListeners = new Set<() => void>();

  /** The journal, telling listeners after each append; a listener's failure must not fail a committed vote. */
  const notifying = (inner: Journal): Journal => ({
    ...inner,
    append(type, payload, id) {
      const event = inner.append(type, payload, id);
      for (const listener of appendedListeners) {
        try {
          listener();
        } catch {
          // The event is committed; a listener is only a hint (the uploader also runs on its interval).
        }
      }
      return event;
    },
  });

  const tryOpen = (): void => {
    lastAttemptAt = options.clock.monotonicMs();
    try {
      const opened = openDatabase({ file: options.file, now: () => options.clock.now() });
      db = opened.db;
      schemaVersion = opened.schemaVersion;
      journal = notifying(createJournal(opened.db, options.deviceId, options.timeZone, options.clock));
      openError = null;
      lastError = null;
      if (opened.quarantined) {
        quarantinedFile = opened.quarantined.file;
        options.onQuarantined?.(journal, opened.quarantined);
      }
    } catch (error) {
      // A newer schema is not a passing fault: retrying will not help, but the screen must still work.
      openError = error instanceof StoreError ? error : new StoreError('unavailable', String(error), { cause: error });
      lastError = openError.message;
    }
  };

  tryOpen();

  const store: JournalStore & JournalSyncAccess = {
    journal() {
      if (!journal && openError?.code !== 'newer-schema' && options.clock.monotonicMs() - lastAttemptAt >= retryMs) {
        tryOpen();
      }
      if (!journal) throw openError ?? new StoreError('unavailable', 'journal is not open');
      return journal;
    },
    database() {
      store.journal();
      if (!db) throw openError ?? new StoreError('unavailable', 'journal is not open');
      return db;
    },
    onAppended(listener) {
      appendedListeners.add(listener);
      return () => appendedListeners.delete(listener);
    },
    noteWrite(error) {
      lastError = error === null ? null : error instanceof Error ? error.message : inspect(error);
    },
    health() {
      return { available: journal !== null && lastError === null, lastError, schemaVersion, quarantinedFile };
    },
    close() {
      db?.close();
      db = null;
      journal = null;
    },
  };
  return store;
}
