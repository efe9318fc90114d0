import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_CONFIG, loadConfigFile, parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

/** The example of DESIGN.md, key for key: the public contract technicians write. */
const DESIGN_EXAMPLE = {
  device: { id: 'mfc-tverskoy-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating', timezone: 'Europe/Moscow' },
  ui: { locale: 'ru', locales: ['ru', 'en'] },
  rating: { scale: 5, cooldownSeconds: 10, thanksSeconds: 4 },
  buttons: { path: '/dev/ttyUSB0', baudRate: 9600, protocol: 'okno-buttons/1' },
  printer: { path: '/dev/usb/lp0', baudRate: 19200 },
  sync: { endpoint: 'https://collector.example/', token: 'secret', intervalSeconds: 30 },
  queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }] },
};

const issuesOf = (input: unknown): readonly string[] => {
  try {
    parseConfig(input, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected the config to be refused');
};

describe('config', () => {
  it('accepts the example of DESIGN.md with every key', () => {
    const config = parseConfig(DESIGN_EXAMPLE, 'design');
    expect(config.device.id).toBe('mfc-tverskoy-w05');
    expect(config.buttons).toMatchObject({ path: '/dev/ttyUSB0', baudRate: 9600, protocol: 'okno-buttons/1' });
    expect(config.sync?.intervalSeconds).toBe(30);
    expect(config.queue?.services[0]?.range).toEqual([1, 499]);
  });

  it('fills defaults for everything but the device identity', () => {
    const config = parseConfig({ device: { id: 'w1', office: 'Office', window: '1' } }, 'minimal');
    expect(config.device).toMatchObject({ mode: 'rating', timezone: 'Europe/Moscow' });
    expect(config.ui).toEqual({ locale: 'ru', locales: ['ru', 'en'] });
    expect(config.rating).toEqual({
      scale: 5,
      cooldownSeconds: 10,
      thanksSeconds: 4,
      idleSeconds: 60,
      followUp: { enabled: true, maxScore: 2, seconds: 20 },
    });
    expect(config.buttons).toBeUndefined();
  });

  it('refuses an invalid file naming the path of every bad field at once', () => {
    const issues = issuesOf({
      device: { id: 'Bad Id!', office: '', window: '5', mode: 'queue', timezone: 'Mars/Olympus' },
      rating: { scale: 7, cooldownSeconds: 'ten' },
      sync: { endpoint: 'ftp://x', token: '' },
    });
    const paths = issues.map((issue) => issue.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining(['device.id', 'device.office', 'device.mode', 'device.timezone', 'rating.scale', 'rating.cooldownSeconds', 'sync.endpoint', 'sync.token']),
    );
  });

  it('reports a typo in a key name instead of ignoring it', () => {
    const issues = issuesOf({ device: { id: 'w1', office: 'O', window: '1' }, rating: { cooldownSecond: 5 } });
    expect(issues.join('\n')).toMatch(/rating.*cooldownSecond/);
  });

  it('requires the default locale to be one of the enabled ones', () => {
    expect(issuesOf({ device: { id: 'w1', office: 'O', window: '1' }, ui: { locale: 'en', locales: ['ru'] } })).toEqual([
      'ui.locale: ui.locale must be one of ui.locales',
    ]);
  });

  it('only 3-, 4- and 5-point scales', () => {
    for (const scale of [3, 4, 5]) expect(parseConfig({ device: { id: 'w', office: 'O', window: '1' }, rating: { scale } }, 't').rating.scale).toBe(scale);
    for (const scale of [0, 2, 6, 10, 4.5]) expect(issuesOf({ device: { id: 'w', office: 'O', window: '1' }, rating: { scale } })[0]).toMatch(/^rating.scale/);
  });

  it('the built-in demo configuration is valid', () => {
    expect(parseConfig(DEMO_CONFIG, 'demo').device.window).toBe('5');
  });

  it('loads a file, and says clearly when it is missing or not JSON', () => {
    const dir = tempDir();
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(DESIGN_EXAMPLE));
    expect(loadConfigFile(good).device.office).toBe('МФЦ района Тверской');

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "device": ');
    expect(() => loadConfigFile(broken)).toThrow(/broken\.json is invalid:\n {2}- \(file\): not valid JSON/);
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot be read: ENOENT/);
  });
});

describe('sync endpoint', () => {
  const withEndpoint = (endpoint: string) => () => parseConfig({ device: { id: 'w', office: 'O', window: '1' }, sync: { endpoint, token: 't' } }, 'test');
  it('must be https, so the device token is never sent in clear; http only to this machine', () => {
    expect(withEndpoint('https://collector.example/')).not.toThrow();
    expect(withEndpoint('http://127.0.0.1:8081/')).not.toThrow();
    expect(withEndpoint('http://localhost:8081/')).not.toThrow();
    expect(withEndpoint('http://collector.example/')).toThrow(/sync.endpoint: must be https/);
  });
});
