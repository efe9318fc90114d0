import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { deviceRules } from '../../shared/configRules.ts';
import { deviceIdSchema } from '../core/sync/protocol.ts';

/**
 * The devices file of the reference collector: device id → bearer token, either in clear or as the
 * SHA-256 of the token (hex), so the file need not hold secrets:
 *   { "devices": { "mfc-tverskoy-w05": { "token": "…" }, "mfc-arbat-w01": { "tokenSha256": "9f86…" } } }
 * Only hashes are kept in memory; a presented token is hashed and looked up by its digest.
 * `office` (optional) says which office the device belongs to: the central dashboard's rollups group by it.
 */
/** The office a device belongs to (its `device.office`, the hub's office id): the dashboard groups by it. */
const officeSchema = z.string().min(1).max(deviceRules.officeMaxLength).optional();
const entrySchema = z.union([
  z.strictObject({ token: z.string().min(16, 'at least 16 characters'), office: officeSchema }),
  z.strictObject({ tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'), office: officeSchema }),
]);
export const devicesFileSchema = z.strictObject({ devices: z.record(deviceIdSchema, entrySchema) });
export type DevicesFile = z.input<typeof devicesFileSchema>;

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export interface DeviceTokens {
  /** The device this token belongs to, or null. */
  deviceFor(token: string): string | null;
  /** The office the file names for this device, or null. */
  officeOf(deviceId: string): string | null;
  readonly size: number;
}

export function deviceTokens(file: DevicesFile): DeviceTokens {
  const parsed = devicesFileSchema.parse(file);
  // Keyed by the SHA-256 of the token: one lookup per request, for a city's 7,000 devices as for one.
  // The lookup's time depends on the digest of what was presented, not on a stored token, so it tells
  // an attacker nothing about a valid one; the table holds digests only.
  const byDigest = new Map<string, string>();
  for (const [id, entry] of Object.entries(parsed.devices)) {
    const digest = 'token' in entry ? sha256(entry.token).toString('hex') : entry.tokenSha256;
    // Two devices given one token: the first in the file keeps it, as before.
    if (!byDigest.has(digest)) byDigest.set(digest, id);
  }
  const offices = new Map(Object.entries(parsed.devices).map(([id, entry]) => [id, entry.office ?? null]));
  return {
    size: Object.keys(parsed.devices).length,
    officeOf: (deviceId) => offices.get(deviceId) ?? null,
    deviceFor: (token) => byDigest.get(sha256(token).toString('hex')) ?? null,
  };
}

/** Equal length digests compared in constant time: for the admin token. */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

export class DevicesFileError extends Error {
  override readonly name = 'DevicesFileError';
}

export function loadDevicesFile(path: string): DeviceTokens {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DevicesFileError(`devices file ${path} cannot be read: ${(error as Error).message}`);
  }
  const parsed = devicesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
    throw new DevicesFileError(`devices file ${path} is invalid:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
  }
  return deviceTokens(parsed.data);
}
