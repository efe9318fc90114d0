import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, fchmodSync, fchownSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Config } from '../../../shared/config.ts';
import { parseConfig } from './loadConfig.ts';
import { isProcessAlive } from '../processAlive.ts';

/**
 * Writing a config file so that a kill or a power cut at any moment leaves either the old file or
 * the new one, never a mix or an empty file. One implementation for every writer: `okno provision`,
 * `okno set-pin`, the technician wizard, learned keymaps (saveConfig.ts).
 */

/** Where a device's config lives when no path is given: $OKNO_CONFIG, else the platform's place (docs/deployment.md). */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const fromEnv = env['OKNO_CONFIG']?.trim();
  if (fromEnv) return fromEnv;
  return platform === 'win32' ? 'C:\\okno\\config.json' : '/etc/okno/config.json';
}

/** The previous version of a config file, kept beside it by every write. */
export const backupPath = (path: string): string => `${path}.bak`;

const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

const isRoot = (): boolean => process.getuid?.() === 0;

/** fsync of a directory makes a rename in it durable; Windows cannot open a directory for that. */
function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A temporary file beside `path` (same directory, so the rename is atomic), with `text` fsynced in it. */
function writeTemp(path: string, text: string | null, copyFrom: string | null, access: { mode: number; uid: number; gid: number } | null): string {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    if (copyFrom !== null) copyFileSync(copyFrom, temp);
    const fd = openSync(temp, copyFrom !== null ? 'r+' : 'wx', 0o600);
    try {
      // The mode given to open is cut by the umask and ignored for an existing file: set it outright.
      fchmodSync(fd, access?.mode ?? 0o600);
      if (access && isRoot()) fchownSync(fd, access.uid, access.gid);
      if (text !== null) writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean
    }
    throw error;
  }
  return temp;
}

export interface AtomicWrite {
  readonly path: string;
  /** Where the file it replaced is kept (`<path>.bak`), or null when there was none. */
  readonly backup: string | null;
}

/**
 * Replaces `path` with `text` atomically: a temporary file beside it, fsynced; the previous file
 * copied to `<path>.bak` the same way (so the backup is never half-written either); a rename over
 * the target; an fsync of the directory. Creates the directory if missing.
 *
 * Permissions: a new file is 0600 (it may hold the sync token) and, when root writes it, owned by
 * the directory's owner (`install -d -o okno /etc/okno` makes a file the kiosk can read). A replaced
 * file keeps its mode, owner and group, so whoever could read it before still can; nobody more.
 */
/**
 * Temporary files that writers killed mid-write left beside `path` (`<name>[.bak].<pid>.<hex>.tmp`):
 * removed when their writer is gone, so a kiosk killed many times does not fill /etc/okno.
 */
function removeStaleTemps(path: string): void {
  const name = basename(path);
  for (const entry of readdirSync(dirname(path))) {
    if (!entry.startsWith(`${name}.`) || !entry.endsWith('.tmp')) continue;
    const match = /^(?:bak\.)?(\d+)\.[0-9a-f]{8}$/.exec(entry.slice(name.length + 1, -'.tmp'.length));
    const pid = Number(match?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || (pid !== process.pid && isProcessAlive(pid))) continue;
    try {
      unlinkSync(join(dirname(path), entry));
    } catch {
      // another writer removed it first
    }
  }
}

export function writeFileAtomically(path: string, text: string): AtomicWrite {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(path);
  const before = statOrNull(path);
  if (before && !before.isFile()) throw new Error(`${path} is not a regular file`);
  const access = before
    ? { mode: before.mode & 0o7777, uid: before.uid, gid: before.gid }
    : (() => {
        const parent = statSync(dir);
        return { mode: 0o600, uid: parent.uid, gid: parent.gid };
      })();

  const temp = writeTemp(path, text, null, access);
  let backup: string | null = null;
  try {
    if (before) {
      const backupTemp = writeTemp(backupPath(path), null, path, { mode: access.mode, uid: access.uid, gid: access.gid });
      renameSync(backupTemp, backupPath(path));
      backup = backupPath(path);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or never made
    }
    throw error;
  }
  fsyncDirectory(dir);
  return { path, backup };
}

/** The JSON text of a config file as okno writes it: two-space indent, a final newline. */
export const configText = (json: unknown): string => `${JSON.stringify(json, null, 2)}\n`;

export interface InstalledConfig extends AtomicWrite {
  /** The config as the core will read it (defaults filled in). */
  readonly config: Config;
}

/**
 * Validates a whole config and writes it at `path` atomically (writeFileAtomically). An invalid
 * config throws a ConfigError listing every bad field, and nothing is written. The file holds
 * `json` as given (defaults left out), so it stays as its author wrote it.
 */
export function installConfig(path: string, json: unknown, source: string = path): InstalledConfig {
  const config = parseConfig(json, source);
  return { ...writeFileAtomically(path, configText(json)), config };
}
