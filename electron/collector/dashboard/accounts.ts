import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { roleSchema, usernameSchema, type Role } from '../../../shared/central/dashboardApi.ts';
import { StorageUnavailableError } from '../collectorStorage.ts';
import { hashPassword, PASSWORD_COST, verifyPassword, type ScryptCost } from './passwordHash.ts';

/**
 * The dashboard's accounts, sessions and login lockout, all in PostgreSQL (migration "dashboard
 * accounts"): nothing is kept in a collector instance, so a session opened through one instance
 * works through every other, and a lockout counted on one holds on all.
 */

export interface AccountPolicy {
  /** Wrong passwords in a row (within lockSeconds of each other) that lock a name. */
  readonly maxFailures: number;
  /** How long a locked name stays locked. */
  readonly lockSeconds: number;
  /** A session ends this long after login, whatever happens. */
  readonly sessionSeconds: number;
  /** A session unused this long ends. */
  readonly idleSeconds: number;
  /** The scrypt cost of new passwords (existing ones keep theirs). */
  readonly cost: ScryptCost;
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = { maxFailures: 5, lockSeconds: 15 * 60, sessionSeconds: 12 * 3600, idleSeconds: 30 * 60, cost: PASSWORD_COST };

/** Passwords are chosen by people: long enough to resist guessing once the lockout is passed. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export interface DashboardAccount {
  readonly username: string;
  readonly role: Role;
  readonly office: string | null;
}

export interface DashboardSession extends DashboardAccount {
  readonly csrfToken: string;
}

export type LoginResult =
  | { readonly outcome: 'ok'; readonly sessionId: string; readonly session: DashboardSession }
  | { readonly outcome: 'wrong' }
  /** `lockedNow`: this attempt was the one that locked the name. */
  | { readonly outcome: 'locked'; readonly retryAfterSeconds: number; readonly lockedNow: boolean };

export interface UserListing extends DashboardAccount {
  readonly createdAt: string;
  readonly sessions: number;
  /** ISO time while the name is locked, else null. */
  readonly lockedUntil: string | null;
}

export interface NewUser {
  readonly username: string;
  readonly role: Role;
  readonly office: string | null;
  readonly password: string;
}

export interface DashboardAccounts {
  /** `exists` when the name is taken (nothing changed). Throws AccountInputError for a bad name, role, office or password. */
  addUser(user: NewUser): Promise<'added' | 'exists'>;
  /** Ends the user's sessions with the account; null when there was no such user. */
  removeUser(username: string): Promise<{ readonly sessionsEnded: number } | null>;
  listUsers(): Promise<UserListing[]>;
  login(username: string, password: string): Promise<LoginResult>;
  /** The live session of this id, or null (unknown, expired, idle too long, user removed). `touch` counts it as use. */
  session(sessionId: string, touch: boolean): Promise<DashboardSession | null>;
  logout(sessionId: string): Promise<void>;
}

export class AccountInputError extends Error {}

/** A session id as the cookie carries it: 32 random bytes, base64url. Anything else is not looked up. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const sessionHash = (sessionId: string): Buffer => createHash('sha256').update(sessionId).digest();

const accountRow = z.object({ username: z.string(), role: roleSchema, office: z.string().nullable() });
const sessionRow = accountRow.extend({ csrf_token: z.string(), stale: z.boolean() });
const userRow = accountRow.extend({ password_hash: z.string() });
const lockRow = z.object({ locked: z.boolean(), retry: z.number().int() });
const failureRow = z.object({ failures: z.number().int(), retry: z.number().int() });
const listRow = accountRow.extend({ created_at: z.date(), sessions: z.number().int(), locked_until: z.date().nullable() });
const removedRow = z.object({ users: z.number().int(), sessions: z.number().int() });

/** The same sentence whatever is wrong with the name: validated as the CLI and the plugin see it. */
export function checkNewUser(user: NewUser): void {
  const name = usernameSchema.safeParse(user.username);
  if (!name.success) throw new AccountInputError(`the user name must be 2 to 64 characters: ${name.error.issues[0]?.message ?? 'invalid'}`);
  if (user.role === 'office' && (user.office === null || user.office.trim() === '')) throw new AccountInputError('an office account needs --office ID (the office it may see)');
  if (user.role === 'city' && user.office !== null) throw new AccountInputError('a city account sees every office: --office is only for --role office');
  if (user.password.length < PASSWORD_MIN_LENGTH) throw new AccountInputError(`the password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (user.password.length > PASSWORD_MAX_LENGTH) throw new AccountInputError(`the password must be at most ${PASSWORD_MAX_LENGTH} characters`);
}

export function dashboardAccounts(pool: pg.Pool, policy: Partial<AccountPolicy> = {}): DashboardAccounts {
  const rules: AccountPolicy = { ...DEFAULT_ACCOUNT_POLICY, ...policy };

  /** A failure of the database for the routes' 503; our own defects (zod, AccountInputError) pass as they are. */
  const database = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AccountInputError || error instanceof z.ZodError) throw error;
      throw new StorageUnavailableError(`PostgreSQL ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };

  // An unknown name is checked against this hash, so it costs the same time as a known one with a
  // wrong password: the answer's timing does not tell which names exist.
  let decoy: Promise<string> | null = null;
  const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex'), rules.cost));

  async function addUser(user: NewUser): Promise<'added' | 'exists'> {
    checkNewUser(user);
    const hash = await hashPassword(user.password, rules.cost);
    const result = await database('add user', () =>
      pool.query('INSERT INTO dashboard_users (username, role, office, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING username', [
        user.username,
        user.role,
        user.office,
        hash,
      ]),
    );
    return result.rowCount === 1 ? 'added' : 'exists';
  }

  async function removeUser(username: string): Promise<{ sessionsEnded: number } | null> {
    const result = await database('remove user', () =>
      pool.query(
        `WITH ended AS (DELETE FROM dashboard_sessions WHERE username = $1 RETURNING 1),
              gone AS (DELETE FROM dashboard_users WHERE username = $1 RETURNING 1),
              forgotten AS (DELETE FROM dashboard_login_failures WHERE username = $1 RETURNING 1)
         SELECT (SELECT count(*) FROM gone)::int AS users, (SELECT count(*) FROM ended)::int AS sessions`,
        [username],
      ),
    );
    const row = removedRow.parse(result.rows[0]);
    return row.users === 0 ? null : { sessionsEnded: row.sessions };
  }

  async function listUsers(): Promise<UserListing[]> {
    const result = await database('list users', () =>
      pool.query(
        `SELECT u.username, u.role, u.office, u.created_at,
                (SELECT count(*) FROM dashboard_sessions s
                  WHERE s.username = u.username AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $1))::int AS sessions,
                (SELECT f.locked_until FROM dashboard_login_failures f WHERE f.username = u.username AND f.locked_until > now()) AS locked_until
           FROM dashboard_users u ORDER BY u.username`,
        [rules.idleSeconds],
      ),
    );
    return z
      .array(listRow)
      .parse(result.rows)
      .map((row) => ({ username: row.username, role: row.role, office: row.office, createdAt: row.created_at.toISOString(), sessions: row.sessions, lockedUntil: row.locked_until?.toISOString() ?? null }));
  }

  async function openSession(account: DashboardAccount): Promise<LoginResult> {
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await database('login', async () => {
      await pool.query('DELETE FROM dashboard_login_failures WHERE username = $1', [account.username]);
      await pool.query('INSERT INTO dashboard_sessions (id_hash, username, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))', [
        sessionHash(sessionId),
        account.username,
        csrfToken,
        rules.sessionSeconds,
      ]);
      // Housekeeping on a rare path (a login), so the tables stay small without a timer of their own.
      await pool.query('DELETE FROM dashboard_sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)', [rules.idleSeconds]);
      await pool.query('DELETE FROM dashboard_login_failures WHERE last_failure_at < now() - make_interval(secs => $1) AND (locked_until IS NULL OR locked_until < now())', [rules.lockSeconds]);
    });
    return { outcome: 'ok', sessionId, session: { ...account, csrfToken } };
  }

  async function login(username: string, password: string): Promise<LoginResult> {
    const lock = await database('login', () =>
      pool.query('SELECT locked_until > now() AS locked, ceil(extract(epoch FROM locked_until - now()))::int AS retry FROM dashboard_login_failures WHERE username = $1 AND locked_until IS NOT NULL', [username]),
    );
    const locked = lock.rows[0] === undefined ? null : lockRow.parse(lock.rows[0]);
    // Locked: the password is not even checked, so guessing on goes nowhere until the lock ends.
    if (locked?.locked) return { outcome: 'locked', retryAfterSeconds: Math.max(1, locked.retry), lockedNow: false };

    const found = await database('login', () => pool.query('SELECT username, role, office, password_hash FROM dashboard_users WHERE username = $1', [username]));
    const user = found.rows[0] === undefined ? null : userRow.parse(found.rows[0]);
    const right = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
    if (user !== null && right) return openSession({ username: user.username, role: user.role, office: user.office });

    // One statement, so two instances counting wrong passwords for the same name at once both count.
    // A run of failures starts again after an expired lock or a quiet lock period.
    const failed = await database('login', () =>
      pool.query(
        `INSERT INTO dashboard_login_failures AS f (username, failures, locked_until, last_failure_at)
         VALUES ($1, 1, CASE WHEN $2::int <= 1 THEN now() + make_interval(secs => $3) END, now())
         ON CONFLICT (username) DO UPDATE SET
           failures = CASE WHEN f.locked_until <= now() OR f.last_failure_at < now() - make_interval(secs => $3) THEN 1 ELSE f.failures + 1 END,
           locked_until = CASE WHEN (CASE WHEN f.locked_until <= now() OR f.last_failure_at < now() - make_interval(secs => $3) THEN 1 ELSE f.failures + 1 END) >= $2::int
                               THEN now() + make_interval(secs => $3) END,
           last_failure_at = now()
         RETURNING failures, coalesce(ceil(extract(epoch FROM locked_until - now())), 0)::int AS retry`,
        [username, rules.maxFailures, rules.lockSeconds],
      ),
    );
    const row = failureRow.parse(failed.rows[0]);
    if (row.failures >= rules.maxFailures) return { outcome: 'locked', retryAfterSeconds: Math.max(1, row.retry), lockedNow: row.failures === rules.maxFailures };
    return { outcome: 'wrong' };
  }

  async function session(sessionId: string, touch: boolean): Promise<DashboardSession | null> {
    if (!SESSION_ID_PATTERN.test(sessionId)) return null;
    const id = sessionHash(sessionId);
    const found = await database('session', () =>
      pool.query(
        `SELECT u.username, u.role, u.office, s.csrf_token, s.last_seen_at < now() - interval '60 seconds' AS stale
           FROM dashboard_sessions s JOIN dashboard_users u USING (username)
          WHERE s.id_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)`,
        [id, rules.idleSeconds],
      ),
    );
    if (found.rows[0] === undefined) return null;
    const row = sessionRow.parse(found.rows[0]);
    // Use is written at most once a minute: a page asking every few seconds costs no write each time.
    if (touch && row.stale) await database('session', () => pool.query('UPDATE dashboard_sessions SET last_seen_at = now() WHERE id_hash = $1', [id]));
    return { username: row.username, role: row.role, office: row.office, csrfToken: row.csrf_token };
  }

  async function logout(sessionId: string): Promise<void> {
    if (!SESSION_ID_PATTERN.test(sessionId)) return;
    await database('logout', () => pool.query('DELETE FROM dashboard_sessions WHERE id_hash = $1', [sessionHash(sessionId)]));
  }

  return { addUser, removeUser, listUsers, login, session, logout };
}
