import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The technician PIN is kept only as a salted scrypt hash: "scrypt$N$r$p$salt$hash" (base64url).
 * The cost is stored with the hash, so it can be raised later without breaking PINs already set.
 * A 4-digit PIN has only 10,000 values, so the hash is not what protects it: the lockout is.
 * The hash keeps a stolen config file from showing the PIN at a glance and makes each guess cost.
 */

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

const derive = (pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong PIN and for a hash this version cannot read (never throws at the caller). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20 || expected.length === 0) return false;
  try {
    const key = await derive(pin, salt, { N, r, p });
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
