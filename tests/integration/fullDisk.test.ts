import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runOkno, startServe } from '../helpers/okno.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();

const press = async (url: string): Promise<{ ok: boolean; error?: { code: string } }> =>
  (await fetch(new URL('/api/press', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score: 4, source: 'touch' }) })).json() as Promise<{
    ok: boolean;
    error?: { code: string };
  }>;

/**
 * A real full disk, as the kiosk process sees one: its file size limit (RLIMIT_FSIZE, set with
 * prlimit while it runs) makes the journal's writes fail with EFBIG, as ENOSPC would.
 */
describe('full disk', () => {
  it('keeps every acknowledged press, says the device needs a technician, and recovers when space is back', async () => {
    if (spawnSync('prlimit', ['--version']).error) throw new Error('this test needs prlimit (util-linux): apt-get install -y util-linux');
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ device: { id: 'full-w01', office: 'O', window: '1' }, rating: { cooldownSeconds: 0, thanksSeconds: 1, followUp: { enabled: false } } }));
    const dataDir = join(dir, 'data');
    const serve = await startServe(['--config', config, '--data-dir', dataDir]);
    const pid = String(serve.child.pid);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      // The disk fills up: room for a few more pages of the write-ahead log, then no more.
      const walBytes = statSync(join(dataDir, 'okno.db-wal')).size;
      expect(spawnSync('prlimit', ['--pid', pid, `--fsize=${walBytes + 64 * 1024}:`]).status).toBe(0);
      let acknowledged = 0;
      let failure: { code: string } | undefined;
      for (let i = 0; i < 2_000 && !failure; i += 1) {
        const result = await press(serve.url);
        if (result.ok) acknowledged += 1;
        else failure = result.error;
      }
      expect(acknowledged).toBeGreaterThan(0);
      expect(failure).toEqual({ code: 'storage-unavailable', message: expect.any(String) });

      // A vote on the start screen is not thanked for: the screen says it was not saved.
      await wait(1_100);
      expect(await press(serve.url)).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
      const state = (await (await fetch(new URL('/api/state', serve.url))).json()) as { session: { phase: string }; health: unknown };
      expect(state.session.phase).toBe('notSaved');
      expect(state.health).toEqual({ needsTechnician: true, problems: ['storage-unavailable'] });

      const doctor = runOkno(['doctor', '--json', '--data-dir', dataDir]);
      expect(doctor.status).toBe(1);
      const report = JSON.parse(doctor.stdout);
      expect(report.ratings.submitted + report.ratings.suppressed).toBe(acknowledged);
      expect(report.storage.ok).toBe(false);
      expect(report.needsTechnician).toBe(true);

      // Space is back: the next vote is saved without a restart, and the banner goes.
      expect(spawnSync('prlimit', ['--pid', pid, '--fsize=unlimited:']).status).toBe(0);
      await wait(1_100);
      expect(await press(serve.url)).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
      const healed = (await (await fetch(new URL('/api/state', serve.url))).json()) as { health: unknown };
      expect(healed.health).toEqual({ needsTechnician: false, problems: [] });
    } finally {
      await serve.stop();
    }
    const db = new Database(join(dataDir, 'okno.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
