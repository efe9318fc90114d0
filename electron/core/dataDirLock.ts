import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { isProcessAlive } from './processAlive.ts';

/**
 * One data directory, one okno. Two hosts on one journal both upload the same batches, and their
 * ticket transactions fail each other (SQLITE_BUSY_SNAPSHOT). So the directory is owned by one
 * process for its whole life, through an OS lock that the OS drops when the process ends however it
 * ends (SIGKILL, power cut): no stale lock to clean up by hand.
 *
 * Node has no flock, so the lock is SQLite's own: `okno.lock` is a tiny SQLite file held in
 * `locking_mode=EXCLUSIVE` after a write, i.e. an exclusive fcntl lock on POSIX and LockFileEx on
 * Windows, with the same better-sqlite3 binary that opens the journal (no new native module).
 * `okno.pid` says who holds it, for the message of the one that cannot; it is written after the lock
 * is held, so a pid file whose process is gone is only a leftover.
 *
 * Readers (`okno doctor`) and short writers (`okno sync --requeue-quarantined`) never take it: they
 * open the journal itself, which stays an ordinary WAL database.
 */

export const LOCK_FILE = 'okno.lock';
export const PID_FILE = 'okno.pid';

/** sysexits EX_TEMPFAIL: not a crash and not a bad config; a supervisor may try again later. */
export const EXIT_DATA_DIR_IN_USE = 75;

/** How long a start waits for a previous owner that is still closing (a restart that overlaps). */
const WAIT_FOR_PREVIOUS_MS = 2_000;

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  readonly code = 'data-dir-in-use';
  readonly dataDir: string;
  /** The running owner's pid, when its pid file names a live process. */
  readonly ownerPid: number | null;
  constructor(dataDir: string, ownerPid: number | null) {
    super(
      `the data directory ${dataDir} is in use by another okno (${ownerPid === null ? 'its pid is unknown' : `pid ${ownerPid}`}): ` +
        'stop that one first, or give this one its own --data-dir',
    );
    this.dataDir = dataDir;
    this.ownerPid = ownerPid;
  }
}

export interface DataDirClaim {
  readonly dataDir: string;
  /** False when the directory could not hold a lock at all (see claimDataDir); nothing else refused it. */
  readonly owned: boolean;
  readonly problem: string | null;
  /** Gives the directory up (the OS does it anyway when the process ends). Once per claim. */
  release(): void;
}

interface Held {
  readonly lock: Database.Database;
  readonly pidFile: string;
  claims: number;
}

/** Claims held by this process, by resolved path: a claim is the process's, so it nests (demo, then its core). */
const held = new Map<string, Held>();

function readOwnerPid(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

const isBusy = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code));

function takeLock(file: string): Database.Database {
  const lock = new Database(file, { timeout: WAIT_FOR_PREVIOUS_MS });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // BEGIN EXCLUSIVE takes the OS lock; in EXCLUSIVE locking mode the commit keeps it until close.
    // Nothing is written once the file exists, so a full disk does not stop it.
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
    return lock;
  } catch (error) {
    lock.close();
    throw error;
  }
}

function writePidFile(pidFile: string): void {
  // By rename, so the next one never reads half a number.
  const temporary = `${pidFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${process.pid}\n`);
    renameSync(temporary, pidFile);
  } catch {
    // Only the message of a second okno loses the pid; the lock is what counts.
    rmSync(temporary, { force: true });
  }
}

/**
 * Makes this process the owner of `dataDir` (creating it), or throws DataDirInUseError naming the
 * owner's pid. A directory that cannot hold the lock at all (not a directory, read-only, no space
 * for a first lock file) is not refused: the journal cannot be written there either, and the kiosk
 * starts to say so on screen and in doctor (docs/storage.md); `owned` is false and `problem` says why.
 */
export function claimDataDir(dataDir: string): DataDirClaim {
  const key = resolve(dataDir);
  let entry = held.get(key);
  if (!entry) {
    const pidFile = join(key, PID_FILE);
    let lock: Database.Database;
    try {
      mkdirSync(key, { recursive: true });
      lock = takeLock(join(key, LOCK_FILE));
    } catch (error) {
      if (isBusy(error)) throw new DataDirInUseError(dataDir, readOwnerPid(pidFile));
      const problem = error instanceof Error ? error.message : String(error);
      return { dataDir, owned: false, problem, release: () => undefined };
    }
    writePidFile(pidFile);
    entry = { lock, pidFile, claims: 0 };
    held.set(key, entry);
  }
  entry.claims += 1;
  const owned = entry;
  let released = false;
  return {
    dataDir,
    owned: true,
    problem: null,
    release() {
      if (released) return;
      released = true;
      owned.claims -= 1;
      if (owned.claims > 0) return;
      held.delete(key);
      // The pid file first: while the lock is still held, nobody else can have written it.
      try {
        rmSync(owned.pidFile, { force: true });
      } finally {
        owned.lock.close();
      }
    },
  };
}
