import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FILE, scrubText } from './logger.ts';

/**
 * The end of the host's log for people: doctor, the diagnostics screen, the export. Reads backwards
 * from the end of the live file and on into the rotated ones only as far as it needs, so a 1 MiB
 * file costs a few small reads. Tolerant: a half-written last line or a line that is not JSON is
 * shown as it is; a missing directory is an empty tail.
 */

const CHUNK = 64 * 1024;
const MAX_LINE_CHARS = 1000;
const NEWLINE = 0x0a;
/** A log file is at most a few MiB; something far larger in the log directory is not read whole. */
const MAX_SCAN_BYTES = 16 * 1024 * 1024;

/** The log files of `dir`, newest first: okno.log, okno.1.log, okno.2.log … */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const rotated = names
    .map((name) => ({ name, index: /^okno\.(\d+)\.log$/.exec(name)?.[1] }))
    .filter((entry): entry is { name: string; index: string } => entry.index !== undefined)
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((entry) => entry.name);
  return [...(names.includes(LOG_FILE) ? [LOG_FILE] : []), ...rotated].map((name) => join(dir, name));
}

/** The last `count` non-empty lines of one file, oldest first, reading from the end in chunks. */
export function lastLinesOf(file: string, count: number): string[] {
  if (count <= 0) return [];
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    let position = fstatSync(fd).size;
    const chunks: Buffer[] = [];
    let newlines = 0;
    // count lines need count+1 newlines (the one before the first line), or the file's start;
    // blank lines (there should be none) only make it read a little further.
    let wanted = count + 1;
    const stopAt = Math.max(0, position - MAX_SCAN_BYTES);
    for (;;) {
      while (position > stopAt && newlines < wanted) {
        const length = Math.min(CHUNK, position - stopAt);
        position -= length;
        const chunk = Buffer.alloc(length);
        const got = chunk.subarray(0, readSync(fd, chunk, 0, length, position));
        for (const byte of got) if (byte === NEWLINE) newlines += 1;
        chunks.unshift(got);
      }
      const lines = splitLast(Buffer.concat(chunks), count, position === 0);
      if (lines.length >= count || position <= stopAt) return lines;
      wanted = newlines + (count - lines.length) + 1;
    }
  } catch {
    return [];
  } finally {
    closeSync(fd);
  }
}

/** The last `count` non-empty lines of `text`, oldest first; its first piece counts only if it is whole. */
function splitLast(text: Buffer, count: number, fromStart: boolean): string[] {
  const lines: string[] = [];
  let end = text.length;
  for (let i = text.length - 1; i >= -1 && lines.length < count; i -= 1) {
    if (i >= 0 && text[i] !== NEWLINE) continue;
    if (i < 0 && !fromStart) break;
    const line = text.subarray(i + 1, end).toString('utf8').replace(/\r$/, '');
    if (line.trim() !== '') lines.push(line);
    end = i;
  }
  return lines.reverse();
}

/** The last `count` raw lines across the live and rotated files, oldest first. */
export function readLogLines(dir: string, count = 100): string[] {
  const out: string[] = [];
  for (const file of logFiles(dir)) {
    if (out.length >= count) break;
    out.unshift(...lastLinesOf(file, count - out.length));
  }
  return out;
}

/** The last `count` log lines across the rotated files, oldest first, formatted for people. */
export function readLogTail(dir: string, count = 100): string[] {
  return readLogLines(dir, count).map(formatLogLine);
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const SHOWN_APART = new Set(['time', 'level', 'msg', 'module', 'pid', 'hostname', 'v']);

const oneLine = (text: string): string => text.replace(/\r?\n/g, ' ⏎ ');
const clip = (text: string): string => (text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS - 1)}…` : text);

function formatTime(time: unknown): string {
  if (typeof time === 'string') {
    // As written: local time with its offset; people read the local wall clock.
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(time);
    return match ? `${match[1]} ${match[2]}` : time;
  }
  if (typeof time === 'number' && Number.isFinite(time)) return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
  return '';
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    // A serialized error: its type and message; the stack stays in the file.
    const error = value as { type?: unknown; message: string; code?: unknown };
    return [typeof error.type === 'string' && error.type !== 'Error' ? `${error.type}:` : '', typeof error.code === 'string' ? `${error.code}` : '', error.message]
      .filter(Boolean)
      .join(' ');
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * One JSON log line as "2026-11-23 12:03:04 warn buttons: device unplugged {path:/dev/ttyUSB0}";
 * anything else as it is. Scrubbed again of what looks like a secret: these lines go on screen.
 */
export function formatLogLine(raw: string): string {
  const line = scrubText(raw);
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return clip(oneLine(line));
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return clip(oneLine(line));
  const record = entry as Record<string, unknown>;
  const level = typeof record.level === 'number' ? (LEVELS[record.level] ?? String(record.level)) : typeof record.level === 'string' ? record.level : '';
  const module = typeof record.module === 'string' ? `${record.module}: ` : '';
  const msg = typeof record.msg === 'string' ? record.msg : '';
  const fields = Object.entries(record)
    .filter(([key, value]) => !SHOWN_APART.has(key) && value !== undefined)
    .map(([key, value]) => `${key}:${formatValue(value)}`);
  const parts = [formatTime(record.time), level, `${module}${msg}`.trim(), fields.length > 0 ? `{${fields.join(', ')}}` : ''];
  return clip(oneLine(parts.filter(Boolean).join(' ')));
}
