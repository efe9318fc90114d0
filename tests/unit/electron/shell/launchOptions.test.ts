import { describe, expect, it } from 'vitest';
import { readLaunchOptions } from '../../../../electron/shell/launchOptions.ts';
import { shellPaths } from '../../../../electron/shell/shellPaths.ts';

const electronArgv = ['/opt/okno/okno', '.', '--no-sandbox-not-ours'];
const dev = { packaged: false };
const packaged = { packaged: true };

describe('launch options', () => {
  it('reads --config= and --data-dir= over the environment', () => {
    const options = readLaunchOptions(
      [...electronArgv, '--config=/srv/w5.json', '--data-dir=/srv/data'],
      { OKNO_CONFIG: '/etc/okno.json', OKNO_DATA_DIR: '/var/lib/okno' },
      '/home/kiosk',
      dev,
    );
    expect(options).toEqual({ configPath: '/srv/w5.json', dataDir: '/srv/data', devTools: false });
  });

  it('falls back to OKNO_CONFIG and OKNO_DATA_DIR, then to nothing', () => {
    expect(readLaunchOptions(electronArgv, { OKNO_CONFIG: '/etc/okno.json', OKNO_DATA_DIR: '/var/lib/okno' }, '/', dev)).toEqual({
      configPath: '/etc/okno.json',
      dataDir: '/var/lib/okno',
      devTools: false,
    });
    expect(readLaunchOptions(electronArgv, { OKNO_CONFIG: '', OKNO_DATA_DIR: '' }, '/', dev)).toEqual({
      configPath: undefined,
      dataDir: undefined,
      devTools: false,
    });
  });

  it('resolves relative paths from the start directory', () => {
    const options = readLaunchOptions([...electronArgv, '--config=conf/w5.json'], { OKNO_DATA_DIR: 'data' }, '/home/kiosk', dev);
    expect(options.configPath).toBe('/home/kiosk/conf/w5.json');
    expect(options.dataDir).toBe('/home/kiosk/data');
  });

  it('does not take the next argument for a bare --config', () => {
    expect(readLaunchOptions([...electronArgv, '--config', '--enable-logging'], {}, '/', dev).configPath).toBeUndefined();
  });

  it('turns DevTools on only with OKNO_DEVTOOLS=1 in a development run', () => {
    expect(readLaunchOptions(electronArgv, { OKNO_DEVTOOLS: '1' }, '/', dev).devTools).toBe(true);
    expect(readLaunchOptions(electronArgv, { OKNO_DEVTOOLS: 'true' }, '/', dev).devTools).toBe(false);
    expect(readLaunchOptions(electronArgv, {}, '/', dev).devTools).toBe(false);
  });

  it('ignores OKNO_DEVTOOLS in a packaged build', () => {
    expect(readLaunchOptions(electronArgv, { OKNO_DEVTOOLS: '1' }, '/', packaged).devTools).toBe(false);
    expect(readLaunchOptions([...electronArgv, '--config=/srv/w5.json'], { OKNO_DEVTOOLS: '1' }, '/', packaged)).toEqual({
      configPath: '/srv/w5.json',
      dataDir: undefined,
      devTools: false,
    });
  });
});

describe('shell paths', () => {
  it('finds the preload beside the compiled main and the renderer in dist/renderer', () => {
    expect(shellPaths('file:///opt/okno/resources/app/dist/electron/shell/main.js')).toEqual({
      preload: '/opt/okno/resources/app/dist/electron/shell/preload.cjs',
      rendererDir: '/opt/okno/resources/app/dist/renderer',
    });
  });
});
