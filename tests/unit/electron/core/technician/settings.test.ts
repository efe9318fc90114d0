import { describe, expect, it } from 'vitest';
import { mergeSettings, publicConfig, settingsView } from '../../../../../electron/core/technician/settings.ts';

const HUB_TOKEN = 'hub-4b8c1d2e3f405162738495a6b7c8d9e0';
const FINGERPRINT = Array.from({ length: 32 }, () => '3A').join(':');
const PIN_HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
const saved = {
  device: { id: 'disp-1', office: 'МФЦ', window: 'зал', mode: 'tickets' },
  hub: { url: 'https://192.168.1.10:8443/', token: HUB_TOKEN, fingerprint: FINGERPRINT },
  technician: { pinHash: PIN_HASH },
};
const edited = (hub: Record<string, unknown>) => ({ device: saved.device, hub, technician: {} });

describe('technician settings: the office hub’s token', () => {
  it('never reaches the screen: only "set" / "not set", the address and the fingerprint stay', () => {
    expect(publicConfig(saved)).toEqual({ device: saved.device, hub: { url: 'https://192.168.1.10:8443/', fingerprint: FINGERPRINT }, technician: {} });
    const view = settingsView('/etc/okno/config.json', saved);
    expect(JSON.stringify(view)).not.toContain(HUB_TOKEN);
    expect(view.secrets.hubToken).toBe('set');
    expect(settingsView(null, { device: saved.device }).secrets.hubToken).toBe('not-set');
  });

  it('the saved token goes back into the file for the same hub address', () => {
    const merged = mergeSettings(saved, { config: edited({ url: 'https://192.168.1.10:8443', fingerprint: FINGERPRINT }), syncToken: null, pin: null, hubToken: null }, null);
    expect(merged).toMatchObject({ ok: true, value: { json: { hub: { url: 'https://192.168.1.10:8443', token: HUB_TOKEN, fingerprint: FINGERPRINT } } } });
  });

  it('a new token replaces it', () => {
    const merged = mergeSettings(saved, { config: edited({ url: 'https://192.168.1.10:8443/', fingerprint: FINGERPRINT }), syncToken: null, pin: null, hubToken: 'a-new-hub-token-0123456789' }, null);
    expect(merged).toMatchObject({ ok: true, value: { json: { hub: { token: 'a-new-hub-token-0123456789' } }, sections: ['hub'] } });
  });

  it('a new hub address needs its token typed again: the saved one never goes to another machine', () => {
    const merged = mergeSettings(saved, { config: edited({ url: 'https://192.168.1.99:8443/', fingerprint: FINGERPRINT }), syncToken: null, pin: null, hubToken: null }, null);
    expect(merged).toMatchObject({ ok: false, error: { code: 'invalid-config', message: expect.stringContaining("the hub's address changed") as unknown } });
    const first = mergeSettings({ device: saved.device, technician: saved.technician }, { config: edited({ url: 'https://192.168.1.99:8443/', fingerprint: FINGERPRINT }), syncToken: null, pin: null, hubToken: null }, null);
    expect(first).toMatchObject({ ok: false, error: { code: 'invalid-config', message: expect.stringContaining('hub.token') as unknown } });
  });

  it('refuses a token smuggled inside the config', () => {
    const merged = mergeSettings(saved, { config: edited({ url: 'https://192.168.1.10:8443/', fingerprint: FINGERPRINT, token: 'x'.repeat(20) }), syncToken: null, pin: null, hubToken: null }, null);
    expect(merged).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('a config without a hub stays without one', () => {
    const merged = mergeSettings(saved, { config: { device: saved.device, technician: {} }, syncToken: null, pin: null, hubToken: null }, null);
    expect(merged.ok && merged.value.json['hub']).toBeUndefined();
  });
});
