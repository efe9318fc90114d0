import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OFFICE_PATHS, type CommandAnswer } from '../../../shared/office/officeProtocol.ts';
import { officeSnapshotSchema } from '../../../shared/office/officeSnapshot.ts';
import { callHub } from '../../helpers/officeContract.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { consoleOf, DISPENSER, officeConfig, operatorOf, PIN, startHubProcess, tickets, tokenOf, writeConfig, type HubProcess } from './hubFixtures.ts';

/**
 * SIGKILL of the hub in the middle of a burst of calls loses no call (issue #13, item 10): every call
 * that got an answer is in the journal and the state after the restart, none is there twice, and a
 * console that sends its unanswered request again (same idempotency key) gets one act, not two.
 */
const tempDir = useTempDirs();
const running: HubProcess[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.kill();
});

const WINDOWS = 3;
const TICKETS = 300;

interface Sent {
  readonly window: number;
  readonly command: 'call-next' | 'finish';
  readonly key: string;
  answer: CommandAnswer | null;
}

describe('okno hub killed mid-call', () => {
  it('keeps every answered call, once, and a repeated key acts once after the restart', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, await officeConfig(WINDOWS));
    const dataDir = join(dir, 'data');
    const first = await startHubProcess(['--config', config, '--data-dir', dataDir]);
    running.push(first);
    const call = (hub: HubProcess, path: string, token: string, body: unknown) => callHub(hub.url, hub.fingerprint, path, { token, body });
    for (let window = 1; window <= WINDOWS; window += 1) {
      expect((await call(first, OFFICE_PATHS.signIn, tokenOf(consoleOf(window)), { operatorId: operatorOf(window), pin: PIN })).json).toMatchObject({ ok: true });
    }
    const delivered = tickets(TICKETS);
    for (let at = 0; at < TICKETS; at += 100) {
      expect((await call(first, OFFICE_PATHS.tickets, tokenOf(DISPENSER), { deviceId: DISPENSER, tickets: delivered.slice(at, at + 100) })).json).toMatchObject({ accepted: 100 });
    }

    // Each console calls and finishes as fast as the hub answers; the hub is killed once 30 calls were answered.
    const sent: Sent[] = [];
    let answeredCalls = 0;
    let killed = false;
    const console_ = async (window: number): Promise<void> => {
      for (let i = 0; !killed && i < 200; i += 1) {
        for (const command of ['call-next', 'finish'] as const) {
          const entry: Sent = { window, command, key: randomUUID(), answer: null };
          sent.push(entry);
          try {
            const exchange = await call(first, OFFICE_PATHS.command, tokenOf(consoleOf(window)), { command, idempotencyKey: entry.key });
            entry.answer = exchange.json as CommandAnswer;
          } catch {
            return; // the hub is gone mid-request
          }
          if (command === 'call-next' && entry.answer.ok) answeredCalls += 1;
          if (answeredCalls >= 30 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: WINDOWS }, (_, i) => console_(i + 1)));
    await first.kill();
    expect(killed).toBe(true);

    const second = await startHubProcess(['--config', config, '--data-dir', dataDir]);
    running.push(second);
    expect(second.fingerprint).toBe(first.fingerprint);

    const calledInJournal = (): string[] => {
      const db = new Database(join(dataDir, 'okno.db'), { readonly: true });
      try {
        return (db.prepare("SELECT payload FROM events WHERE type = 'ticket.called' ORDER BY seq").all() as { payload: string }[]).map(
          (row) => (JSON.parse(row.payload) as { ticketId: string }).ticketId,
        );
      } finally {
        db.close();
      }
    };
    const answered = sent.filter((entry) => entry.command === 'call-next' && entry.answer?.ok === true);
    const called = calledInJournal();
    expect(new Set(called).size).toBe(called.length);
    for (const entry of answered) expect(called, `answered call ${entry.key}`).toContain(entry.answer?.ok ? entry.answer.ticket?.ticketId : undefined);

    // The state after the restart agrees: the called tickets wait no more.
    const snapshot = officeSnapshotSchema.parse((await callHub(second.url, second.fingerprint, OFFICE_PATHS.state, { token: tokenOf('hall-board') })).json);
    expect(snapshot.services.find((service) => service.id === 'passport')?.waiting).toBe(TICKETS - called.length);
    const maxAnswered = Math.max(...sent.flatMap((entry) => (entry.answer?.ok ? [entry.answer.revision] : [])));
    expect(snapshot.revision).toBeGreaterThanOrEqual(maxAnswered);

    // Every request sent again with its key: an answered one gets its answer again, none acts twice.
    for (const entry of sent) {
      const again = (await call(second, OFFICE_PATHS.command, tokenOf(consoleOf(entry.window)), { command: entry.command, idempotencyKey: entry.key })).json as CommandAnswer;
      if (entry.answer !== null) expect(again, entry.key).toEqual(entry.answer);
    }
    const calledAfter = calledInJournal();
    expect(new Set(calledAfter).size).toBe(calledAfter.length);
  });
});
