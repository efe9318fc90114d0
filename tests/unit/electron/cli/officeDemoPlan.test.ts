import { describe, expect, it } from 'vitest';
import {
  boxKeys,
  invitationLine,
  ledBurst,
  OFFICE_FACES,
  OFFICE_OPERATORS,
  officeDeviceConfig,
  officeHubConfig,
  urlTable,
  type OfficeFace,
  voteLine,
} from '../../../../electron/cli/officeDemoPlan.ts';
import { parseHubConfig } from '../../../../electron/hub/hubConfigFile.ts';
import { configSchema } from '../../../../shared/config.ts';

const HASH = 'scrypt$16384$8$1$iWbO6xkxr14jWhG4fiYecw$TgKnfTpi-nnRrGjU-ZpBXVc4taj6KZ6McY9_7mwjqLw';
const collector = { endpoint: 'http://127.0.0.1:4000/', token: 'collector-token' };
const hub = { url: 'https://127.0.0.1:8443/', token: 'hub-token-0123456789abcdef', fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') };
const face = (id: string): OfficeFace => {
  const found = OFFICE_FACES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no face ${id}`);
  return found;
};

describe('the office demo plan', () => {
  it('has the six faces of the table, in its order, each a device of its own', () => {
    expect(OFFICE_FACES.map((one) => [one.label, one.mode, one.window])).toEqual([
      ['ticket dispenser', 'tickets', null],
      ['window 1 console', 'operator', '1'],
      ['window 1 terminal', 'rating', '1'],
      ['window 2 console', 'operator', '2'],
      ['window 2 terminal', 'rating', '2'],
      ['hall board', 'hall', null],
    ]);
    expect(new Set(OFFICE_FACES.map((one) => one.deviceId)).size).toBe(6);
  });

  it('makes a hub config the hub accepts: every face a device with its token hash, both operators with the PIN hash', () => {
    const config = parseHubConfig(officeHubConfig({ tokenSha256: (one) => one.deviceId.length.toString(16).padStart(64, '0'), operatorPinHash: HASH, collector }), 'test');
    expect(config.devices.map((device) => [device.id, device.role, device.window ?? null])).toEqual(
      OFFICE_FACES.map((one) => [one.deviceId, one.role, one.window]),
    );
    expect(config.operators).toEqual(OFFICE_OPERATORS.map((operator) => ({ ...operator, pinHash: HASH })));
    expect(config.windows.map((window) => window.id)).toEqual(['1', '2']);
    expect(config.sync).toMatchObject({ endpoint: collector.endpoint, token: collector.token, intervalSeconds: 2 });
  });

  it('makes a device config every face accepts, with the hub, the collector and the virtual hardware', () => {
    for (const one of OFFICE_FACES) {
      const config = configSchema.parse(officeDeviceConfig(one, { hub, collector, technicianPinHash: HASH, serialPath: '/tmp/ttyX' }));
      expect(config.device).toMatchObject({ id: one.deviceId, mode: one.mode });
      expect(config.hub).toEqual(hub);
      expect(config.sync?.endpoint).toBe(collector.endpoint);
      if (one.window) expect(config.device.window).toBe(one.window);
    }
    const dispenser = configSchema.parse(officeDeviceConfig(face('dispenser'), { hub, collector, technicianPinHash: HASH, serialPath: '/tmp/ttyP' }));
    expect(dispenser.printer?.path).toBe('/tmp/ttyP');
    // The dispenser's services are the hub's: a ticket it issues is one the hub knows.
    const hubServices = officeHubConfig({ tokenSha256: () => '0'.repeat(64), operatorPinHash: HASH, collector }).services.map((service) => service.id);
    expect(dispenser.queue?.services.map((service) => service.id)).toEqual(hubServices);
    const terminal = configSchema.parse(officeDeviceConfig(face('terminal-2'), { hub, collector, technicianPinHash: HASH, serialPath: '/tmp/ttyB' }));
    expect(terminal.buttons?.path).toBe('/tmp/ttyB');
    // Without socat: no printer, no box, the rest as it is.
    const bare = configSchema.parse(officeDeviceConfig(face('terminal-2'), { hub, collector, technicianPinHash: HASH }));
    expect(bare.buttons).toBeUndefined();
  });

  it('prints the address table with the labels in one column', () => {
    expect(urlTable([
      { label: 'hall board', url: 'http://127.0.0.1:1/' },
      { label: 'window 1 console', url: 'http://127.0.0.1:22/' },
    ])).toBe('  hall board        http://127.0.0.1:1/\n  window 1 console  http://127.0.0.1:22/');
  });

  it('presses a box with two keys, the window then the button, spaces allowed', () => {
    const keys = boxKeys();
    expect(keys.feed('2')).toEqual({ kind: 'window', window: '2' });
    expect(keys.feed(' ')).toEqual({ kind: 'none' });
    expect(keys.feed('4')).toEqual({ kind: 'press', window: '2', button: 4 });
    expect(keys.feed('1')).toEqual({ kind: 'window', window: '1' });
    expect(keys.feed('5')).toEqual({ kind: 'press', window: '1', button: 5 });
  });

  it('says why a key does nothing, and starts again', () => {
    const keys = boxKeys();
    expect(keys.feed('3')).toMatchObject({ kind: 'wrong', message: expect.stringMatching(/^"3" is no window/) as unknown });
    expect(keys.feed('x')).toMatchObject({ kind: 'wrong' });
    expect(keys.feed('\x1b')).toMatchObject({ kind: 'wrong', message: expect.stringMatching(/^"\\x1b"/) as unknown });
    expect(keys.feed('2')).toEqual({ kind: 'window', window: '2' });
    expect(keys.feed('6')).toMatchObject({ kind: 'wrong', message: expect.stringMatching(/no button of window 2's box \(1–5\)/) as unknown });
    expect(keys.feed('4')).toMatchObject({ kind: 'wrong' });
    expect(keys.feed('2')).toEqual({ kind: 'window', window: '2' });
    expect(keys.feed('0')).toMatchObject({ kind: 'wrong' });
    expect(keys.feed('1')).toEqual({ kind: 'window', window: '1' });
    expect(keys.feed('1')).toEqual({ kind: 'press', window: '1', button: 1 });
  });

  it('tells a vote (one LED) from the invitation to rate (all of them, in order), also when they fall in one burst', () => {
    expect(ledBurst([4])).toEqual({ invitation: false, votes: [4] });
    expect(ledBurst([1, 2, 3, 4, 5])).toEqual({ invitation: true, votes: [] });
    expect(ledBurst([1, 2, 3, 4, 5, 4])).toEqual({ invitation: true, votes: [4] });
    expect(ledBurst([1, 1, 2, 3, 4, 5])).toEqual({ invitation: true, votes: [1] });
    expect(ledBurst([1, 2, 5, 3, 4, 5])).toEqual({ invitation: true, votes: [5] });
    expect(ledBurst([1, 2, 3])).toEqual({ invitation: false, votes: [1, 2, 3] });
    expect(voteLine('2', 4)).toBe("okno: window 2's box lit LED 4 — the vote was committed");
    expect(invitationLine('1')).toMatch(/window 1's box blinks its LEDs/);
  });
});
