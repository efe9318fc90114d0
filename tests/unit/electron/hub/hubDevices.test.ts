import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OFFICE_PATHS } from '../../../../shared/office/officeProtocol.ts';
import { bearerToken, hubDevices, mayUse, newDeviceToken } from '../../../../electron/hub/hubDevices.ts';

const sha = (token: string): string => createHash('sha256').update(token).digest('hex');

describe('hub devices', () => {
  const devices = hubDevices([
    { id: 'hall-1', role: 'hall', tokenSha256: sha('hall-token-0123456789') },
    { id: 'console-2', role: 'operator', window: '2', tokenSha256: sha('console-token-0123456789') },
  ]);

  it('finds the device of a token by its hash, with its role and window', () => {
    expect(devices.deviceFor('console-token-0123456789')).toEqual({ id: 'console-2', role: 'operator', window: '2' });
    expect(devices.deviceFor('hall-token-0123456789')).toEqual({ id: 'hall-1', role: 'hall', window: null });
    expect(devices.deviceFor('hall-token-012345678')).toBeNull();
    expect(devices.deviceFor('')).toBeNull();
  });

  it('reads only "Bearer <printable token>"', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(`Bearer ${'x'.repeat(600)}`)).toBeNull();
  });

  it('a hall board cannot call, an operator console can; everyone reads the state', () => {
    expect(mayUse('hall', OFFICE_PATHS.command)).toBe(false);
    expect(mayUse('window', OFFICE_PATHS.signIn)).toBe(false);
    expect(mayUse('dispenser', OFFICE_PATHS.tickets)).toBe(true);
    expect(mayUse('operator', OFFICE_PATHS.command)).toBe(true);
    expect(mayUse('operator', OFFICE_PATHS.tickets)).toBe(false);
    for (const role of ['hall', 'window', 'operator', 'dispenser'] as const) expect(mayUse(role, OFFICE_PATHS.stream)).toBe(true);
  });

  it('makes new tokens that are random and match their hash', () => {
    const a = newDeviceToken();
    const b = newDeviceToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.tokenSha256).toBe(sha(a.token));
    expect(hubDevices([{ id: 'd', role: 'dispenser', tokenSha256: a.tokenSha256 }]).deviceFor(a.token)?.id).toBe('d');
  });
});
