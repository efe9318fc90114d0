import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../electron/core/dataDir.ts';
import { buildDoctorReport } from '../../electron/core/doctor/doctorReport.ts';
import { startHub, type Hub } from '../../electron/hub/hub.ts';
import { parseHubConfig } from '../../electron/hub/hubConfigFile.ts';
import type { ConfigInput } from '../../shared/config.ts';
import { startRunningDevice, type RunningDevice } from '../helpers/runningDevice.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { officeConfig, tokenOf } from './hub/hubFixtures.ts';

/**
 * A hall board and the real office hub over TLS on 127.0.0.1: the board's `hall.announced` events reach
 * the hub's journal exactly once and in the order the board recorded them, through a hub that is down
 * at first and a board restarted in between (the progress is in the board's journal).
 */

const tempDir = useTempDirs();
const BOARD = 'hall-board';
let device: RunningDevice | null = null;
let hub: Hub | null = null;
afterEach(async () => {
  await device?.close();
  device = null;
  await hub?.close();
  hub = null;
});

async function startTheHub(dataDir: string, port = 0): Promise<Hub> {
  hub = await startHub({ config: parseHubConfig(await officeConfig(1), 'test'), dataDir, port });
  return hub;
}

function boardConfig(dir: string, url: string, fingerprint: string): string {
  const config: ConfigInput = {
    device: { id: BOARD, office: 'МФЦ тест', window: 'зал', mode: 'hall', timezone: 'Europe/Moscow' },
    hub: { url, token: tokenOf(BOARD), fingerprint },
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function startBoard(dir: string, configPath: string): Promise<RunningDevice> {
  device = await startRunningDevice({ configPath, dataDir: join(dir, 'data'), hubDelivery: { backoff: { minMs: 50, maxMs: 300 } } });
  return device;
}

/** What the other part's hall face records after each announcement: appended straight to the board's journal here. */
function announce(board: RunningDevice, outcome: 'played' | 'failed' = 'played'): string {
  const announcementId = randomUUID();
  board.store.journal().append('hall.announced', {
    announcementId,
    ticketId: randomUUID(),
    number: 'П-017',
    recall: 0,
    deviceId: BOARD,
    outcome,
    reason: outcome === 'failed' ? 'autoplay refused' : null,
    at: new Date().toISOString(),
  });
  return announcementId;
}

/** The announcement ids in the hub's journal, oldest first, with the board each names. */
function atTheHub(hubDir: string): { id: string; deviceId: string }[] {
  const db = new Database(join(hubDir, JOURNAL_FILE), { readonly: true });
  try {
    return (
      db
        .prepare("SELECT json_extract(payload, '$.announcementId') AS id, json_extract(payload, '$.deviceId') AS deviceId FROM events WHERE type = 'hall.announced' ORDER BY seq")
        .all() as { id: string; deviceId: string }[]
    ).map((row) => ({ id: row.id, deviceId: row.deviceId }));
  } finally {
    db.close();
  }
}

const announcementsReport = (dir: string) => buildDoctorReport(join(dir, 'data')).hub.announcements;

describe('a hall board’s announcements to the hub’s journal', () => {
  it('waits for a hub that is down, survives a restart of the board, then delivers each once, in order', async () => {
    const dir = tempDir();
    const hubDir = tempDir();
    // The hub once, for its address and certificate; then down.
    const first = await startTheHub(hubDir);
    const { port, url, fingerprint } = first;
    await first.close();
    hub = null;
    const configPath = boardConfig(dir, url, fingerprint);

    let board = await startBoard(dir, configPath);
    const ids = [announce(board), announce(board, 'failed'), announce(board)];
    await waitFor(() => (board.announcementDelivery?.status().attempt ?? 0) >= 2, 'failed deliveries to a hub that is down');
    expect(board.ticketDelivery).toBeNull();
    expect(announcementsReport(dir)).toMatchObject({ configured: true, pending: 3 });
    expect(announcementsReport(dir).lastError).toMatch(/no connection to the hub/);

    // The board restarts while the hub is still down: what waited is still in its journal.
    await board.close();
    device = null;
    board = await startBoard(dir, configPath);
    ids.push(announce(board), announce(board));
    expect(announcementsReport(dir).pending).toBe(5);

    const back = await startTheHub(hubDir, port);
    await waitFor(() => atTheHub(hubDir).length === 5 && announcementsReport(dir).pending === 0, 'the five announcements at the hub', 15_000);
    expect(atTheHub(hubDir)).toEqual(ids.map((id) => ({ id, deviceId: BOARD })));
    expect(back.counters.duplicateAnnouncements).toBe(0);
    expect(board.announcementDelivery?.counters()).toMatchObject({ hubAnnouncementsDelivered: 5, hubAnnouncementDuplicates: 0 });

    // Another restart: nothing delivered goes again, a new one goes at once.
    await board.close();
    device = null;
    board = await startBoard(dir, configPath);
    ids.push(announce(board));
    await waitFor(() => atTheHub(hubDir).length === 6, 'the sixth announcement');
    await waitFor(() => announcementsReport(dir).pending === 0, 'the progress to move');
    expect(atTheHub(hubDir).map((row) => row.id)).toEqual(ids);
    expect(back.counters.duplicateAnnouncements).toBe(0);
    const report = buildDoctorReport(join(dir, 'data'));
    expect(report.hub.announcements).toMatchObject({ configured: true, pending: 0, lastError: null });
    expect(report.hub).toMatchObject({ configured: false, pending: 0 });
  });
});
