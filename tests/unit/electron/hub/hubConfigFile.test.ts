import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../electron/core/config/loadConfig.ts';
import { loadHubConfigFile, parseHubConfig } from '../../../../electron/hub/hubConfigFile.ts';
import { ROOT } from '../../../helpers/okno.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const example = (): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, 'examples', 'hub.json'), 'utf8')) as Record<string, unknown>;

describe('the hub config file', () => {
  it('takes examples/hub.json, with the queue rules’ defaults', () => {
    const config = loadHubConfigFile(join(ROOT, 'examples', 'hub.json'));
    expect(config.office.id).toBe('mfc-tverskoy');
    expect(config.windows.map((window) => window.id)).toEqual(['1', '2']);
    expect(config.devices.find((device) => device.role === 'hall')?.window).toBeUndefined();
  });

  it('lists every bad field, not the first one only', () => {
    const input = { ...example(), office: { id: 'Bad Id', name: '', timezone: 'Europe/Moscow' }, windows: [{ id: '1', label: 'окно 1', services: ['nope'] }] };
    try {
      parseHubConfig(input, 'hub.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues.join('\n');
      expect(issues).toMatch(/^office\.id: /m);
      expect(issues).toMatch(/^office\.name: /m);
    }
  });

  it('reports cross references after the fields are right (no service, no window)', () => {
    const input = { ...example(), windows: [{ id: '1', label: 'окно 1', services: ['nope'] }] };
    expect(() => parseHubConfig(input, 'hub.json')).toThrow(/windows\.0\.services\.0: no service "nope"/);
  });

  it('says when the file cannot be read or is not JSON', () => {
    const dir = tempDir();
    expect(() => loadHubConfigFile(join(dir, 'none.json'))).toThrow(/cannot be read: ENOENT/);
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => loadHubConfigFile(join(dir, 'bad.json'))).toThrow(/not valid JSON/);
  });
});
