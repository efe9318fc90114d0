import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, runOkno, startServe } from '../helpers/okno.ts';
import { requireSocat } from '../helpers/socat.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const tempDir = useTempDirs();

describe('okno ports', () => {
  it('lists the ports as JSON with the fields a technician needs', () => {
    const result = runOkno(['ports', '--json']);
    expect(result.status).toBe(0);
    const ports = JSON.parse(result.stdout) as { path: string }[];
    expect(Array.isArray(ports)).toBe(true);
    for (const port of ports) expect(typeof port.path).toBe('string');
  });

  it('prints a table (or says there is none)', () => {
    const result = runOkno(['ports']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^PATH\s+MANUFACTURER\s+SERIAL\s+USB ID|^no serial ports found/);
  });

  it.each(['ports', 'simulate-buttons', 'simulate-printer'])('okno %s --help', (command) => {
    expect(runOkno([command, '--help']).stdout).toMatch(new RegExp(`^usage: okno ${command}`));
  });
});

describe('button device missing', () => {
  it('the kiosk serves and votes by touch while it waits for the device', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ device: { id: 'nobox-w01', office: 'O', window: '1' }, buttons: { path: join(dir, 'no-such-tty') } }));
    const serve = await startServe(['--config', config, '--data-dir', dataDir]);
    try {
      const press = await fetch(new URL('/api/press', serve.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score: 5, source: 'touch' }) });
      expect(await press.json()).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
      const report = await waitFor(() => {
        const parsed = JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as { buttons: { state: string; lastError: string } | null };
        return parsed.buttons?.state === 'waiting' ? parsed : undefined;
      }, 'doctor to show the device as waiting');
      expect(report.buttons?.lastError).toMatch(/no-such-tty/);
    } finally {
      await serve.stop();
    }
  });
});

describe('okno simulate-buttons', () => {
  it('makes a pty pair, says HELLO, plays a script into a running kiosk and shows the LEDs it lights', async () => {
    requireSocat();
    const dir = tempDir();
    const link = join(dir, 'ttyBOX');
    const dataDir = join(dir, 'data');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ device: { id: 'sim-w01', office: 'O', window: '1' }, rating: { followUp: { enabled: false } }, buttons: { path: link } }));
    const simulator = spawn(process.execPath, [join(ROOT, 'bin', 'okno.js'), 'simulate-buttons', '--link', link, '--script', 'garbage,B4,B2', '--delay', '200'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    simulator.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    simulator.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes(`okno: button device at ${link}`), 'the simulator to make its pty pair');
    const serve = await startServe(['--config', config, '--data-dir', dataDir]);
    try {
      const exitCode = await new Promise<number | null>((resolve) => simulator.on('exit', resolve));
      expect(exitCode, output).toBe(0);
      expect(output).toContain('okno: sent B4');
      const db = new Database(join(dataDir, 'okno.db'), { readonly: true });
      const rows = db.prepare("SELECT type, json_extract(payload, '$.score') AS score FROM events WHERE type LIKE 'rating.%' ORDER BY seq").all();
      db.close();
      // The simulator waits for the kiosk to ask for HELLO, so nothing of the script is lost: B4 then B2, one visit.
      expect(rows).toEqual([
        { type: 'rating.submitted', score: 4 },
        { type: 'rating.suppressed', score: 2 },
      ]);
      expect(output).toContain('okno: LED 4 lit (vote committed)');
      expect(output).not.toContain('LED 2');
    } finally {
      simulator.kill();
      await serve.stop();
    }
  });
});
