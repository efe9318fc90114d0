import { describe, expect, it } from 'vitest';
import { deviceTokens, devicesFileSchema, sha256 } from '../../../../electron/collector/deviceTokens.ts';

describe('the devices file: tokens and offices', () => {
  const tokens = deviceTokens({
    devices: {
      'mfc-arbat-w01': { token: 'arbat-window-one-token', office: 'mfc-arbat' },
      'mfc-arbat-hub': { tokenSha256: sha256('arbat-hub-token-0001').toString('hex'), office: 'mfc-arbat' },
      'trial-kiosk': { token: 'trial-kiosk-token-0001' },
    },
  });

  it('finds the device of a token, clear or hashed, and no device for another', () => {
    expect(tokens.deviceFor('arbat-window-one-token')).toBe('mfc-arbat-w01');
    expect(tokens.deviceFor('arbat-hub-token-0001')).toBe('mfc-arbat-hub');
    expect(tokens.deviceFor('arbat-window-one-tokeN')).toBeNull();
  });

  it('names the office of a device, null when the file names none or the device is unknown', () => {
    expect(tokens.officeOf('mfc-arbat-w01')).toBe('mfc-arbat');
    expect(tokens.officeOf('mfc-arbat-hub')).toBe('mfc-arbat');
    expect(tokens.officeOf('trial-kiosk')).toBeNull();
    expect(tokens.officeOf('nobody')).toBeNull();
  });

  it('refuses an empty office name', () => {
    expect(devicesFileSchema.safeParse({ devices: { a: { token: 'x'.repeat(16), office: '' } } }).success).toBe(false);
  });
});
