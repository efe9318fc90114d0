import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPin } from '../../../electron/core/technician/pinHash.ts';
import { hubDevices } from '../../../electron/hub/hubDevices.ts';
import { callHub } from '../../helpers/officeContract.ts';
import { ROOT } from '../../helpers/okno.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { officeConfig, spawnHub, startHubProcess, tokenOf, writeConfig, type HubProcess } from './hubFixtures.ts';

/** `okno hub` as a technician runs it: the ready line, the certificate kept across restarts, the helpers, and the exit codes. */
const tempDir = useTempDirs();
const running: HubProcess[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.kill();
});

const okno = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(ROOT, 'electron', 'cli', 'main.ts'), ...args], { encoding: 'utf8', timeout: 60_000, ...(input === undefined ? {} : { input }) });

describe('okno hub', () => {
  it('prints its fingerprint, keeps it across restarts, and "okno hub fingerprint" says the same', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, await officeConfig(2));
    const dataDir = join(dir, 'data');
    expect(okno(['hub', 'fingerprint', '--data-dir', dataDir]).status).toBe(66);
    const first = await startHubProcess(['--config', config, '--data-dir', dataDir]);
    running.push(first);
    expect(first.output()).toMatch(/made a new certificate/);
    const health = await callHub(first.url, first.fingerprint, '/office/v1/health', { token: tokenOf('hall-board') });
    expect(health.status).toBe(200);
    // A second hub on the same directory: 75, the first keeps serving.
    const second = spawnHub(['--config', config, '--data-dir', dataDir]);
    expect(await second.exited).toBe(75);
    expect(second.output()).toMatch(/in use by another okno/);
    expect(await first.stop()).toBe(0);

    const again = await startHubProcess(['--config', config, '--data-dir', dataDir]);
    running.push(again);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.output()).not.toMatch(/made a new certificate/);
    const printed = okno(['hub', 'fingerprint', '--data-dir', dataDir]);
    expect(printed.status).toBe(0);
    expect(printed.stdout.trim()).toBe(first.fingerprint);
    // A client that pins another fingerprint is refused before a byte of the request is sent.
    // Another first byte, whatever this run's certificate begins with (a fixed "00" matched 1 run in 256).
    const another = `${first.fingerprint.startsWith('00') ? '11' : '00'}${first.fingerprint.slice(2)}`;
    await expect(callHub(again.url, another, '/office/v1/health', { token: tokenOf('hall-board') })).rejects.toThrow(/not the pinned/);
  });

  it('exits 78 on an invalid config, listing every bad field', async () => {
    const dir = tempDir();
    const good = await officeConfig(2);
    const config = writeConfig(dir, {
      ...good,
      office: { id: 'Not An Id', name: '', timezone: 'Mars/Olympus' },
      windows: [{ id: '1', label: 'окно 1', services: ['nothing'] }],
      extra: true,
    });
    const run = spawnHub(['--config', config, '--data-dir', join(dir, 'data')]);
    expect(await run.exited).toBe(78);
    const output = run.output();
    for (const field of ['office.id', 'office.name', 'office.timezone', '(top level)']) expect(output).toContain(`  - ${field}: `);
    expect(okno(['hub', '--data-dir', dir]).status).toBe(2);
  });

  it('makes device tokens and operators’ PIN hashes for the config', async () => {
    const made = okno(['hub', 'token']);
    expect(made.status).toBe(0);
    const token = /^token (\S+)$/m.exec(made.stdout)?.[1] ?? '';
    const tokenSha256 = /^tokenSha256 ([0-9a-f]{64})$/m.exec(made.stdout)?.[1] ?? '';
    expect(hubDevices([{ id: 'd', role: 'hall', tokenSha256 }]).deviceFor(token)?.id).toBe('d');

    const hashed = okno(['hub', 'pin-hash'], '4321\n');
    expect(hashed.status).toBe(0);
    expect(await verifyPin('4321', hashed.stdout.trim())).toBe(true);
    expect(hashed.stdout).not.toContain('4321');
    expect(okno(['hub', 'pin-hash'], '12\n').status).toBe(64);
  });
});
