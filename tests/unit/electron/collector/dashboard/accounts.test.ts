import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountInputError, dashboardAccounts, type DashboardAccounts } from '../../../../../electron/collector/dashboard/accounts.ts';
import { migratePostgres } from '../../../../../electron/collector/postgresMigrations.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';

/** The dashboard's accounts on a real PostgreSQL: scrypt, sessions, the lockout every instance shares. */
let server: TestPostgres;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server.stop();
});

const CHEAP = { N: 1024, r: 8, p: 1 };

async function database(): Promise<{ url: string; pool: pg.Pool }> {
  const url = await server.createDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  // The server's stop at the end ends idle connections (57P01): expected then, not a failure.
  pool.on('error', () => undefined);
  pools.push(pool);
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  return { url, pool };
}

const PASSWORD = 'correct horse battery';

describe('dashboard accounts', () => {
  it('keeps only a salted scrypt hash with its cost (the default cost), and verifies it at login', async () => {
    const { pool } = await database();
    const accounts = dashboardAccounts(pool);
    expect(await accounts.addUser({ username: 'anna', role: 'city', office: null, password: PASSWORD })).toBe('added');
    expect(await accounts.addUser({ username: 'boris', role: 'city', office: null, password: PASSWORD })).toBe('added');
    const { rows } = await pool.query<{ username: string; password_hash: string }>('SELECT username, password_hash FROM dashboard_users ORDER BY username');
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$65536\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(row.password_hash).not.toContain(PASSWORD);
    }
    // Same password, own salts: different hashes.
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
    const ok = await accounts.login('anna', PASSWORD);
    expect(ok).toMatchObject({ outcome: 'ok', session: { username: 'anna', role: 'city', office: null } });
    expect(await accounts.login('anna', `${PASSWORD}!`)).toEqual({ outcome: 'wrong' });
    expect(await accounts.login('nobody', PASSWORD)).toEqual({ outcome: 'wrong' });
    expect(await accounts.addUser({ username: 'anna', role: 'city', office: null, password: PASSWORD })).toBe('exists');
  });

  it('stores only a hash of the session id; an unknown, malformed or idle session is no session', async () => {
    const { pool } = await database();
    const accounts = dashboardAccounts(pool, { cost: CHEAP, idleSeconds: 600 });
    await accounts.addUser({ username: 'olga', role: 'office', office: 'tverskoy', password: PASSWORD });
    const login = await accounts.login('olga', PASSWORD);
    if (login.outcome !== 'ok') throw new Error('login failed');
    expect(await accounts.session(login.sessionId, true)).toEqual({ username: 'olga', role: 'office', office: 'tverskoy', csrfToken: login.session.csrfToken });
    const stored = await pool.query<{ id_hash: Buffer }>('SELECT id_hash FROM dashboard_sessions');
    expect(stored.rows[0]?.id_hash.toString('base64url')).not.toBe(login.sessionId);
    // One character changed (to another one, whatever the last was: a fixed 'A' was the id itself 1 time in 64).
    const changed = `${login.sessionId.slice(0, -1)}${login.sessionId.endsWith('A') ? 'B' : 'A'}`;
    expect(await accounts.session(changed, true)).toBeNull();
    expect(await accounts.session('not a session', true)).toBeNull();
    // Unused for longer than the idle limit: over.
    await pool.query("UPDATE dashboard_sessions SET last_seen_at = now() - interval '11 minutes'");
    expect(await accounts.session(login.sessionId, true)).toBeNull();
  });

  it('a removed user\'s sessions die with the account; list shows role, office, sessions and locks', async () => {
    const { pool } = await database();
    const accounts = dashboardAccounts(pool, { cost: CHEAP });
    await accounts.addUser({ username: 'ivan', role: 'office', office: 'arbat', password: PASSWORD });
    await accounts.addUser({ username: 'city.head', role: 'city', office: null, password: PASSWORD });
    const login = await accounts.login('ivan', PASSWORD);
    if (login.outcome !== 'ok') throw new Error('login failed');
    await accounts.login('ivan', PASSWORD);
    expect(await accounts.listUsers()).toMatchObject([
      { username: 'city.head', role: 'city', office: null, sessions: 0, lockedUntil: null },
      { username: 'ivan', role: 'office', office: 'arbat', sessions: 2, lockedUntil: null },
    ]);
    expect(await accounts.removeUser('ivan')).toEqual({ sessionsEnded: 2 });
    expect(await accounts.session(login.sessionId, true)).toBeNull();
    expect(await accounts.removeUser('ivan')).toBeNull();
    expect((await accounts.listUsers()).map((user) => user.username)).toEqual(['city.head']);
  });

  it('locks a name after 5 wrong passwords in a row for 15 minutes, even against the right one, for every instance', async () => {
    const { url, pool } = await database();
    const other = new pg.Pool({ connectionString: url, max: 2 });
    other.on('error', () => undefined);
    pools.push(other);
    const one: DashboardAccounts = dashboardAccounts(pool, { cost: CHEAP });
    const two: DashboardAccounts = dashboardAccounts(other, { cost: CHEAP });
    await one.addUser({ username: 'anna', role: 'city', office: null, password: PASSWORD });
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await (i % 2 === 0 ? one : two).login('anna', 'wrong password'));
    expect(results.slice(0, 4)).toEqual(Array.from({ length: 4 }, () => ({ outcome: 'wrong' })));
    expect(results[4]).toMatchObject({ outcome: 'locked', lockedNow: true });
    const locked = await two.login('anna', PASSWORD);
    expect(locked).toMatchObject({ outcome: 'locked', lockedNow: false });
    if (locked.outcome !== 'locked') throw new Error('not locked');
    expect(locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect((await one.listUsers())[0]?.lockedUntil).not.toBeNull();
    // An unknown name locks the same way: a lock tells nothing about which names exist.
    for (let i = 0; i < 4; i += 1) await one.login('ghost', 'x');
    expect(await one.login('ghost', 'x')).toMatchObject({ outcome: 'locked', lockedNow: true });
    // The lock over: the right password works and clears the run.
    await pool.query("UPDATE dashboard_login_failures SET locked_until = now() - interval '1 second'");
    expect(await one.login('anna', PASSWORD)).toMatchObject({ outcome: 'ok' });
    expect(await one.login('anna', 'wrong password')).toEqual({ outcome: 'wrong' });
  });

  it('refuses a bad name, a role without its office, and a short password, before touching the database', async () => {
    const { pool } = await database();
    const accounts = dashboardAccounts(pool, { cost: CHEAP });
    await expect(accounts.addUser({ username: 'Anna Smith', role: 'city', office: null, password: PASSWORD })).rejects.toThrow(AccountInputError);
    await expect(accounts.addUser({ username: 'olga', role: 'office', office: null, password: PASSWORD })).rejects.toThrow(/needs --office/);
    await expect(accounts.addUser({ username: 'olga', role: 'city', office: 'arbat', password: PASSWORD })).rejects.toThrow(/only for --role office/);
    await expect(accounts.addUser({ username: 'olga', role: 'city', office: null, password: 'short' })).rejects.toThrow(/at least 12/);
    expect(await accounts.listUsers()).toEqual([]);
  });
});
