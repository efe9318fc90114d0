/**
 * Technician mode figures: what a technician waits for on a device that has run for months — a PIN
 * check (scrypt), the device host's start with the lockout read from a 100,000-event journal, the
 * diagnostics screen, the diagnostics export with full logs, and a config save (fsynced, with backup).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDevice } from '../electron/core/device/device.ts';
import { installConfig } from '../electron/core/config/installConfig.ts';
import { createLogger, logDir } from '../electron/core/logging/logger.ts';
import { openJournalStore } from '../electron/core/store/journalStore.ts';
import { systemClock } from '../electron/core/clock.ts';
import { JOURNAL_FILE } from '../electron/core/dataDir.ts';
import { hashPin, verifyPin } from '../electron/core/technician/pinHash.ts';
import { ms, percentile } from './stats.ts';

type Report = (name: string, value: string) => void;

const EVENTS = 100_000;
const PIN = '2468';

/** A journal of `count` ratings, written in one transaction (the bench needs the file, not the fsyncs). */
function fillJournal(dataDir: string, count: number): void {
  const store = openJournalStore({ file: join(dataDir, JOURNAL_FILE), deviceId: 'bench-w05', timeZone: 'Europe/Moscow', clock: systemClock });
  const journal = store.journal();
  store.database().transaction(() => {
    for (let i = 0; i < count; i += 1) journal.append('rating.submitted', { score: 1 + (i % 5), scale: 5, source: 'serial', window: '5' });
  })();
  store.close();
}

/** 5 full log files of 1 MiB: what months of a device with an unplugged box look like. */
function fillLogs(dataDir: string): void {
  const logs = createLogger({ dir: logDir(dataDir) });
  for (let i = 0; i < 5 * 1024 * 1024 / 120; i += 1) logs.logger.warn({ path: '/dev/ttyUSB0', attempt: i }, 'buttons: device not found');
  logs.close();
}

const timed = async <T>(what: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await what();
  return [value, performance.now() - t0];
};

export async function benchTechnician(work: string, report: Report): Promise<void> {
  const hash = await hashPin(PIN);
  const checks: number[] = [];
  for (let i = 0; i < 20; i += 1) checks.push((await timed(() => verifyPin(i % 2 ? PIN : '1357', hash)))[1]);
  report('PIN check (scrypt N=2^14) p50 / max (20 checks)', `${ms(percentile(checks, 50))} / ${ms(Math.max(...checks))}`);

  const dataDir = join(work, 'technician');
  mkdirSync(dataDir, { recursive: true });
  const configPath = join(work, 'technician.json');
  writeFileSync(configPath, JSON.stringify({ device: { id: 'bench-w05', office: 'Bench', window: '5' }, technician: { pinHash: hash } }));
  fillJournal(dataDir, EVENTS);
  fillLogs(dataDir);
  const stick = join(work, 'stick');
  mkdirSync(stick);

  const [host, started] = await timed(() => startDevice({ configPath, dataDir, exportDirs: [stick] }));
  try {
    report(`device host start, ${EVENTS.toLocaleString('en')}-event journal (lockout read included)`, ms(started));
    await host.handle('openPinPad', {});
    const [opened, pinMs] = await timed(async () => await host.handle('enterPin', { pin: PIN }));
    if (!opened.ok) throw new Error(`the PIN was refused: ${opened.error.message}`);
    report('right PIN → technician mode open', ms(pinMs));

    const diagnostics: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const [view, elapsed] = await timed(async () => await host.handle('getDiagnostics', {}));
      if (!view.ok || view.value.logLines.length !== 100) throw new Error('diagnostics without their 100 log lines');
      diagnostics.push(elapsed);
    }
    report(`diagnostics screen data, ${EVENTS.toLocaleString('en')} events + 5 MiB of logs (median of 5)`, ms(percentile(diagnostics, 50)));

    const [exported, exportMs] = await timed(async () => await host.handle('exportDiagnostics', { folder: stick }));
    if (!exported.ok) throw new Error(exported.error.message);
    report('diagnostics export to a folder (zip, fsynced)', `${ms(exportMs)}, ${(exported.value.bytes / 1024).toFixed(0)} KiB`);
  } finally {
    await host.close();
  }

  const saves: number[] = [];
  const target = join(work, 'etc', 'config.json');
  for (let i = 0; i < 50; i += 1) {
    const t0 = performance.now();
    installConfig(target, { device: { id: 'bench-w05', office: 'Bench', window: String(i + 1) }, technician: { pinHash: hash } });
    saves.push(performance.now() - t0);
  }
  report('config save: validate, temp + fsync, .bak, rename, dir fsync (p50 / p99 of 50)', `${ms(percentile(saves, 50))} / ${ms(percentile(saves, 99))}`);
}
