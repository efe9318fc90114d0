import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPath, defaultConfigPath, installConfig, writeFileAtomically } from '../../../../../electron/core/config/installConfig.ts';
import { ConfigError } from '../../../../../electron/core/config/loadConfig.ts';
import { updateConfigFile } from '../../../../../electron/core/config/saveConfig.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const config = (window: string) => ({ device: { id: 'mfc-w05', office: 'МФЦ', window } });
const posix = process.platform !== 'win32';

describe('defaultConfigPath', () => {
  it('is $OKNO_CONFIG, else the platform’s place', () => {
    expect(defaultConfigPath({ OKNO_CONFIG: '/srv/okno.json' }, 'linux')).toBe('/srv/okno.json');
    expect(defaultConfigPath({ OKNO_CONFIG: '  ' }, 'linux')).toBe('/etc/okno/config.json');
    expect(defaultConfigPath({}, 'linux')).toBe('/etc/okno/config.json');
    expect(defaultConfigPath({}, 'win32')).toBe('C:\\okno\\config.json');
  });
});

describe('installConfig', () => {
  it('creates the directory, writes the config as given with mode 0600, and keeps no backup of nothing', () => {
    const path = join(tempDir(), 'etc', 'okno', 'config.json');
    const installed = installConfig(path, config('5'));
    expect(installed).toMatchObject({ path, backup: null, config: { device: { id: 'mfc-w05', mode: 'rating' } } });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(config('5'));
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(backupPath(path))).toBe(false);
  });

  it('keeps the previous file as .bak, and a replaced file keeps its mode', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    installConfig(path, config('1'));
    if (posix) chmodSync(path, 0o640);
    const second = installConfig(path, config('2'));
    expect(second.backup).toBe(`${path}.bak`);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(config('2'));
    expect(JSON.parse(readFileSync(`${path}.bak`, 'utf8'))).toEqual(config('1'));
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o640);
    installConfig(path, config('3'));
    expect(JSON.parse(readFileSync(`${path}.bak`, 'utf8'))).toEqual(config('2'));
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'config.json.bak']);
  });

  it('refuses an invalid config with every bad field, writing nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    installConfig(path, config('1'));
    const before = readFileSync(path, 'utf8');
    let error: unknown;
    try {
      installConfig(path, { device: { id: 'Bad Id', office: 'O', window: '1' }, rating: { scale: 9 }, ui: { locale: 'de' } }, 'fleet.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join('\n');
    expect(issues).toMatch(/^device\.id:/m);
    expect(issues).toMatch(/^rating\.scale:/m);
    expect(issues).toMatch(/^ui\.locale:/m);
    expect((error as ConfigError).message).toContain('fleet.json');
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('a write that fails leaves the target as it was and no temporary file', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    mkdirSync(path);
    expect(() => writeFileAtomically(path, '{}\n')).toThrow(/not a regular file/);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('removes the temporary files of writers that were killed, and only theirs', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const alive = process.ppid;
    const stale = [`config.json.${gone}.0badc0de.tmp`, `config.json.bak.${gone}.0badc0de.tmp`, `config.json.${process.pid}.12345678.tmp`];
    const kept = [`config.json.${alive}.89abcdef.tmp`, 'notes.txt', 'other.json.1.12345678.tmp'];
    for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), 'half a config');
    writeFileAtomically(path, '{}\n');
    expect(readdirSync(dir).sort()).toEqual(['config.json', ...kept].sort());
  });
});

describe('updateConfigFile (the same atomic write)', () => {
  it('changes one key, keeps the rest as written, keeps a .bak and the file’s mode', () => {
    const path = join(tempDir(), 'config.json');
    writeFileSync(path, JSON.stringify({ ...config('5'), rating: { scale: 5 } }));
    if (posix) chmodSync(path, 0o640);
    const updated = updateConfigFile(path, (json) => ({ ...json, rating: { scale: 3 } }));
    expect(updated.rating.scale).toBe(3);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ ...config('5'), rating: { scale: 3 } });
    expect(JSON.parse(readFileSync(`${path}.bak`, 'utf8'))).toEqual({ ...config('5'), rating: { scale: 5 } });
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('a missing file or one that is not JSON is a ConfigError that says so', () => {
    const dir = tempDir();
    expect(() => updateConfigFile(join(dir, 'none.json'), (json) => json)).toThrow(/cannot be read: ENOENT/);
    const path = join(dir, 'config.json');
    writeFileSync(path, '{ "device": ');
    expect(() => updateConfigFile(path, (json) => json)).toThrow(ConfigError);
    expect(readFileSync(path, 'utf8')).toBe('{ "device": ');
  });
});
