import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OFFICE_PATHS } from '../../../../shared/office/officeProtocol.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';
import { hubExchange } from '../../../helpers/officeContract.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';
import { ensureHubCertificate } from '../../../../electron/hub/hubCertificate.ts';
import { newHubCounters } from '../../../../electron/hub/hubCounters.ts';
import { hubDevices } from '../../../../electron/hub/hubDevices.ts';
import { startHubServer, type HubServer } from '../../../../electron/hub/hubServer.ts';
import type { OfficeQueue } from '../../../../electron/hub/officeQueue.ts';
import { signInGuard } from '../../../../electron/hub/signInGuard.ts';
import { snapshotStreams } from '../../../../electron/hub/snapshotStreams.ts';
import { office, uuid } from './queue/queueFixtures.ts';

/** The server's own answers to what goes wrong behind it: the journal failing (503) and a defect (500), each counted, the hub still serving. */
const tempDir = useTempDirs();
const TOKEN = 'console-token-0123456789';
let server: HubServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function failingQueue(failure: () => never): OfficeQueue {
  return {
    revision: () => 0,
    state: failure,
    snapshot: failure,
    ahead: failure,
    receive: failure,
    command: failure,
    signIn: failure,
    signOut: failure,
    rolloverIfDue: () => false,
    onCommitted: () => () => undefined,
  };
}

async function serve(queue: OfficeQueue) {
  const config = office({ devices: [{ id: 'console-1', role: 'operator', window: '1', tokenSha256: createHash('sha256').update(TOKEN).digest('hex') }] });
  const time = new FakeTime();
  const counters = newHubCounters();
  const logged: string[] = [];
  const tls = await ensureHubCertificate(tempDir(), 'test');
  server = await startHubServer({
    config,
    queue,
    announcements: { record: () => ({ accepted: 0, duplicates: 0 }) },
    devices: hubDevices(config.devices),
    signIn: signInGuard({ operators: config.operators, clock: time }),
    streams: snapshotStreams({ snapshotJson: () => '{}', scheduler: time }),
    counters,
    tls,
    host: '127.0.0.1',
    port: 0,
    log: (line) => logged.push(line),
  });
  const post = (path: string, body: unknown) =>
    hubExchange(server!.url, tls.fingerprint, path, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { counters, logged, post };
}

describe('hub server', () => {
  it('answers 503 with Retry-After when the journal cannot be written, and counts it', async () => {
    const { counters, logged, post } = await serve(
      failingQueue(() => {
        throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR');
      }),
    );
    const answer = await post(OFFICE_PATHS.command, { command: 'call-next', idempotencyKey: uuid() });
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.json).toMatchObject({ error: 'unavailable' });
    expect(counters.storageFailures).toBe(1);
    expect(logged.join('\n')).toMatch(/storage failure on POST \/office\/v1\/window\/command: disk I\/O error/);
  });

  it('answers 500 for a defect of the hub, logs it, and keeps serving', async () => {
    const { counters, logged, post } = await serve(
      failingQueue(() => {
        throw new TypeError('a defect');
      }),
    );
    const answer = await post(OFFICE_PATHS.signOut, {});
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: 'internal', message: 'the hub failed to answer; it keeps running' });
    expect(counters.internalErrors).toBe(1);
    expect(logged.join('\n')).toContain('TypeError: a defect');
    expect((await post(OFFICE_PATHS.signOut, { extra: 1 })).status).toBe(400);
  });
});
