import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { DiagnosticsView, ExportedDiagnostics } from '../../../shared/technicianApi.ts';
import { zonedParts } from '../clock.ts';
import { buildDoctorReport, formatDoctorReport } from '../doctor/doctorReport.ts';
import { isSecretKey, logDir as defaultLogDir } from '../logging/logger.ts';
import { logFiles } from '../logging/readLogTail.ts';
import { STATUS_FILE } from '../status/statusFile.ts';

/**
 * "Export" on the diagnostics screen: one zip in the chosen folder (a USB stick) with what a
 * developer needs to understand a device: the diagnostics view, doctor's report (JSON and text),
 * status.json, the config without its secrets, and every log file. Written under a temporary name,
 * fsynced, then renamed: a stick pulled out half-way never leaves a half file with a good name.
 * Never throws: every failure is `export-failed` with a message a technician can act on.
 */
export interface ExportOptions {
  readonly folder: string;
  readonly dataDir: string;
  readonly configPath: string | null;
  /** Default `<dataDir>/logs`. */
  readonly logDir?: string;
  readonly diagnostics: DiagnosticsView;
  readonly now: Date;
  /** For the file name; default: the config file's device.id. */
  readonly deviceId?: string;
  /** For the file name's local time; default: the config file's device.timezone, else UTC. */
  readonly timeZone?: string;
}

/** What stands in for a secret in the exported config. */
export const SECRET_SET = '(set)';
const SECRET_PLACEHOLDER_MIN = 4;

type Json = Record<string, unknown>;

interface ConfigRead {
  /** The config as written, secrets replaced; or why it could not be read. */
  readonly entry: Json;
  readonly deviceId: string | null;
  readonly timeZone: string | null;
  /** The secret strings themselves, to make sure they appear nowhere in the zip. */
  readonly secrets: string[];
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every string inside a secret (`sync.previousTokens` is an object of tokens), to scrub them from the whole zip. */
function collectStrings(value: unknown, into: string[], depth = 0): void {
  if (typeof value === 'string') into.push(value);
  else if (depth < 16 && value !== null && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, into, depth + 1);
}

/** A copy with every secret-named key ("token", "pinHash", …) replaced by "(set)", collecting the secret values. */
function withoutSecrets(value: unknown, secrets: string[], depth = 0): unknown {
  if (depth > 16) return null;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, secrets, depth + 1));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    if (isSecretKey(key) && item !== null && item !== undefined && item !== '') {
      collectStrings(item, secrets);
      out[key] = SECRET_SET;
    } else {
      out[key] = withoutSecrets(item, secrets, depth + 1);
    }
  }
  return out;
}

function readConfig(configPath: string | null): ConfigRead {
  if (!configPath) return { entry: { note: 'no config file (first run or the built-in demo)' }, deviceId: null, timeZone: null, secrets: [] };
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    return { entry: { path: configPath, error: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }, deviceId: null, timeZone: null, secrets: [] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Not JSON: its text cannot be cleaned of secrets reliably, so it is not exported.
    return { entry: { path: configPath, error: `not valid JSON: ${(error as Error).message}` }, deviceId: null, timeZone: null, secrets: [] };
  }
  const secrets: string[] = [];
  const clean = withoutSecrets(json, secrets) as Json;
  const device = isObject(clean.device) ? clean.device : {};
  return {
    entry: clean,
    deviceId: typeof device.id === 'string' ? device.id : null,
    timeZone: typeof device.timezone === 'string' ? device.timezone : null,
    secrets,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function stamp(now: Date, timeZone: string | null): string {
  try {
    const p = zonedParts(now, timeZone ?? 'UTC');
    return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
  } catch {
    return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  }
}

/** Safe in a file name on FAT/exFAT/NTFS and ext4. */
const fileSafe = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 64) || 'device';

function plainMessage(error: unknown, folder: string, bytes: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `the folder ${folder} does not exist (is the USB stick still plugged in?)`;
    case 'ENOTDIR':
      return `${folder} is not a folder`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `the folder ${folder} cannot be written to (read-only, write-protected or no permission)`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `not enough free space in ${folder} (the export needs about ${Math.ceil(bytes / 1024)} KB)`;
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return `the drive failed or was removed while writing to ${folder}`;
    default:
      return `the diagnostics could not be written to ${folder}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The zip's entries as bytes, each with every known secret string replaced. */
function collectEntries(options: ExportOptions, config: ConfigRead): Record<string, Uint8Array> {
  const secrets = config.secrets.filter((secret) => secret.length >= SECRET_PLACEHOLDER_MIN);
  const clean = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join(SECRET_SET), text);
  const encoder = new TextEncoder();
  const text = (value: string): Uint8Array => encoder.encode(clean(value));
  const json = (value: unknown): Uint8Array => text(`${JSON.stringify(value, null, 2)}\n`);

  const report = buildDoctorReport(options.dataDir, options.now, { logLines: 100, ...(config.timeZone ? { timeZone: config.timeZone } : {}) });
  const entries: Record<string, Uint8Array> = {
    'diagnostics.json': json(options.diagnostics),
    'doctor.json': json(report),
    'doctor.txt': text(`${formatDoctorReport(report)}\n`),
    'config.json': json(config.entry),
  };
  try {
    entries['status.json'] = text(readFileSync(join(options.dataDir, STATUS_FILE), 'utf8'));
  } catch {
    // No host has run with this data directory: nothing to add.
  }
  for (const file of logFiles(options.logDir ?? defaultLogDir(options.dataDir))) {
    try {
      entries[`logs/${basename(file)}`] = text(readFileSync(file, 'utf8'));
    } catch {
      // Rotated away between the listing and the read: the others still go.
    }
  }
  return entries;
}

function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    let offset = 0;
    // writeSync may write less than asked (a slow stick): loop until all is written (bounded by the size).
    for (let guard = 0; offset < bytes.length && guard < bytes.length + 1; guard += 1) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (offset < bytes.length) throw Object.assign(new Error('short write'), { code: 'EIO' });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; FAT on Linux may refuse: the file itself is already synced.
  }
}

export function exportDiagnostics(options: ExportOptions): Result<ExportedDiagnostics> {
  const { folder, now } = options;
  let bytes = 0;
  let temp: string | null = null;
  try {
    const info = statSync(folder);
    if (!info.isDirectory()) return fail('export-failed', `${folder} is not a folder`);
    const config = readConfig(options.configPath);
    const zip = zipSync(collectEntries(options, config) satisfies Zippable, { level: 6, mtime: now });
    bytes = zip.length;
    const base = `okno-diagnostics-${fileSafe(options.deviceId ?? config.deviceId ?? 'device')}-${stamp(now, options.timeZone ?? config.timeZone)}`;
    let file = join(folder, `${base}.zip`);
    for (let n = 2; existsSync(file) && n < 100; n += 1) file = join(folder, `${base}-${n}.zip`);
    if (existsSync(file)) return fail('export-failed', `too many exports named ${base} in ${folder}`);
    temp = join(folder, `.${base}.zip.partial`);
    try {
      unlinkSync(temp);
    } catch {
      // None left over from an export cut short: the usual case.
    }
    writeDurably(temp, zip);
    renameSync(temp, file);
    temp = null;
    syncDirectory(folder);
    return ok({ file, bytes });
  } catch (error) {
    if (temp) {
      try {
        unlinkSync(temp);
      } catch {
        // The stick is gone: the partial file (if any) keeps its temporary name.
      }
    }
    return fail('export-failed', plainMessage(error, folder, bytes));
  }
}
