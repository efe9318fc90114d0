import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseTrustedProxies, runCollector } from '../../../../electron/cli/collectorCommand.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('okno collector --alerts FILE', () => {
  it('refuses a broken alert rules file before it serves anything: the field named, exit 78', async () => {
    const dir = tempDir();
    const devices = join(dir, 'devices.json');
    writeFileSync(devices, JSON.stringify({ devices: { 'mfc-tverskoy-w05': { token: 'tverskoy-w05-token-0123456789', office: 'mfc-tverskoy' } } }));
    const alerts = join(dir, 'alerts.json');
    writeFileSync(alerts, JSON.stringify({ lowScores: { withinMinutes: -5 }, clockOffSeconds: 'sixty' }));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await runCollector(['--db', join(dir, 'collector.db'), '--devices', devices, '--alerts', alerts])).toBe(78);
    expect(errors.join('\n')).toMatch(/^okno: alert rules .*alerts\.json are invalid:\n {2}- lowScores\.withinMinutes: .*\n {2}- clockOffSeconds: /);
    expect(log).not.toHaveBeenCalledWith(expect.stringContaining('listening'));

    writeFileSync(alerts, 'not json');
    errors.length = 0;
    expect(await runCollector(['--db', join(dir, 'collector.db'), '--devices', devices, '--alerts', alerts])).toBe(78);
    expect(errors.join('\n')).toMatch(/cannot be read/);
  });
});

describe('okno collector --trust-proxy ADDRS', () => {
  it('takes addresses and networks, IPv4 and IPv6, comma-separated', () => {
    expect(parseTrustedProxies('10.0.0.0/8, 192.168.1.5,::1,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.5', '::1', 'fd00::/8']);
  });

  it('refuses what is not an address or a network, naming it', () => {
    for (const bad of ['', 'lb.example.org', '10.0.0.0/33', '::1/129', '10.0.0.1/8/2', '10.0.0.0/x', 'true']) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/--trust-proxy: ".*" is not an IP address or network/);
    }
  });
});
