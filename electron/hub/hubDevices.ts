import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLE_PATHS, type DeviceRole } from '../../shared/office/officeProtocol.ts';
import type { HubConfig } from './hubConfig.ts';

/**
 * Who is asking: a bearer token → one of the config's `devices` (only SHA-256 hashes are kept), and
 * what that device's role lets it ask. Every hash is compared on every request, in constant time, so
 * the answer's timing says nothing about which device a token is close to.
 */

export interface HubDevice {
  readonly id: string;
  readonly role: DeviceRole;
  /** The window of a rating terminal or an operator console (required for those roles by the config schema). */
  readonly window: string | null;
}

export interface HubDevices {
  /** The device this token belongs to, or null for a token the hub does not know. */
  deviceFor(token: string): HubDevice | null;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function hubDevices(devices: HubConfig['devices']): HubDevices {
  const known = devices.map((device) => ({
    device: { id: device.id, role: device.role, window: device.window ?? null } satisfies HubDevice,
    hash: Buffer.from(device.tokenSha256, 'hex'),
  }));
  return {
    deviceFor(token) {
      const presented = sha256(token);
      let found: HubDevice | null = null;
      for (const { device, hash } of known) {
        if (timingSafeEqual(presented, hash) && found === null) found = device;
      }
      return found;
    },
  };
}

/** The token of `Authorization: Bearer <token>`, or null (absent, another scheme, or characters a token never has). */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header ?? '');
  return match?.[1] ?? null;
}

export const mayUse = (role: DeviceRole, path: string): boolean => ROLE_PATHS[role].includes(path);

/** A new device token for `okno hub token`: 32 random bytes, base64url (43 characters), and what goes into the config. */
export function newDeviceToken(): { token: string; tokenSha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenSha256: sha256(token).toString('hex') };
}
