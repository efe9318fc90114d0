import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../electron/core/dataDir.ts';
import { createLogger, logDir } from '../../electron/core/logging/logger.ts';
import { createJournal } from '../../electron/core/store/journal.ts';
import { openDatabase } from '../../electron/core/store/openDatabase.ts';
import { runOkno } from '../helpers/okno.ts';
import { systemClock } from '../../electron/core/clock.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();

/** A data directory with a journal of one event and a log of `lines` lines. */
function dataDir(lines: number): string {
  const dir = join(tempDir(), 'data');
  const { db } = openDatabase({ file: join(dir, JOURNAL_FILE) });
  createJournal(db, 'w5', 'Asia/Kolkata', systemClock).append('device.started', { version: '0.1.0', mode: 'rating' });
  db.close();
  const log = createLogger({ dir: logDir(dir), timeZone: 'UTC' });
  for (let i = 1; i <= lines; i += 1) log.logger.child({ module: 'cli-test' }).warn({ i }, `event ${i}`);
  log.close();
  return dir;
}

describe('okno doctor and the log', () => {
  it('prints the last 20 log lines by default, and --log-lines N of them', () => {
    const dir = dataDir(25);
    const human = runOkno(['doctor', '--data-dir', dir]);
    expect(human.status).toBe(0);
    const section = human.stdout.slice(human.stdout.indexOf('Last log lines'));
    expect(section.trimEnd().split('\n')).toHaveLength(21);
    expect(section).toMatch(/warn cli-test: event 6 \{i:6\}/);
    expect(section).not.toMatch(/event 5 /);
    const three = runOkno(['doctor', '--data-dir', dir, '--log-lines', '3']);
    expect(three.stdout.trimEnd().split('\n').slice(-3).map((line) => line.replace(/^.* warn /, ''))).toEqual([
      'cli-test: event 23 {i:23}',
      'cli-test: event 24 {i:24}',
      'cli-test: event 25 {i:25}',
    ]);
  });

  it('--json has logTail (and today), next to the fields scripts already read', () => {
    const dir = dataDir(4);
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, JSON.stringify({ device: { id: 'w5', office: 'O', window: '5', timezone: 'Asia/Kolkata' } }));
    const result = runOkno(['doctor', '--json', '--data-dir', dir, '--config', config, '--log-lines', '2']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ events: { total: 1, byType: { 'device.started': 1 } }, sync: { pending: 1, lastSuccessAt: null }, config: { ok: true } });
    expect(report.schemaVersion).toEqual(expect.any(Number));
    expect(report.logTail).toHaveLength(2);
    expect(report.logTail[1]).toMatch(/ warn cli-test: event 4 \{i:4\}$/);
    expect(report.today).toMatchObject({ timeZone: 'Asia/Kolkata', day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('a bad --log-lines is a usage error', () => {
    const result = runOkno(['doctor', '--log-lines', 'lots']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--log-lines must be 0–10000/);
  });
});
