import { askRawLine } from './rawLine.ts';
import pg from 'pg';
import { roleSchema, type Role } from '../../shared/central/dashboardApi.ts';
import { AccountInputError, dashboardAccounts, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../collector/dashboard/accounts.ts';
import { CollectorStoreError } from '../collector/collectorMigrations.ts';
import { StorageUnavailableError } from '../collector/collectorStorage.ts';
import { postgresUrlSchema } from '../collector/openStorage.ts';
import { migratePostgres } from '../collector/postgresMigrations.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

/** Exit codes (sysexits.h), also in --help and docs/central.md. */
export const USER_EXIT = { done: 0, database: 1, usage: 2, badInput: 64, noSuchUser: 67, exists: 73, cancelled: 130 } as const;

export const USER_HELP = `usage: okno collector user add NAME --role city|office [--office ID] --store postgres://…
       okno collector user remove NAME --store postgres://…
       okno collector user list --store postgres://…

The people who may log in to the dashboard at /dashboard (docs/central.md), kept in the
collector's PostgreSQL database, so every collector instance knows them.

  add NAME       a new account; NAME: 2 to 64 of a-z 0-9 . _ @ - (e.g. i.petrova)
                 The password (${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters) is asked twice without echo, or read
                 from the first line of standard input when it is not a terminal:
                     printf '%s\\n' "$PASSWORD" | okno collector user add …
                 It is never an option: a command line is seen by every user of the machine.
  --role city    sees every office
  --role office  sees only the office given with --office ID (the office of the devices file)
  remove NAME    deletes the account and ends its sessions at once
  list           the accounts: role, office, open sessions, locked until
  --store URL    the collector's database; the password may come from $PGPASSWORD

exit codes:
  0    done
  1    the database cannot be reached or is from a newer okno
  2    usage error
  64   a bad name, office or password; nothing was changed
  67   remove: there is no such user
  73   add: the name is taken; nothing was changed
  130  cancelled (Ctrl-C)`;

/** Any byte up to the longest password's UTF-8 length; nothing shown, not even the length. */
const askSecret = (prompt: string): Promise<string | null> =>
  askRawLine(prompt, { accepts: (_byte, taken) => taken < 4 * PASSWORD_MAX_LENGTH, shownPerKey: '', refusedSignal: '' });

/** The first line of a pipe (without its line ending), or null when nothing came. */
async function readFirstLine(): Promise<string | null> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    const newline = text.indexOf('\n');
    if (newline >= 0) return text.slice(0, newline).replace(/\r$/, '');
    if (text.length > 4 * PASSWORD_MAX_LENGTH) break;
  }
  return text.length > 0 ? text.replace(/\r$/, '') : null;
}

type PasswordEntry = { ok: true; password: string } | { ok: false; code: number; message: string };

async function readPassword(): Promise<PasswordEntry> {
  if (!process.stdin.isTTY) {
    const line = await readFirstLine();
    return line === null ? { ok: false, code: USER_EXIT.badInput, message: 'no password on standard input (give it as the first line, or run this in a terminal); nothing was changed' } : { ok: true, password: line };
  }
  process.stdin.setRawMode(true);
  try {
    const first = await askSecret(`Password (${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not shown): `);
    if (first === null) return { ok: false, code: USER_EXIT.cancelled, message: 'cancelled; nothing was changed' };
    const again = await askSecret('The same password again: ');
    if (again === null) return { ok: false, code: USER_EXIT.cancelled, message: 'cancelled; nothing was changed' };
    if (again !== first) return { ok: false, code: USER_EXIT.badInput, message: 'the two passwords differ; nothing was changed' };
    return { ok: true, password: first };
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}

const say = (line: string): void => console.log(`okno collector user: ${line}`);
const complain = (line: string): void => console.error(`okno collector user: ${line}`);

export async function runCollectorUser(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
    console.log(USER_HELP);
    return action === undefined ? USER_EXIT.usage : USER_EXIT.done;
  }
  if (action !== 'add' && action !== 'remove' && action !== 'list') throw new UsageError(`user: unknown action "${action}" (add, remove or list)\n\n${USER_HELP}`);
  const name = action === 'list' ? undefined : rest[0];
  if (action !== 'list' && (name === undefined || name.startsWith('-'))) throw new UsageError(`user ${action}: give the user's NAME first (okno collector user ${action} NAME …)`);
  const flags = parseCommandArgs(action === 'list' ? rest : rest.slice(1), {
    role: { type: 'string' },
    office: { type: 'string' },
    store: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(USER_HELP);
    return USER_EXIT.done;
  }
  if (flags.store === undefined) throw new UsageError(`user ${action}: --store postgres://… is required (the collector's database)`);
  const url = postgresUrlSchema.safeParse(flags.store);
  if (!url.success) throw new UsageError(`--store: ${url.error.issues[0]?.message ?? 'invalid'} (e.g. postgres://okno@db.example:5432/okno)`);
  let role: Role | undefined;
  if (action === 'add') {
    const parsed = roleSchema.safeParse(flags.role);
    if (!parsed.success) throw new UsageError('user add: --role city (every office) or --role office --office ID is required');
    role = parsed.data;
  } else if (flags.role !== undefined || flags.office !== undefined) {
    throw new UsageError(`user ${action}: --role and --office are for "user add"`);
  }

  // The password is read before the database is opened: a prompt never waits on a connection.
  let password = '';
  if (action === 'add') {
    const entry = await readPassword();
    if (!entry.ok) {
      complain(entry.message);
      return entry.code;
    }
    password = entry.password;
  }

  const pool = new pg.Pool({ connectionString: url.data, max: 1, connectionTimeoutMillis: 10_000, application_name: 'okno collector user' });
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
    const accounts = dashboardAccounts(pool);
    if (action === 'add' && name !== undefined && role !== undefined) {
      const office = flags.office ?? null;
      const outcome = await accounts.addUser({ username: name, role, office, password });
      if (outcome === 'exists') {
        complain(`there is already a user "${name}"; nothing was changed (remove it first to start again)`);
        return USER_EXIT.exists;
      }
      say(`added ${name} (${role === 'city' ? 'city: every office' : `office: ${office ?? ''}`})`);
      return USER_EXIT.done;
    }
    if (action === 'remove' && name !== undefined) {
      const removed = await accounts.removeUser(name);
      if (removed === null) {
        complain(`there is no user "${name}"`);
        return USER_EXIT.noSuchUser;
      }
      say(`removed ${name}; ${removed.sessionsEnded} open session(s) ended`);
      return USER_EXIT.done;
    }
    const users = await accounts.listUsers();
    if (users.length === 0) say('no users yet (add one: okno collector user add NAME --role city --store …)');
    for (const user of users) {
      const lock = user.lockedUntil === null ? '' : `  locked until ${user.lockedUntil}`;
      console.log(`${user.username}\t${user.role}\t${user.office ?? '-'}\t${user.sessions} session(s)\tsince ${user.createdAt}${lock}`);
    }
    return USER_EXIT.done;
  } catch (error) {
    if (error instanceof AccountInputError) {
      complain(`${error.message}; nothing was changed`);
      return USER_EXIT.badInput;
    }
    if (error instanceof CollectorStoreError || error instanceof StorageUnavailableError) {
      complain(error.message);
      return USER_EXIT.database;
    }
    if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError)) {
      // pg's connection errors (refused, authentication, unknown database) are plain Errors.
      complain(`cannot use the database: ${error.message}`);
      return USER_EXIT.database;
    }
    throw error;
  } finally {
    await pool.end().catch(() => undefined);
  }
}
