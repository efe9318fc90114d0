import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../../../../shared/config.ts';
import { systemClock } from '../../../../../electron/core/clock.ts';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { createJournal } from '../../../../../electron/core/store/journal.ts';
import { openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { createTicketLedger, type IssueResult } from '../../../../../electron/core/tickets/ticketLedger.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

/**
 * Issue #11 item 5: two connections on one journal (two hosts on one data directory, or a short
 * writer beside the kiosk) made ticket issues fail with SQLITE_BUSY_SNAPSHOT ("needs a technician").
 * The issue reads the counter, then writes it: it must take the write lock first (BEGIN IMMEDIATE).
 */

const tempDir = useTempDirs();

const passport = (): ServiceConfig =>
  parseConfig(
    { device: { id: 'disp-01', office: 'O', window: 'зал', mode: 'tickets' }, queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт' } }] } },
    'test',
  ).queue!.services[0]!;

const DAY = '2026-11-29';
const PRINTED = 'no' as const;

function ledgerOn(file: string): { db: Database.Database; ledger: ReturnType<typeof createTicketLedger> } {
  const { db } = openDatabase({ file });
  return { db, ledger: createTicketLedger(db, createJournal(db, 'disp-01', 'Europe/Moscow', systemClock)) };
}

const numberOf = (result: IssueResult): string => ('ticket' in result ? result.ticket.number : `refused ${result.refused}`);

describe('ticket issue transaction', () => {
  it('holds the write lock from its first read: another connection committing in between waits, and neither fails', () => {
    const file = join(tempDir(), 'okno.db');
    const a = ledgerOn(file);
    const b = ledgerOn(file);
    // B never waits, so the test shows at once who had the lock (no busy_timeout stalls this thread).
    b.db.pragma('busy_timeout = 0');
    const service = passport();
    let bInside: string | null = null;
    // Read by A's issue between reading its counter and writing it: B issues right there.
    const interleaved = Object.defineProperty({ ...service }, 'dailyLimit', {
      get() {
        try {
          bInside = numberOf(b.ledger.issue(service, DAY, PRINTED));
        } catch (error) {
          bInside = String((error as { code?: unknown }).code);
        }
        return undefined;
      },
    });
    try {
      // Deferred (the old code): B commits П-001 on its own, and A's write then fails with SQLITE_BUSY_SNAPSHOT.
      expect(numberOf(a.ledger.issue(interleaved, DAY, PRINTED))).toBe('П-001');
      expect(bInside).toBe('SQLITE_BUSY');
      // B, having waited, continues after A's number.
      expect(numberOf(b.ledger.issue(service, DAY, PRINTED))).toBe('П-002');
    } finally {
      a.db.close();
      b.db.close();
    }
  });

  it('two threads issuing at the same time on one file: every issue succeeds, every number once, none skipped', async () => {
    const file = join(tempDir(), 'okno.db');
    ledgerOn(file).db.close(); // migrated once, before the race
    const perThread = 60;
    const run = (): Promise<{ numbers: string[]; errors: string[] }> =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./ticketLedgerWorker.ts', import.meta.url), { workerData: { file, count: perThread, day: DAY } });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
      });
    const results = await Promise.all([run(), run()]);
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    const numbers = results.flatMap((result) => result.numbers).sort();
    expect(numbers).toEqual(Array.from({ length: 2 * perThread }, (_, i) => `П-${String(i + 1).padStart(3, '0')}`));
  }, 60_000);
});
