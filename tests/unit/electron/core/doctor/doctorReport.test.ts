import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../../../electron/core/dataDir.ts';
import { buildDoctorReport, formatDoctorReport } from '../../../../../electron/core/doctor/doctorReport.ts';
import { createLogger, logDir } from '../../../../../electron/core/logging/logger.ts';
import { createJournal } from '../../../../../electron/core/store/journal.ts';
import { openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const NOW = new Date('2026-11-23T09:00:00.000Z');

function dataDirWithLog(lines: number): string {
  const dataDir = tempDir();
  const time = new FakeTime('2026-11-22T20:30:00.000Z'); // 23:30 yesterday in Moscow
  const { db } = openDatabase({ file: join(dataDir, JOURNAL_FILE) });
  const journal = createJournal(db, 'w5', 'Europe/Moscow', time);
  journal.append('rating.submitted', { score: 4, scale: 5, source: 'touch', window: '5' });
  time.setWall('2026-11-22T22:00:00.000Z'); // 01:00 today in Moscow, still yesterday in UTC
  journal.append('device.started', { version: '0.1.0', mode: 'rating' });
  time.setWall('2026-11-23T06:00:00.000Z');
  journal.append('rating.submitted', { score: 5, scale: 5, source: 'touch', window: '5' });
  journal.append('rating.suppressed', { score: 3, source: 'touch', reason: 'cooldown' });
  db.close();
  const log = createLogger({ dir: logDir(dataDir), timeZone: 'Europe/Moscow', now: () => NOW });
  for (let i = 1; i <= lines; i += 1) log.logger.child({ module: 'test' }).info({ i }, `line ${i}`);
  log.close();
  return dataDir;
}

describe('okno doctor: today and the last log lines', () => {
  it('adds today (in the given zone) and the last 20 log lines to the report, keeping the old fields', () => {
    const dataDir = dataDirWithLog(30);
    const report = buildDoctorReport(dataDir, NOW, { timeZone: 'Europe/Moscow' });
    expect(report.events).toEqual({ total: 4, byType: { 'device.started': 1, 'rating.submitted': 2, 'rating.suppressed': 1 } });
    expect(report.sync).toMatchObject({ pending: 4, lastSuccessAt: null });
    expect(report.today).toEqual({ day: '2026-11-23', timeZone: 'Europe/Moscow', total: 3, byType: { 'device.started': 1, 'rating.submitted': 1, 'rating.suppressed': 1 } });
    expect(report.logDir).toBe(logDir(dataDir));
    expect(report.logTail).toHaveLength(20);
    expect(report.logTail[0]).toBe('2026-11-23 12:00:00 info test: line 11 {i:11}');
    expect(report.logTail.at(-1)).toBe('2026-11-23 12:00:00 info test: line 30 {i:30}');
    // In UTC the device.started at 22:00Z was yesterday.
    expect(buildDoctorReport(dataDir, NOW, { timeZone: 'UTC' }).today?.byType).toEqual({ 'rating.submitted': 1, 'rating.suppressed': 1 });
  });

  it('prints a "Last log lines" section at the end of the human report, as many as asked', () => {
    const dataDir = dataDirWithLog(5);
    const text = formatDoctorReport(buildDoctorReport(dataDir, NOW, { timeZone: 'Europe/Moscow', logLines: 2 }));
    expect(text).toContain('  today:       2026-11-23 (Europe/Moscow): 3 event(s) — device.started 1, rating.submitted 1, rating.suppressed 1');
    expect(text.split('\n').slice(-3)).toEqual([
      `Last log lines (${logDir(dataDir)}):`,
      '  2026-11-23 12:00:00 info test: line 4 {i:4}',
      '  2026-11-23 12:00:00 info test: line 5 {i:5}',
    ]);
    const none = formatDoctorReport(buildDoctorReport(dataDir, NOW, { logLines: 0 }));
    expect(none.split('\n').slice(-2)).toEqual([`Last log lines (${logDir(dataDir)}):`, '  (none)']);
  });

  it('an invalid config is reported before the log, and a bad time zone does not make the journal look damaged', () => {
    const dataDir = dataDirWithLog(1);
    const report = buildDoctorReport(dataDir, NOW, { timeZone: 'Mars/Olympus' });
    expect(report.storage.ok).toBe(true);
    expect(report.today).toBeNull();
    const text = formatDoctorReport({ ...report, config: { ok: false, problems: ['rating.scale: too big'] } });
    expect(text.indexOf('config:      INVALID')).toBeGreaterThan(0);
    expect(text.indexOf('    - rating.scale: too big')).toBeLessThan(text.indexOf('Last log lines'));
  });

  it('without a journal or a log: no today, an empty tail', () => {
    const report = buildDoctorReport(tempDir(), NOW);
    expect(report.today).toBeNull();
    expect(report.logTail).toEqual([]);
    expect(report.needsTechnician).toBe(true);
  });
});
