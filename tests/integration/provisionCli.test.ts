import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPin } from '../../electron/core/technician/pinHash.ts';
import { ROOT, runOkno } from '../helpers/okno.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();
const posix = process.platform !== 'win32';
const TOKEN = 'device-own-token-0123456789';
const FLEET_TOKEN = 'fleet-wide-token-9876543210';

/** `okno ARGS…` with `input` on its standard input (a pipe). */
function runWithInput(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  runOkno(['--help']); // fails clearly when okno is not built
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'okno.js'), ...args], { encoding: 'utf8', timeout: 30_000, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fleetConfig = (extra: Record<string, unknown> = {}) => ({
  device: { id: 'mfc-tverskoy-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating', timezone: 'Europe/Moscow' },
  ui: { locale: 'ru', locales: ['ru', 'en'] },
  rating: { scale: 5, cooldownSeconds: 10, thanksSeconds: 4 },
  sync: { endpoint: 'https://collector.example/', intervalSeconds: 30 },
  ...extra,
});

function writeJson(dir: string, name: string, json: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json, null, 2));
  return path;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;

/** A device with a config holding its own token and PIN, installed by provision and set-pin. */
function provisionedDevice(pin = '4821'): { dir: string; target: string } {
  const dir = tempDir();
  const target = join(dir, 'etc', 'okno', 'config.json');
  // The token first: the fleet file's sync, in another key order, is the same section.
  const first = writeJson(dir, 'first.json', fleetConfig({ sync: { token: TOKEN, endpoint: 'https://collector.example/', intervalSeconds: 30 } }));
  expect(runOkno(['provision', '--config', first, '--target', target]).status).toBe(0);
  expect(runWithInput(['set-pin', '--config', target], `${pin}\n`).status).toBe(0);
  return { dir, target };
}

describe('okno provision', () => {
  it.each(['provision', 'set-pin'])('okno %s --help explains its options and exit codes', (command) => {
    const result = runOkno([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: okno ${command}`));
    expect(result.stdout).toMatch(/exit codes:[\s\S]*78/);
    if (command === 'provision') expect(result.stdout).toMatch(/sync\.token[\s\S]*kept/);
  });

  it('installs a valid config where there was none: directory made, file as given, mode 0600, no backup', () => {
    const dir = tempDir();
    const target = join(dir, 'etc', 'okno', 'config.json');
    const file = writeJson(dir, 'fleet.json', fleetConfig({ sync: { endpoint: 'https://collector.example/', token: TOKEN } }));
    const result = runOkno(['provision', '--config', file, '--target', target]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`installed ${file} at ${target}`);
    expect(result.stdout).toMatch(/device: +mfc-tverskoy-w05 \(rating\)/);
    expect(result.stdout).toContain('no technician PIN is set');
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(readJson(target)).toEqual(readJson(file));
    if (posix) expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(existsSync(`${target}.bak`)).toBe(false);
  });

  it('installs at $OKNO_CONFIG when no --target is given, and says where', () => {
    const dir = tempDir();
    const target = join(dir, 'okno-config.json');
    const file = writeJson(dir, 'fleet.json', fleetConfig({ sync: undefined }));
    const result = runOkno(['provision', '--config', file], { OKNO_CONFIG: target });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(` at ${target}`);
    expect(readJson(target).device?.id).toBe('mfc-tverskoy-w05');
  });

  it('refuses an invalid file with every bad field listed (exit 78) and changes nothing', () => {
    const { dir, target } = provisionedDevice();
    const before = readFileSync(target, 'utf8');
    const backupBefore = readFileSync(`${target}.bak`, 'utf8');
    const listing = readdirSync(join(dir, 'etc', 'okno')).sort();
    const bad = writeJson(dir, 'bad.json', {
      device: { id: 'Window 5', office: '', window: '5', mode: 'kiosk' },
      rating: { scale: 9, thanksSeconds: 'four' },
      ui: { locale: 'de' },
      sync: { endpoint: 'http://collector.example/' },
      colour: 'blue',
    });
    const result = runOkno(['provision', '--config', bad, '--target', target]);
    expect(result.status).toBe(78);
    for (const field of ['device.id', 'device.office', 'device.mode', 'rating.scale', 'rating.thanksSeconds', 'ui.locale', 'sync.endpoint', '(top level)']) {
      expect(result.stderr, field).toContain(`- ${field}:`);
    }
    expect(result.stderr).toContain('nothing was changed');
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(backupBefore);
    expect(readdirSync(join(dir, 'etc', 'okno')).sort()).toEqual(listing);
  });

  it('a file that is not JSON is refused with 78, a file that cannot be read with 66, no --config with 2', () => {
    const dir = tempDir();
    const target = join(dir, 'config.json');
    writeFileSync(join(dir, 'broken.json'), '{ "device": ');
    expect(runOkno(['provision', '--config', join(dir, 'broken.json'), '--target', target])).toMatchObject({ status: 78, stderr: expect.stringContaining('not valid JSON') });
    expect(runOkno(['provision', '--config', join(dir, 'missing.json'), '--target', target])).toMatchObject({ status: 66, stderr: expect.stringContaining('ENOENT') });
    expect(runOkno(['provision', '--target', target])).toMatchObject({ status: 2, stderr: expect.stringContaining('--config FILE is required') });
    expect(existsSync(target)).toBe(false);
  });

  it('keeps the device’s own token and PIN when the fleet file has none, says so, and keeps the old file as .bak', async () => {
    const { dir, target } = provisionedDevice('4821');
    const before = readFileSync(target, 'utf8');
    const pinHash = readJson(target).technician?.pinHash as string;
    const fleet = writeJson(dir, 'fleet.json', fleetConfig({ rating: { scale: 3 } }));
    const result = runOkno(['provision', '--config', fleet, '--target', target]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("kept this device's sync.token");
    expect(result.stdout).toContain("kept this device's technician PIN");
    expect(result.stdout).toMatch(/changed: +rating\n/);
    expect(result.stdout).toContain(`backup:   ${target}.bak`);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(result.stdout + result.stderr).not.toContain(pinHash);
    const installed = readJson(target);
    expect(installed.sync).toEqual({ endpoint: 'https://collector.example/', intervalSeconds: 30, token: TOKEN });
    expect(installed.rating?.scale).toBe(3);
    expect(await verifyPin('4821', installed.technician?.pinHash as string)).toBe(true);
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(before);
  });

  it('a token in the fleet file replaces the device’s; a file without sync drops it', () => {
    const { dir, target } = provisionedDevice();
    const withToken = writeJson(dir, 'with-token.json', fleetConfig({ sync: { endpoint: 'https://collector.example/', token: FLEET_TOKEN } }));
    const replaced = runOkno(['provision', '--config', withToken, '--target', target]);
    expect(replaced.stdout).toContain(`sync.token from ${withToken}`);
    expect(readJson(target).sync?.token).toBe(FLEET_TOKEN);
    const moved = writeJson(dir, 'moved.json', fleetConfig({ sync: { endpoint: 'https://collector2.example/okno/' } }));
    const kept = runOkno(['provision', '--config', moved, '--target', target]);
    expect(kept.stdout).toContain('the sync endpoint changed');
    expect(readJson(target).sync).toEqual({ endpoint: 'https://collector2.example/okno/', token: FLEET_TOKEN });
    const noSync = writeJson(dir, 'no-sync.json', fleetConfig({ sync: undefined }));
    const dropped = runOkno(['provision', '--config', noSync, '--target', target]);
    expect(dropped.status).toBe(0);
    expect(dropped.stdout).toContain("dropped this device's sync.token");
    expect(readJson(target).sync).toBeUndefined();
  });

  it('--replace-secrets installs the file as it is: without a token of its own it is refused', () => {
    const { dir, target } = provisionedDevice();
    const before = readFileSync(target, 'utf8');
    const fleet = writeJson(dir, 'fleet.json', fleetConfig());
    const refused = runOkno(['provision', '--config', fleet, '--target', target, '--replace-secrets']);
    expect(refused.status).toBe(78);
    expect(refused.stderr).toContain('- sync.token:');
    expect(refused.stderr).toContain('--replace-secrets');
    expect(readFileSync(target, 'utf8')).toBe(before);

    const withToken = writeJson(dir, 'with-token.json', fleetConfig({ sync: { endpoint: 'https://collector.example/', token: FLEET_TOKEN } }));
    const result = runOkno(['provision', '--config', withToken, '--target', target, '--replace-secrets']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("dropped this device's technician PIN");
    expect(readJson(target).technician).toBeUndefined();
    expect(readJson(target).sync?.token).toBe(FLEET_TOKEN);
  });

  it('--dry-run validates and writes nothing', () => {
    const { dir, target } = provisionedDevice();
    const before = readFileSync(target, 'utf8');
    const backup = readFileSync(`${target}.bak`, 'utf8');
    const fleet = writeJson(dir, 'fleet.json', fleetConfig({ rating: { scale: 4 } }));
    const result = runOkno(['provision', '--config', fleet, '--target', target, '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('dry run: nothing written');
    expect(result.stdout).toMatch(/changed: +rating/);
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(backup);
    const bad = writeJson(dir, 'bad.json', fleetConfig({ rating: { scale: 7 } }));
    expect(runOkno(['provision', '--config', bad, '--target', target, '--dry-run']).status).toBe(78);
    const fresh = join(dir, 'fresh', 'config.json');
    expect(runOkno(['provision', '--config', fleet, '--target', fresh, '--dry-run', '--replace-secrets']).status).toBe(78); // no token anywhere
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
  });

  it('the same file pushed again writes nothing, so the backup stays the real previous version', () => {
    const { dir, target } = provisionedDevice();
    const fleet = writeJson(dir, 'fleet.json', fleetConfig({ rating: { scale: 4 } }));
    expect(runOkno(['provision', '--config', fleet, '--target', target]).status).toBe(0);
    const installed = readFileSync(target, 'utf8');
    const backup = readFileSync(`${target}.bak`, 'utf8');
    expect(backup).not.toBe(installed);
    const again = runOkno(['provision', '--config', fleet, '--target', target]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already installed');
    expect(readFileSync(target, 'utf8')).toBe(installed);
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(backup);
  });

  it('a target that cannot be written: exit 73, and the reason', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'etc'), 'a file where the directory should be');
    const fleet = writeJson(dir, 'fleet.json', fleetConfig({ sync: undefined }));
    const result = runOkno(['provision', '--config', fleet, '--target', join(dir, 'etc', 'okno', 'config.json')]);
    expect(result.status).toBe(73);
    expect(result.stderr).toMatch(/cannot write .*: (ENOTDIR|EEXIST)/);
    expect(readFileSync(join(dir, 'etc'), 'utf8')).toBe('a file where the directory should be');
  });
});

describe('a sync.endpoint that is not a URL (issue #11, 8)', () => {
  // Once a TypeError out of the schema: provision said 73 "cannot write", serve exited 1 "Invalid URL".
  const HINT = 'not a URL: write it whole, e.g. "https://collector.example.org/"';
  const withEndpoint = (endpoint: string) => fleetConfig({ sync: { endpoint, token: TOKEN } });

  it.each(['collector.example.org', 'https://', '//collector.example.org/', 'http://[', ''])('%j is an ordinary invalid field: provision, serve, set-pin and doctor exit 78 naming sync.endpoint', (endpoint) => {
    const dir = tempDir();
    const file = writeJson(dir, 'fleet.json', withEndpoint(endpoint));
    const target = join(dir, 'etc', 'config.json');

    const provision = runOkno(['provision', '--config', file, '--target', target]);
    expect(provision.status).toBe(78);
    expect(provision.stderr).toContain(`- sync.endpoint: ${HINT}`);
    expect(provision.stderr).not.toMatch(/cannot write|TypeError|Invalid URL/);
    expect(existsSync(target)).toBe(false);

    const serve = runOkno(['serve', '--config', file, '--data-dir', join(dir, 'data'), '--port', '0']);
    expect(serve.status).toBe(78);
    expect(serve.stderr).toContain(`sync.endpoint: ${HINT}`);
    expect(serve.stderr).not.toMatch(/TypeError|Invalid URL/);

    const setPin = runWithInput(['set-pin', '--config', file], '1234\n');
    expect(setPin.status).toBe(78);
    expect(setPin.stderr).toContain('- sync.endpoint:');

    const doctor = runOkno(['doctor', '--json', '--config', file, '--data-dir', join(dir, 'data')]);
    expect(doctor.status).toBe(1);
    expect((JSON.parse(doctor.stdout) as { config: unknown }).config).toEqual({ ok: false, problems: [`sync.endpoint: ${HINT}`] });
    expect(runOkno(['doctor', '--config', file, '--data-dir', join(dir, 'data')]).stdout).toContain(`sync.endpoint: ${HINT}`);
    expect(provision.stdout + provision.stderr + serve.stderr + doctor.stdout).not.toContain(TOKEN);
  });

  it('plain http to another machine is named too, with its own hint', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'fleet.json', withEndpoint('http://collector.example.org/'));
    const result = runOkno(['provision', '--config', file, '--target', join(dir, 'config.json')]);
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('- sync.endpoint: must be https:// (plain http:// only to 127.0.0.1 or localhost)');
    expect(result.stderr).not.toContain(HINT);
  });
});

describe('okno set-pin', () => {
  it('reads the PIN from a pipe and writes only its hash, atomically, keeping the rest and a .bak', async () => {
    const { target } = provisionedDevice('4821');
    const before = readFileSync(target, 'utf8');
    const result = runWithInput(['set-pin', '--config', target], '24681357\r\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`the technician PIN of mfc-tverskoy-w05 is set in ${target}`);
    const after = readJson(target);
    const hash = after.technician?.pinHash as string;
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPin('24681357', hash)).toBe(true);
    expect(await verifyPin('4821', hash)).toBe(false);
    expect(after.sync?.token).toBe(TOKEN);
    expect(result.stdout + result.stderr).not.toContain('24681357');
    expect(result.stdout + result.stderr).not.toContain(hash);
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(before);
  });

  it.each([
    ['letters', '12a4\n'],
    ['too short', '123\n'],
    ['too long', '123456789\n'],
    ['nothing', ''],
    ['an empty line', '\n'],
  ])('refuses a PIN that is %s (exit 64) and changes nothing', (_what, input) => {
    const { target } = provisionedDevice();
    const before = readFileSync(target, 'utf8');
    const result = runWithInput(['set-pin', '--config', target], input);
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/4 to 8 digits|no PIN/);
    expect(readFileSync(target, 'utf8')).toBe(before);
  });

  it('a missing config is a clear error (66); an invalid one lists its fields (78)', () => {
    const dir = tempDir();
    const missing = runWithInput(['set-pin', '--config', join(dir, 'none.json')], '1234\n');
    expect(missing.status).toBe(66);
    expect(missing.stderr).toContain(`there is no config at ${join(dir, 'none.json')}`);
    expect(missing.stderr).toContain('okno provision');
    const invalid = writeJson(dir, 'invalid.json', { device: { id: 'w', office: 'O', window: '1' }, rating: { scale: 9 } });
    const before = readFileSync(invalid, 'utf8');
    const result = runWithInput(['set-pin', '--config', invalid], '1234\n');
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('- rating.scale:');
    expect(readFileSync(invalid, 'utf8')).toBe(before);
  });

  /** okno set-pin on a pseudo-terminal (`script`), typing `keys[n]` once the output contains `after[n]`. */
  async function onTerminal(target: string, steps: { after: string; keys: string }[]): Promise<{ code: number | null; output: string }> {
    const child = spawn('script', ['-qec', `'${process.execPath}' '${join(ROOT, 'bin', 'okno.js')}' set-pin --config '${target}'`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let step = 0;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const next = steps[step];
      if (next && output.includes(next.after)) {
        step += 1;
        child.stdin.write(next.keys);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(guard);
    return { code, output };
  }
  /** The terminal tests need `script` (util-linux; Debian's bsdutils, always installed): fail, never skip, without it. */
  const requireScript = (): void => {
    if (spawnSync('script', ['--version']).status !== 0) throw new Error('these tests need the "script" command: apt-get install -y bsdutils (util-linux)');
  };

  it('on a terminal it asks twice, shows * for each digit and never the PIN', async () => {
    requireScript();
    const { target } = provisionedDevice();
    // A letter (refused with a beep) and a backspace among the keys; the second PIN typed as soon as it is asked.
    const { code, output } = await onTerminal(target, [
      { after: 'digits): ', keys: '97a5\x7f31\r' },
      { after: 'again: ', keys: '9731\r' },
    ]);
    expect(code, output).toBe(0);
    expect(output).toContain('The same PIN again: ****');
    expect(output).not.toMatch(/9731|973|97a/);
    expect(await verifyPin('9731', readJson(target).technician?.pinHash as string)).toBe(true);
  });

  it('on a terminal, both PINs typed ahead at once are read and never echoed', async () => {
    requireScript();
    const { target } = provisionedDevice();
    const { code, output } = await onTerminal(target, [{ after: 'digits): ', keys: '5502\r5502\r' }]);
    expect(code, output).toBe(0);
    expect(output).not.toContain('5502');
    expect(await verifyPin('5502', readJson(target).technician?.pinHash as string)).toBe(true);
  });

  it('on a terminal, two different PINs are refused (64) and Ctrl-C cancels (130), changing nothing', async () => {
    requireScript();
    const { target } = provisionedDevice();
    const before = readFileSync(target, 'utf8');
    const differ = await onTerminal(target, [{ after: 'digits): ', keys: '1111\r2222\r' }]);
    expect(differ.code, differ.output).toBe(64);
    expect(differ.output).toContain('the two PINs differ');
    const cancelled = await onTerminal(target, [{ after: 'digits): ', keys: '12\x03' }]);
    expect(cancelled.code, cancelled.output).toBe(130);
    expect(readFileSync(target, 'utf8')).toBe(before);
  });
});
