import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { JOURNAL_FILE } from '../../../../../electron/core/dataDir.ts';
import { createLogger, logDir } from '../../../../../electron/core/logging/logger.ts';
import { STATUS_FILE } from '../../../../../electron/core/status/statusFile.ts';
import { createJournal } from '../../../../../electron/core/store/journal.ts';
import { openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { buildDiagnostics } from '../../../../../electron/core/technician/diagnostics.ts';
import { exportDiagnostics, SECRET_SET } from '../../../../../electron/core/technician/exportDiagnostics.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const NOW = new Date('2026-11-23T09:03:04.000Z');
const TOKEN = 'tok-7d1e9b3a5c2f4e6a8b0d1c3e5f7a9b2d';
const HUB_TOKEN = 'hub-4b8c1d2e3f405162738495a6b7c8d9e0';
const HUB_FINGERPRINT = Array.from({ length: 32 }, () => '3A').join(':');
const PIN_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

/** A data dir as a running kiosk leaves it: config, journal, status, two log files (one mentions the token by mistake). */
function device() {
  const root = tempDir();
  const dataDir = join(root, 'data');
  const configPath = join(root, 'config.json');
  const json = {
    device: { id: 'mfc-tverskoy-w05', office: 'МФЦ', window: '5', mode: 'rating', timezone: 'Europe/Moscow' },
    sync: { endpoint: 'https://collector.example/', token: TOKEN },
    hub: { url: 'https://192.168.1.10:8443/', token: HUB_TOKEN, fingerprint: HUB_FINGERPRINT },
    technician: { pinHash: PIN_HASH },
  };
  writeFileSync(configPath, JSON.stringify(json, null, 2));
  const config = parseConfig(json, configPath);
  const { db } = openDatabase({ file: join(dataDir, JOURNAL_FILE) });
  createJournal(db, 'mfc-tverskoy-w05', 'Europe/Moscow', new FakeTime('2026-11-23T08:00:00Z')).append('device.started', { version: '0.1.0', mode: 'rating' });
  db.close();
  writeFileSync(join(dataDir, STATUS_FILE), JSON.stringify({ pid: process.pid, version: '0.1.0', startedAt: NOW.toISOString(), updatedAt: NOW.toISOString(), url: null, storage: { available: true, lastError: null, quarantinedFile: null }, counters: {} }));
  const log = createLogger({ dir: logDir(dataDir), maxBytes: 4096, files: 3, timeZone: 'Europe/Moscow', now: () => NOW });
  for (let i = 0; i < 150; i += 1) log.logger.info({ i }, `line ${i}`);
  log.close();
  // Something that escaped redaction (an old version, a free-text message): the export still hides it.
  writeFileSync(join(logDir(dataDir), 'okno.log'), `{"level":"warn","msg":"sent ${TOKEN} and ${PIN_HASH}"}\n`, { flag: 'a' });
  const diagnostics = buildDiagnostics({ dataDir, configPath, config, startedAt: NOW, now: NOW });
  return { root, dataDir, configPath, diagnostics };
}

describe('exportDiagnostics', () => {
  it('writes one zip named for the device and the local time, with every part and no secret', () => {
    const { root, dataDir, configPath, diagnostics } = device();
    const stick = join(root, 'stick');
    mkdirSync(stick);
    const result = exportDiagnostics({ folder: stick, dataDir, configPath, diagnostics, now: NOW });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.file).toBe(join(stick, 'okno-diagnostics-mfc-tverskoy-w05-20261123-120304.zip'));
    expect(readdirSync(stick)).toEqual(['okno-diagnostics-mfc-tverskoy-w05-20261123-120304.zip']);
    const bytes = readFileSync(result.value.file);
    expect(result.value.bytes).toBe(bytes.length);

    const entries = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(entries).sort()).toEqual(['config.json', 'diagnostics.json', 'doctor.json', 'doctor.txt', 'logs/okno.1.log', 'logs/okno.2.log', 'logs/okno.log', 'status.json']);
    const text = (name: string): string => strFromU8(entries[name]!);
    const exportedView = JSON.parse(text('diagnostics.json'));
    expect({ ...exportedView, logLines: [] }).toEqual(JSON.parse(JSON.stringify({ ...diagnostics, logLines: [] })));
    expect(exportedView.logLines).toHaveLength(diagnostics.logLines.length);
    // The diagnostics view itself (what the screen shows) has them out already.
    expect(exportedView.logLines.at(-1)).toBe('warn sent [redacted] and [redacted]');
    expect(JSON.parse(text('doctor.json'))).toMatchObject({ dataDir, events: { total: 1 }, today: { day: '2026-11-23', timeZone: 'Europe/Moscow' } });
    expect(text('doctor.txt')).toMatch(/^okno doctor — /);
    expect(JSON.parse(text('status.json'))).toMatchObject({ pid: process.pid });
    const exportedConfig = JSON.parse(text('config.json'));
    expect(exportedConfig.sync).toEqual({ endpoint: 'https://collector.example/', token: SECRET_SET });
    expect(exportedConfig.technician).toEqual({ pinHash: SECRET_SET });
    // The hub's token is a secret like sync.token; its address and the certificate's fingerprint are not.
    expect(exportedConfig.hub).toEqual({ url: 'https://192.168.1.10:8443/', token: SECRET_SET, fingerprint: HUB_FINGERPRINT });
    expect(exportedConfig.device.id).toBe('mfc-tverskoy-w05');
    expect(text('logs/okno.log')).toContain(`sent ${SECRET_SET} and ${SECRET_SET}`);
    expect(text('logs/okno.2.log').length + text('logs/okno.1.log').length).toBeGreaterThan(4096);

    // Neither in an entry nor anywhere in the file's bytes.
    for (const [name, content] of Object.entries(entries)) {
      expect(strFromU8(content), name).not.toContain(TOKEN);
      expect(strFromU8(content), name).not.toContain(PIN_HASH);
      expect(strFromU8(content), name).not.toContain(HUB_TOKEN);
    }
    expect(bytes.includes(TOKEN)).toBe(false);
    expect(bytes.includes(HUB_TOKEN)).toBe(false);
    expect(bytes.includes(PIN_HASH)).toBe(false);
  });

  it('a second export in the same second gets its own name', () => {
    const { root, dataDir, configPath, diagnostics } = device();
    const first = exportDiagnostics({ folder: root, dataDir, configPath, diagnostics, now: NOW });
    const second = exportDiagnostics({ folder: root, dataDir, configPath, diagnostics, now: NOW });
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      expect(second.value.file).not.toBe(first.value.file);
      expect(second.value.file).toMatch(/-20261123-120304-2\.zip$/);
    }
  });

  it('without a config file: a note in config.json and "device" in the name', () => {
    const { root, dataDir, diagnostics } = device();
    const result = exportDiagnostics({ folder: root, dataDir, configPath: null, diagnostics, now: NOW, timeZone: 'UTC' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.file).toBe(join(root, 'okno-diagnostics-device-20261123-090304.zip'));
    const entries = unzipSync(new Uint8Array(readFileSync(result.value.file)));
    expect(JSON.parse(strFromU8(entries['config.json']!))).toEqual({ note: 'no config file (first run or the built-in demo)' });
    const named = exportDiagnostics({ folder: root, dataDir, configPath: null, diagnostics, now: NOW, timeZone: 'UTC', deviceId: '../w 5' });
    expect(named.ok && named.value.file).toBe(join(root, 'okno-diagnostics-w_5-20261123-090304.zip'));
  });

  it('a config that is not JSON is not exported at all (its secrets could not be removed)', () => {
    const { root, dataDir, configPath, diagnostics } = device();
    writeFileSync(configPath, `{ "sync": { "token": "${TOKEN}" `);
    const result = exportDiagnostics({ folder: root, dataDir, configPath, diagnostics, now: NOW });
    if (!result.ok) throw new Error(result.error.message);
    const entries = unzipSync(new Uint8Array(readFileSync(result.value.file)));
    const exported = JSON.parse(strFromU8(entries['config.json']!));
    expect(exported.error).toMatch(/^not valid JSON/);
    expect(strFromU8(entries['config.json']!)).not.toContain(TOKEN);
  });

  it('a missing folder or a file instead of a folder is export-failed with a plain message, not an exception', () => {
    const { root, dataDir, configPath, diagnostics } = device();
    const missing = exportDiagnostics({ folder: join(root, 'unplugged'), dataDir, configPath, diagnostics, now: NOW });
    expect(missing).toEqual({ ok: false, error: { code: 'export-failed', message: `the folder ${join(root, 'unplugged')} does not exist (is the USB stick still plugged in?)` } });
    const notFolder = exportDiagnostics({ folder: configPath, dataDir, configPath, diagnostics, now: NOW });
    expect(notFolder).toEqual({ ok: false, error: { code: 'export-failed', message: `${configPath} is not a folder` } });
  });

  it('a folder that cannot be written to is export-failed and leaves nothing behind', () => {
    const { dataDir, configPath, diagnostics } = device();
    // /proc refuses new files even to root.
    const result = exportDiagnostics({ folder: '/proc', dataDir, configPath, diagnostics, now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('export-failed');
      expect(result.error.message).toContain('/proc');
    }
    expect(readdirSync('/proc').filter((name) => name.includes('okno-diagnostics'))).toEqual([]);
  });
});
