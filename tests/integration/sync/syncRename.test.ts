import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCollectorStore } from '../../../electron/collector/collectorStore.ts';
import { JOURNAL_FILE } from '../../../electron/core/dataDir.ts';
import { runOkno } from '../../helpers/okno.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { COLLECTOR_READY, pressOverHttp as press, SERVE_READY, useSyncProcesses } from './syncFixtures.ts';

/**
 * Renaming a device on its data directory (issue #11, defect 1), with real processes: `okno collector`
 * and `okno serve` restarted with another device.id. Every event reaches the collector under the id it
 * was recorded with, once; an old id without its token waits and doctor says why.
 */
const tempDir = useTempDirs();
const { start, proxy: startProxy } = useSyncProcesses();

const TOKENS = { 'mfc-a': 'token-of-mfc-a-0123456789', 'mfc-b': 'token-of-mfc-b-0123456789' };


function writeConfig(dir: string, endpoint: string, id: 'mfc-a' | 'mfc-b', previousTokens?: Record<string, string>): string {
  const file = join(dir, `config-${id}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      device: { id, office: 'МФЦ района Тверской', window: '5' },
      rating: { cooldownSeconds: 0, followUp: { enabled: false } },
      sync: { endpoint, token: TOKENS[id], intervalSeconds: 1, timeoutSeconds: 3, backoffMinSeconds: 0.02, backoffMaxSeconds: 0.25, ...(previousTokens ? { previousTokens } : {}) },
    }),
  );
  return file;
}


interface DoctorSync {
  pending: number;
  paused: string | null;
  pausedKind: string | null;
  devices: { deviceId: string; pending: number; pausedKind: string | null; paused: string | null }[];
}
const doctor = (dataDir: string): { status: number | null; sync: DoctorSync; needsTechnician: boolean; text: string } => {
  const json = runOkno(['doctor', '--json', '--data-dir', dataDir]);
  const parsed = JSON.parse(json.stdout) as { sync: DoctorSync; needsTechnician: boolean };
  return { status: json.status, ...parsed, text: runOkno(['doctor', '--data-dir', dataDir, '--log-lines', '0']).stdout };
};

/** The device's events by the id they were recorded under. */
function recorded(dataDir: string): Record<string, string[]> {
  const db = new Database(join(dataDir, JOURNAL_FILE), { readonly: true, fileMustExist: true });
  try {
    const out: Record<string, string[]> = {};
    for (const row of db.prepare('SELECT device_id AS deviceId, id FROM events ORDER BY seq').all() as { deviceId: string; id: string }[]) (out[row.deviceId] ??= []).push(row.id);
    return out;
  } finally {
    db.close();
  }
}

/** How many events the collector holds for a device (its store's own count; the collector is stopped first). */
function collectorCount(collectorDb: string, deviceId: string): number {
  const store = openCollectorStore(collectorDb);
  try {
    return store.count(deviceId);
  } finally {
    store.close();
  }
}

/**
 * Runs as mfc-a: 3 ratings synced, then 2 more recorded while the collector is unreachable; stops.
 * Returns the rig and how many of mfc-a's events the collector had acknowledged then.
 */
async function runAsA() {
  const dir = tempDir();
  const collectorDb = join(dir, 'collector.db');
  const devices = join(dir, 'devices.json');
  writeFileSync(devices, JSON.stringify({ devices: { 'mfc-a': { token: TOKENS['mfc-a'] }, 'mfc-b': { token: TOKENS['mfc-b'] } } }));
  const collector = await start(['collector', '--db', collectorDb, '--devices', devices, '--port', '0', '--quiet'], COLLECTOR_READY);
  const proxy = await startProxy(collector.url);
  const dataDir = join(dir, 'data');

  const a = await start(['serve', '--port', '0', '--config', writeConfig(dir, proxy.url, 'mfc-a'), '--data-dir', dataDir], SERVE_READY);
  await press(a.url, 3);
  await waitFor(() => doctor(dataDir).sync.pending === 0, 'mfc-a’s first ratings to arrive', 20_000, 100);
  const sentAsA = recorded(dataDir)['mfc-a']!.length;
  proxy.failNext({ kind: 'status', status: 503, headers: { 'retry-after': '0' }, body: '{"error":"unavailable","reason":"test"}' }, 100_000);
  await press(a.url, 2);
  await waitFor(() => doctor(dataDir).sync.pending >= 2, 'mfc-a’s last ratings to be held back', 20_000, 100);
  expect(await a.stop('SIGTERM')).toBe(0);
  proxy.clear();
  const unsentOfA = recorded(dataDir)['mfc-a']!.length - sentAsA;
  expect(unsentOfA).toBeGreaterThanOrEqual(2);
  return { dir, dataDir, collector, collectorDb, sentAsA, unsentOfA, endpoint: proxy.url };
}

describe('renaming a device on the same data directory', () => {
  it('with the old id’s token in sync.previousTokens: every event once, under the id it was recorded with; doctor says nothing is pending', async () => {
    const rig = await runAsA();
    const b = await start(['serve', '--port', '0', '--config', writeConfig(rig.dir, rig.endpoint, 'mfc-b', { 'mfc-a': TOKENS['mfc-a'] }), '--data-dir', rig.dataDir], SERVE_READY);
    await press(b.url, 2);
    await waitFor(() => doctor(rig.dataDir).sync.pending === 0, 'both ids to drain', 20_000, 100);
    expect(await b.stop('SIGTERM')).toBe(0);
    // Anything the stop recorded goes at the next start; look now, as the kiosk left it.
    const byId = recorded(rig.dataDir);
    const report = doctor(rig.dataDir);
    const pendingOfB = report.sync.devices.find((device) => device.deviceId === 'mfc-b')!.pending;
    expect(report.sync.devices.find((device) => device.deviceId === 'mfc-a')).toMatchObject({ pending: 0, paused: null });
    await rig.collector.stop('SIGTERM');

    expect(collectorCount(rig.collectorDb, 'mfc-a')).toBe(byId['mfc-a']!.length);
    expect(collectorCount(rig.collectorDb, 'mfc-b')).toBe(byId['mfc-b']!.length - pendingOfB);
    expect(byId['mfc-b']!.length).toBeLessThan(byId['mfc-a']!.length);
  });

  it('without the old id’s token: its unsent events wait under their own id, doctor says why, nothing is relabelled', async () => {
    const rig = await runAsA();
    const b = await start(['serve', '--port', '0', '--config', writeConfig(rig.dir, rig.endpoint, 'mfc-b'), '--data-dir', rig.dataDir], SERVE_READY);
    await press(b.url, 2);
    const waiting = await waitFor(
      () => {
        const report = doctor(rig.dataDir);
        const [a, bb] = [report.sync.devices.find((d) => d.deviceId === 'mfc-a'), report.sync.devices.find((d) => d.deviceId === 'mfc-b')];
        return a?.pausedKind === 'no-token' && bb?.pending === 0 ? report : undefined;
      },
      'mfc-b to drain and mfc-a to wait for its token',
      20_000,
      100,
    );
    expect(waiting.sync).toMatchObject({ pending: rig.unsentOfA, pausedKind: 'no-token', paused: expect.stringContaining('no token for "mfc-a"') });
    expect(waiting.needsTechnician).toBe(true);
    expect(waiting.status).toBe(1);
    expect(waiting.text).toContain(`WAITING: ${rig.unsentOfA} event(s) recorded as "mfc-a": no token for that id; add it to sync.previousTokens`);
    expect(await b.stop('SIGTERM')).toBe(0);
    const byId = recorded(rig.dataDir);
    await rig.collector.stop('SIGTERM');

    // Still mfc-a's in the journal; the collector has only the ones sent as mfc-a, and none of them as mfc-b.
    expect(byId['mfc-a']).toHaveLength(rig.sentAsA + rig.unsentOfA);
    expect(collectorCount(rig.collectorDb, 'mfc-a')).toBe(rig.sentAsA);
    expect(collectorCount(rig.collectorDb, 'mfc-b')).toBeLessThanOrEqual(byId['mfc-b']!.length);
    expect(collectorCount(rig.collectorDb, 'mfc-b')).toBeGreaterThan(0);
  });
});
