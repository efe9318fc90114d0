import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../electron/core/dataDir.ts';
import { startHub, type Hub } from '../../../electron/hub/hub.ts';
import { parseHubConfig } from '../../../electron/hub/hubConfigFile.ts';
import { eventPayloadSchemas } from '../../../shared/events.ts';
import { OFFICE_PATHS } from '../../../shared/office/officeProtocol.ts';
import { callHub } from '../../helpers/officeContract.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { announcementReport as report, consoleOf, DISPENSER, officeConfig, tokenOf } from './hubFixtures.ts';

/** POST /office/v1/announcements against a hub in this process: each report once in the hub's journal, checked against docs/openapi-office.yaml. */
const tempDir = useTempDirs();
const BOARD = 'hall-board';
let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function start(dataDir: string): Promise<Hub> {
  hub = await startHub({ config: parseHubConfig(await officeConfig(1), 'test'), dataDir });
  return hub;
}

/** The hub's `hall.announced` events, oldest first, read beside the running hub (WAL). */
function journalAnnouncements(dataDir: string) {
  const db = new Database(join(dataDir, JOURNAL_FILE), { readonly: true });
  try {
    const rows = db.prepare("SELECT device_id AS deviceId, payload FROM events WHERE type = 'hall.announced' ORDER BY seq").all() as { deviceId: string; payload: string }[];
    return rows.map((row) => ({ recordedBy: row.deviceId, payload: eventPayloadSchemas['hall.announced'].parse(JSON.parse(row.payload)) }));
  } finally {
    db.close();
  }
}

describe('okno hub: the hall boards’ announcements', () => {
  it('records each report once as a hall.announced event under the office’s id, the token’s device as the board', async () => {
    const dataDir = tempDir();
    const running = await start(dataDir);
    const call = (body: unknown, token = tokenOf(BOARD)) => callHub(running.url, running.fingerprint, OFFICE_PATHS.announcements, { token, body });
    const played = report();
    const failed = report({ number: 'С-002', recall: 1, outcome: 'failed', reason: 'autoplay refused' });
    const first = await call({ deviceId: BOARD, announcements: [played, failed] });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 2, duplicates: 0 });
    // The answer was lost: the board sends the same again, with one new report behind.
    const next = report({ recall: 2 });
    expect((await call({ deviceId: BOARD, announcements: [played, failed, next] })).json).toEqual({ accepted: 1, duplicates: 2 });
    // The same id twice in one request is one announcement.
    const twice = report();
    expect((await call({ deviceId: BOARD, announcements: [twice, twice] })).json).toEqual({ accepted: 1, duplicates: 1 });
    expect(running.counters.duplicateAnnouncements).toBe(3);

    const recorded = journalAnnouncements(dataDir);
    expect(recorded.map((row) => row.payload.announcementId)).toEqual([played.announcementId, failed.announcementId, next.announcementId, twice.announcementId]);
    expect(recorded.every((row) => row.recordedBy === 'mfc-test')).toBe(true);
    expect(recorded[1]?.payload).toEqual({ ...failed, deviceId: BOARD });
    // Not a queue event: the office's snapshot has not moved.
    expect(running.queue.snapshot().services.every((service) => service.waiting === 0)).toBe(true);
  });

  it('still knows a report after a restart: a repeat is a duplicate', async () => {
    const dataDir = tempDir();
    const once = report();
    let running = await start(dataDir);
    const send = (target: Hub) => callHub(target.url, target.fingerprint, OFFICE_PATHS.announcements, { token: tokenOf(BOARD), body: { deviceId: BOARD, announcements: [once] } });
    expect((await send(running)).json).toEqual({ accepted: 1, duplicates: 0 });
    await running.close();
    running = await start(dataDir);
    expect((await send(running)).json).toEqual({ accepted: 0, duplicates: 1 });
    expect(journalAnnouncements(dataDir)).toHaveLength(1);
  });

  it('403 for another role or a body in another board’s name; 400 and a counter for a bad body; nothing recorded', async () => {
    const dataDir = tempDir();
    const running = await start(dataDir);
    const call = (body: unknown, token = tokenOf(BOARD), expectation: 'valid' | 'invalid' = 'valid') =>
      callHub(running.url, running.fingerprint, OFFICE_PATHS.announcements, { token, body, expect: expectation });
    const forbidden = running.counters.forbidden;
    expect((await call({ deviceId: DISPENSER, announcements: [report()] }, tokenOf(DISPENSER))).status).toBe(403);
    expect((await call({ deviceId: consoleOf(1), announcements: [report()] }, tokenOf(consoleOf(1)))).status).toBe(403);
    const otherBoard = await call({ deviceId: 'another-board', announcements: [report()] });
    expect(otherBoard.status).toBe(403);
    expect(otherBoard.json).toMatchObject({ error: 'forbidden' });
    expect(running.counters.forbidden - forbidden).toBe(3);

    const bad = running.counters.badRequests;
    const bodies: unknown[] = [
      '{"deviceId":',
      '',
      { deviceId: BOARD, announcements: [] },
      { deviceId: BOARD, announcements: [report()], extra: 1 },
      { deviceId: BOARD, announcements: [{ ...report(), announcementId: 'not-a-uuid' }] },
      { deviceId: BOARD, announcements: [{ ...report(), outcome: 'maybe' }] },
      { deviceId: BOARD, announcements: [{ ...report(), reason: 'x'.repeat(301) }] },
      { deviceId: BOARD, announcements: Array.from({ length: 101 }, () => report()) },
    ];
    for (const body of bodies) {
      const answer = await call(body, tokenOf(BOARD), 'invalid');
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.json).toMatchObject({ error: expect.stringMatching(/^invalid-(json|body)$/) as unknown });
    }
    expect(running.counters.badRequests - bad).toBe(bodies.length);
    expect(running.counters).toMatchObject({ internalErrors: 0, storageFailures: 0 });
    expect(journalAnnouncements(dataDir)).toEqual([]);
  });
});
