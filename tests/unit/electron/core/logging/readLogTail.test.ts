import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../electron/core/logging/logger.ts';
import { formatLogLine, lastLinesOf, logFiles, readLogLines, readLogTail } from '../../../../../electron/core/logging/readLogTail.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

const line = (fields: Record<string, unknown>): string => `${JSON.stringify({ level: 'info', time: '2026-11-23T12:03:04.005+03:00', pid: 7, ...fields })}\n`;

describe('formatLogLine', () => {
  it('turns a JSON line into one line for people', () => {
    expect(formatLogLine(line({ level: 'warn', module: 'buttons', path: '/dev/ttyUSB0', msg: 'device unplugged' }))).toBe(
      '2026-11-23 12:03:04 warn buttons: device unplugged {path:/dev/ttyUSB0}',
    );
  });

  it('shows fields in order, errors by their message, numbers and objects as JSON, and keeps to one line', () => {
    const text = formatLogLine(
      line({ level: 'error', module: 'sync', attempt: 3, detail: { status: 503 }, err: { type: 'Error', message: 'socket hang up\nat x', stack: 'Error: …\n at y', code: 'ECONNRESET' }, msg: 'batch failed' }),
    );
    expect(text).toBe('2026-11-23 12:03:04 error sync: batch failed {attempt:3, detail:{"status":503}, err:ECONNRESET socket hang up ⏎ at x}');
    expect(text).not.toContain('\n');
  });

  it('reads pino numeric levels and epoch times (a line from another pino)', () => {
    expect(formatLogLine(JSON.stringify({ level: 50, time: Date.parse('2026-11-23T09:03:04Z'), msg: 'x' }))).toBe('2026-11-23 09:03:04 error x');
  });

  it('shows anything that is not a JSON object as it is', () => {
    expect(formatLogLine('plain text from somewhere')).toBe('plain text from somewhere');
    expect(formatLogLine('{"level":"info","time":"2026-11-23T12:0')).toBe('{"level":"info","time":"2026-11-23T12:0');
    expect(formatLogLine('[1,2]')).toBe('[1,2]');
    expect(formatLogLine('x'.repeat(5000))).toHaveLength(1000);
  });
});

describe('readLogTail', () => {
  it('is empty for a missing directory or no log', () => {
    expect(readLogTail(join(tempDir(), 'nope'))).toEqual([]);
    expect(readLogTail(tempDir())).toEqual([]);
  });

  it('reads the last lines across the rotated files, oldest first', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'okno.2.log'), [1, 2, 3].map((n) => line({ msg: `m${n}` })).join(''));
    writeFileSync(join(dir, 'okno.1.log'), [4, 5].map((n) => line({ msg: `m${n}` })).join(''));
    writeFileSync(join(dir, 'okno.log'), [6, 7, 8].map((n) => line({ msg: `m${n}` })).join(''));
    writeFileSync(join(dir, 'other.txt'), 'not a log\n');
    expect(logFiles(dir).map((file) => file.slice(dir.length + 1))).toEqual(['okno.log', 'okno.1.log', 'okno.2.log']);
    const messages = (count: number): string[] => readLogTail(dir, count).map((text) => text.replace('2026-11-23 12:03:04 info ', ''));
    expect(messages(4)).toEqual(['m5', 'm6', 'm7', 'm8']);
    expect(messages(100)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
    expect(messages(1)).toEqual(['m8']);
    expect(messages(0)).toEqual([]);
  });

  it('shows a half-written last line and a stray non-JSON line raw, and skips blank lines and CRs', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'okno.log'), `${line({ msg: 'first' })}garbage from a crash\r\n\n${line({ msg: 'second' })}{"level":"warn","ti`);
    expect(readLogTail(dir, 10)).toEqual(['2026-11-23 12:03:04 info first', 'garbage from a crash', '2026-11-23 12:03:04 info second', '{"level":"warn","ti']);
  });

  it('finds the last lines of a file of several MiB exactly, whatever the chunk boundaries', () => {
    const dir = tempDir();
    const file = join(dir, 'okno.log');
    const lines: string[] = [];
    // Lines of varying length, some with non-ASCII text, so lines straddle the 64 KiB reads.
    for (let i = 0; i < 30_000; i += 1) lines.push(line({ i, msg: `событие ${i} ${'z'.repeat(i % 97)}` }));
    writeFileSync(file, lines.join(''));
    for (const count of [1, 99, 100, 101, 2500]) {
      const got = lastLinesOf(file, count).map((text) => JSON.parse(text).i as number);
      expect(got).toEqual(Array.from({ length: count }, (_, k) => 30_000 - count + k));
    }
  });

  it('reads past blank lines as if they were not there, even more than one read of them', () => {
    const dir = tempDir();
    const file = join(dir, 'okno.log');
    writeFileSync(file, line({ msg: 'before' }).repeat(2000));
    appendFileSync(file, line({ msg: 'a' }));
    appendFileSync(file, '\n'.repeat(150_000));
    appendFileSync(file, line({ msg: 'b' }));
    expect(readLogLines(dir, 2).map((text) => JSON.parse(text).msg)).toEqual(['a', 'b']);
  });

  it('reads what the logger writes', () => {
    const dir = tempDir();
    const log = createLogger({ dir, timeZone: 'Europe/Moscow', now: () => new Date('2026-11-23T09:03:04Z') });
    log.logger.child({ module: 'printer' }).warn({ path: '/dev/usb/lp0', fault: 'paper-out' }, 'printer fault');
    log.close();
    expect(readLogTail(dir)).toEqual(['2026-11-23 12:03:04 warn printer: printer fault {path:/dev/usb/lp0, fault:paper-out}']);
  });
});
