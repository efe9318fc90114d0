import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A PostgreSQL server of the test's own: initdb in a temp directory, a free port on 127.0.0.1, no
 * other listener (the Unix socket sits in the same directory). Never skipped: without PostgreSQL the
 * test fails and says how to install it (issue #14, item 6). initdb refuses to run as root, so as
 * root the cluster belongs to the distribution's `postgres` user.
 */
export interface TestPostgres {
  /** The maintenance database `postgres` as user `okno` (trust authentication, 127.0.0.1 only). */
  readonly url: string;
  /** A new, empty database on this server: its URL. */
  createDatabase(): Promise<string>;
  /**
   * Stops the server, keeping its files: `up()` restarts it. `fast` (the default) cuts open connections
   * and checkpoints; `immediate` is a crash as far as the database knows (recovery from the WAL at `up()`).
   */
  down(mode?: ShutdownMode): Promise<void>;
  up(): Promise<void>;
  /** `pg_ctl restart`: down and up in one command, connections cut. */
  restart(mode?: ShutdownMode): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** pg_ctl's shutdown modes that end open sessions (`smart` would wait for them). */
export type ShutdownMode = 'fast' | 'immediate';

export interface StartPostgresOptions {
  /**
   * Durable as a city would run it: fsync and full-page writes on (for benchmarks). Tests keep the
   * default, off: a test server never survives a power cut, and 2 shared cores should not wait on disks.
   */
  readonly durable?: boolean;
  /** More server settings (`-c name=value`), e.g. shared_buffers for a benchmark. */
  readonly settings?: Readonly<Record<string, string>>;
}

const run = promisify(execFile);
const LIB = '/usr/lib/postgresql';
const INSTALL_HINT = 'PostgreSQL is not installed: apt-get install -y postgresql';
/** Bounds, not delays: initdb and start take about a second here. */
const INITDB_TIMEOUT_MS = 60_000;
const START_TIMEOUT_S = 30;

/** The newest installed server's bin directory (Debian installs them side by side: /usr/lib/postgresql/15/bin). */
export function postgresBinDir(): string {
  const versions = existsSync(LIB)
    ? readdirSync(LIB)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(LIB, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) throw new Error(INSTALL_HINT);
  return join(LIB, newest, 'bin');
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** As root, as the `postgres` user the package created; otherwise as ourselves. */
async function asOwner(command: string, args: readonly string[], timeout: number): Promise<void> {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];
  try {
    await run(file, argv, { timeout, killSignal: 'SIGKILL' });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function ownDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'okno-pg-'));
  if (isRoot()) {
    // mkdtemp makes 0700; the postgres user must reach the socket and data directories inside.
    chmodSync(dir, 0o755);
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  return dir;
}

function postgresUser(): { uid: number; gid: number } {
  // id(1) rather than parsing /etc/passwd: the package creates the user however the system does.
  const id = (flag: string): number => {
    let out = '';
    try {
      out = execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', timeout: 10_000 });
    } catch {
      // No such user: reported below.
    }
    const n = Number(out.trim());
    if (out.trim() === '' || !Number.isInteger(n)) throw new Error(`${INSTALL_HINT} (there is no "postgres" user)`);
    return n;
  };
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = ownDirectory();
  const data = join(dir, 'data');
  let port = 0;
  try {
    await asOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'okno', '--no-sync', '-E', 'UTF8', '--locale=C'], INITDB_TIMEOUT_MS);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const pgCtl = join(bin, 'pg_ctl');
  // fsync off unless durable: a test server never survives a power cut, and 2 shared cores should not wait on disks.
  const durability = options.durable ? {} : { fsync: 'off', full_page_writes: 'off' };
  const settings = Object.entries({ ...durability, ...options.settings }).map(([name, value]) => {
    // Names and values go into one -o string that pg_ctl hands to a shell: keep them plain.
    if (!/^[a-z_]+$/.test(name) || !/^[\w.]+$/.test(value)) throw new Error(`PostgreSQL setting ${name}=${value}: plain names and values only`);
    return `-c ${name}=${value}`;
  });
  const serverOptions = (): string => [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...settings].join(' ');
  const start = async (): Promise<void> => {
    await asOwner(pgCtl, ['-D', data, '-l', join(dir, 'log'), '-o', serverOptions(), '-w', '-t', String(START_TIMEOUT_S), 'start'], (START_TIMEOUT_S + 5) * 1000);
  };
  const halt = (mode: ShutdownMode = 'fast') => asOwner(pgCtl, ['-D', data, '-m', mode, '-w', '-t', String(START_TIMEOUT_S), 'stop'], (START_TIMEOUT_S + 5) * 1000);
  // The port is free when asked, but another process could take it before the server binds: try again.
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const url = `postgres://okno@127.0.0.1:${port}/postgres`;
  let databases = 0;
  let running = true;
  return {
    url,
    async createDatabase() {
      databases += 1;
      const name = `okno_test_${databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://okno@127.0.0.1:${port}/${name}`;
    },
    async down(mode) {
      await halt(mode);
      running = false;
    },
    async up() {
      await start();
      running = true;
    },
    async restart(mode = 'fast') {
      // pg_ctl restart keeps the -o options of the last start (postmaster.opts).
      await asOwner(pgCtl, ['-D', data, '-l', join(dir, 'log'), '-m', mode, '-w', '-t', String(START_TIMEOUT_S), 'restart'], 2 * (START_TIMEOUT_S + 5) * 1000);
      running = true;
    },
    async stop() {
      try {
        if (running) await halt();
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
