import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardAccounts } from '../../electron/collector/dashboard/accounts.ts';
import { ROOT, runOkno } from '../helpers/okno.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

/** `okno collector user add|remove|list` through the built CLI against a real PostgreSQL. */
let server: TestPostgres;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  runOkno(['--help']); // fails clearly when okno is not built
  server = await startPostgres();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server.stop();
});

const PASSWORD = 'a long enough passphrase';

/** `okno ARGS…` with `input` piped to its standard input. */
function okno(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'okno.js'), ...args], { encoding: 'utf8', timeout: 60_000, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('okno collector user', () => {
  it('adds accounts with the password from a pipe, lists them, and removes one with its sessions', async () => {
    const store = await server.createDatabase();
    const added = okno(['collector', 'user', 'add', 'i.petrova', '--role', 'office', '--office', 'tverskoy', '--store', store], `${PASSWORD}\n`);
    expect(added, added.stderr).toMatchObject({ status: 0 });
    expect(added.stdout).toContain('added i.petrova (office: tverskoy)');
    expect(okno(['collector', 'user', 'add', 'city.head', '--role', 'city', '--store', store], `${PASSWORD}\r\n`).status).toBe(0);

    // The password works at login (same scrypt check as the dashboard's).
    const pool = new pg.Pool({ connectionString: store, max: 2 });
    pool.on('error', () => undefined); // idle connections ended by the test server's stop (57P01)
    pools.push(pool);
    const accounts = dashboardAccounts(pool);
    const session = await accounts.login('i.petrova', PASSWORD);
    expect(session).toMatchObject({ outcome: 'ok', session: { role: 'office', office: 'tverskoy' } });
    expect(await accounts.login('city.head', PASSWORD)).toMatchObject({ outcome: 'ok' });

    const list = okno(['collector', 'user', 'list', '--store', store]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^city\.head\tcity\t-\t1 session\(s\)\tsince \S+\ni\.petrova\toffice\ttverskoy\t1 session\(s\)/);
    expect(list.stdout + list.stderr).not.toContain(PASSWORD);

    const removed = okno(['collector', 'user', 'remove', 'i.petrova', '--store', store]);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('removed i.petrova; 1 open session(s) ended');
    if (session.outcome !== 'ok') throw new Error('no session');
    expect(await accounts.session(session.sessionId, true)).toBeNull();
    expect(okno(['collector', 'user', 'remove', 'i.petrova', '--store', store])).toMatchObject({ status: 67, stderr: expect.stringContaining('there is no user "i.petrova"') as unknown });
  });

  it('refuses a taken name (73), a bad name or short password (64), a missing password, and a password as an option (2)', async () => {
    const store = await server.createDatabase();
    expect(okno(['collector', 'user', 'add', 'anna', '--role', 'city', '--store', store], `${PASSWORD}\n`).status).toBe(0);
    const taken = okno(['collector', 'user', 'add', 'anna', '--role', 'city', '--store', store], `${PASSWORD}\n`);
    expect(taken.status).toBe(73);
    expect(taken.stderr).toContain('there is already a user "anna"');
    const badName = okno(['collector', 'user', 'add', 'Anna Smith', '--role', 'city', '--store', store], `${PASSWORD}\n`);
    expect(badName.status).toBe(64);
    expect(badName.stderr).toContain('the user name must be');
    expect(okno(['collector', 'user', 'add', 'boris', '--role', 'city', '--store', store], 'short\n')).toMatchObject({ status: 64, stderr: expect.stringContaining('at least 12') as unknown });
    expect(okno(['collector', 'user', 'add', 'boris', '--role', 'office', '--store', store], `${PASSWORD}\n`)).toMatchObject({ status: 64, stderr: expect.stringContaining('--office ID') as unknown });
    expect(okno(['collector', 'user', 'add', 'boris', '--role', 'city', '--store', store], '')).toMatchObject({ status: 64, stderr: expect.stringContaining('no password on standard input') as unknown });
    const onCommandLine = okno(['collector', 'user', 'add', 'boris', '--role', 'city', '--password', PASSWORD, '--store', store]);
    expect(onCommandLine.status).toBe(2);
    expect(okno(['collector', 'user', 'add', 'boris', '--store', store], `${PASSWORD}\n`)).toMatchObject({ status: 2, stderr: expect.stringContaining('--role city') as unknown });
    expect(okno(['collector', 'user', 'rename', 'anna', '--store', store]).status).toBe(2);
    expect(okno(['collector', 'user', 'list', '--store', 'mysql://x@127.0.0.1/db']).status).toBe(2);
    expect(okno(['collector', 'user', 'list', '--store', store]).stdout).toMatch(/^anna\tcity/);
    const help = okno(['collector', 'user', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('exit codes:');
  });

  it('exits 1 with a clear message when the database cannot be reached', () => {
    const down = okno(['collector', 'user', 'list', '--store', 'postgres://okno@127.0.0.1:1/none']);
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^okno collector user: .*(ECONNREFUSED|connect)/m);
  });
});
