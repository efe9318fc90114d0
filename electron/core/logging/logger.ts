import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pino, stdSerializers, type DestinationStream, type Level, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import { isoWithOffset } from '../clock.ts';

/**
 * The host's structured log (docs/logging.md): pino, in-process (no worker-thread transport: the core
 * is bundled into Electron), one JSON object a line in `<dataDir>/logs/okno.log`, rotated by size.
 * Writes are synchronous and small (transitions and faults, not every press), so a line that was
 * logged before a crash is on disk. Nothing here throws at the caller: a line that cannot be written
 * (full disk, unplugged drive, read-only directory) is dropped and counted.
 *
 * No personal data is logged: the product stores none (ratings and tickets are anonymous). Secrets
 * (the sync token, the PIN and its hash, Authorization headers, anything named like them) are
 * replaced by "[redacted]" by key name at any depth, and bearer tokens and PIN hashes are scrubbed
 * from free text as a second line of defence.
 */

export type { Logger };

/** The log directory inside a data directory: the host writes there, doctor and export read there. */
export const logDir = (dataDir: string): string => join(dataDir, 'logs');

export const LOG_FILE = 'okno.log';
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
export const DEFAULT_LOG_FILES = 5;
export const REDACTED = '[redacted]';

/** okno.log, okno.1.log … okno.(files-1).log: index 0 is the live file, higher is older. */
export const logFileName = (index: number): string => (index === 0 ? LOG_FILE : `okno.${index}.log`);

export interface CreateLoggerOptions {
  readonly dir: string;
  readonly level?: Level;
  /** Rotate when the live file would grow past this (default 1 MiB). */
  readonly maxBytes?: number;
  /** How many files to keep, the live one included (default 5). */
  readonly files?: number;
  /**
   * The device's time zone (config device.timezone): log times are local with their offset. A function
   * when the config comes later or changes (the setup wizard); undefined from it: the system's.
   */
  readonly timeZone?: TimeZoneOption;
  readonly now?: () => Date;
}

type TimeZoneOption = string | (() => string | undefined);

export interface FileLogger {
  readonly logger: Logger;
  /** The live file: `<dir>/okno.log`. */
  readonly file: string;
  /** Lines that could not be written (full disk…) since start: for the status counters. */
  droppedLines(): number;
  /** Closes the file; later lines are dropped silently. */
  close(): void;
}

// ---- redaction ----

const SECRET_KEY = /(tokens?|secret|password|passwd|passphrase|authorization|cookie|apikey|pinhash|credentials?|privatekey)$/;
const SECRET_EXACT = new Set(['pin', 'newpin', 'oldpin', 'auth', 'bearer']);

/** Whether a key names a secret: `token`, `syncToken`, `previousTokens`, `Authorization`, `pin`, `pinHash`, `api_key`… (not `ping`, `spinner`). */
export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_EXACT.has(normal) || SECRET_KEY.test(normal);
}

const MAX_DEPTH = 8;

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** A copy of `value` with every secret-named key censored, at any depth (the caller's object is untouched). */
export function redactSecrets(value: unknown, depth = 0, ancestors: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    // pino's error shape (type, message, stack, code, own fields), as a plain object so it is walked too.
    const { type, message, stack, ...rest } = stdSerializers.err(value) as unknown as Record<string, unknown>;
    return redactSecrets({ type, message, stack, ...rest }, depth, ancestors);
  }
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1, ancestors));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) && item !== null && item !== undefined ? REDACTED : redactSecrets(item, depth + 1, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/** `"key":"value"` or `"key":123` in a JSON line: a last pass catches secrets in child bindings and error fields. */
const JSON_MEMBER = /"([A-Za-z0-9_$-]*)":("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g;

const TEXT_SECRETS: readonly [RegExp, string][] = [
  // "Authorization: Bearer abc…", in an error message or a header dump.
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  // A PIN hash as `okno set-pin` writes it.
  [/scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+/g, REDACTED],
  // token=abc in a URL or a message.
  [/((?:token|secret|password|pin)=)[^&\s"\\]+/gi, `$1${REDACTED}`],
];

/** Free text with bearer tokens, PIN hashes and `token=…` scrubbed. */
export function scrubText(text: string): string {
  let out = text.replace(JSON_MEMBER, (member, key: string) => (isSecretKey(key) ? `"${key}":"${REDACTED}"` : member));
  for (const [pattern, replacement] of TEXT_SECRETS) out = out.replace(pattern, replacement);
  return out;
}

// ---- options shared by the file logger and the test logger ----

function systemTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function timeStamper(options: { timeZone?: TimeZoneOption; now?: () => Date }): () => string {
  const system = systemTimeZone();
  const zone = options.timeZone;
  const timeZone = typeof zone === 'function' ? () => zone() ?? system : () => zone ?? system;
  const now = options.now ?? (() => new Date());
  return () => {
    try {
      return isoWithOffset(now(), timeZone());
    } catch {
      return new Date().toISOString();
    }
  };
}

function pinoOptions(options: { level?: Level; timeZone?: TimeZoneOption; now?: () => Date }): PinoOptions {
  const stamp = timeStamper(options);
  const safeRedact = (object: Record<string, unknown>): Record<string, unknown> => {
    try {
      return redactSecrets(object) as Record<string, unknown>;
    } catch {
      return { logError: 'fields could not be logged' };
    }
  };
  return {
    level: options.level ?? 'info',
    // No hostname: the pid tells one run from the next, and nothing about the machine is needed.
    base: { pid: process.pid },
    // Errors are already plain objects here (formatters.log): the default serializer would rename their type.
    serializers: { err: (value: unknown) => value },
    timestamp: () => `,"time":"${stamp()}"`,
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => safeRedact(bindings),
      log: (object) => safeRedact(object),
    },
    hooks: {
      streamWrite: (line) => {
        try {
          return scrubText(line);
        } catch {
          return line;
        }
      },
    },
  };
}

// ---- the rotating file ----

export interface RotatingFile extends DestinationStream {
  droppedLines(): number;
  close(): void;
}

/** okno.log, rotated by size to okno.1.log … okno.(files-1).log; synchronous; drops and counts what it cannot write. */
export function createRotatingFile(options: {
  dir: string;
  maxBytes?: number;
  files?: number;
  /** The line written when writing works again after drops (so a gap in the log is explained). */
  droppedNotice?: (dropped: number) => string;
}): RotatingFile {
  const maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
  const files = Math.max(1, Math.floor(options.files ?? DEFAULT_LOG_FILES));
  const path = (index: number): string => join(options.dir, logFileName(index));
  let fd: number | null = null;
  let size = 0;
  let dropped = 0;
  /** Drops not yet told in the file. */
  let untold = 0;
  let closed = false;

  const closeFd = (): void => {
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      // Already gone (the drive was pulled): nothing to release.
    }
    fd = null;
  };

  const open = (): boolean => {
    try {
      mkdirSync(options.dir, { recursive: true });
      fd = openSync(path(0), 'a');
      size = fstatSync(fd).size;
      return true;
    } catch {
      closeFd();
      return false;
    }
  };

  const rotate = (): void => {
    closeFd();
    try {
      // The oldest is replaced by the rename onto it; a missing file in the chain is skipped.
      for (let index = files - 1; index >= 1; index -= 1) {
        try {
          renameSync(path(index - 1), path(index));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    } catch {
      // Rotation failed (a reader holding the file on Windows…): keep appending, try again after maxBytes more.
    }
    if (files === 1) {
      try {
        fd = openSync(path(0), 'w');
        size = 0;
      } catch {
        fd = null;
      }
      return;
    }
    if (open() && size >= maxBytes) size = 0;
  };

  const drop = (): void => {
    dropped += 1;
    untold += 1;
  };

  const append = (line: string): void => {
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    if (fd === null) throw new Error('log file not open');
    writeSync(fd, line);
    size += bytes;
  };

  return {
    write(line: string) {
      if (closed) return;
      try {
        if (fd === null && !open()) return drop();
        if (untold > 0 && options.droppedNotice) {
          append(options.droppedNotice(untold));
          untold = 0;
        }
        append(line);
      } catch {
        // ENOSPC, EIO, a pulled drive: drop the line, reopen on the next one.
        drop();
        closeFd();
      }
    },
    droppedLines: () => dropped,
    close() {
      closed = true;
      closeFd();
    },
  };
}

// ---- the loggers ----

/** The host's logger: JSON lines in `<dir>/okno.log`, rotated (default 1 MiB × 5 files). */
export function createLogger(options: CreateLoggerOptions): FileLogger {
  const stamp = timeStamper(options);
  const destination = createRotatingFile({
    ...options,
    droppedNotice: (dropped) =>
      `${JSON.stringify({ level: 'warn', time: stamp(), pid: process.pid, module: 'logging', dropped, msg: `${dropped} log line(s) could not be written (disk full or unavailable)` })}\n`,
  });
  const logger = pino(pinoOptions(options), destination);
  return {
    logger,
    file: join(options.dir, LOG_FILE),
    droppedLines: () => destination.droppedLines(),
    close: () => destination.close(),
  };
}

/** Logs nothing: for tools and tests that do not care. */
export const nullLogger: Logger = pino({ enabled: false });

export interface MemoryLogger {
  readonly logger: Logger;
  /** The JSON lines written so far, exactly as they would be in the file. */
  lines(): string[];
  /** The same, parsed. */
  entries(): Record<string, unknown>[];
  clear(): void;
}

/** A logger that keeps its lines in memory, formatted and redacted exactly as the file logger does: for tests. */
export function createMemoryLogger(options: { level?: Level; timeZone?: string; now?: () => Date } = {}): MemoryLogger {
  const lines: string[] = [];
  const logger = pino(pinoOptions({ timeZone: 'UTC', ...options, level: options.level ?? 'debug' }), { write: (line: string) => void lines.push(line) });
  return {
    logger,
    lines: () => [...lines],
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => void lines.splice(0),
  };
}
