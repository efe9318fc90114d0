import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Dashboard passwords are kept only as "scrypt$N$r$p$salt$key" (base64url), a salt of their own per
 * user and the cost stored beside the key: the cost can be raised later without breaking the
 * passwords already set (each is checked with the cost it was made with).
 */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 64 MiB and about 0.1–0.3 s per check on a server core (OWASP's scrypt settings: N=2^16, r=8, p=1). */
export const PASSWORD_COST: ScryptCost = { N: 1 << 16, r: 8, p: 1 };
const KEY_BYTES = 32;
/** No stored hash may ask for more than this (a tampered row must not exhaust the server's memory). */
const MAX_N = 1 << 20;

const derive = (password: string, salt: Buffer, cost: ScryptOptions & ScryptCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; Node's default (32 MiB) is below the cost above.
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });

export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for a hash this version cannot read (never throws at the caller). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > MAX_N || r > 32 || p > 16 || expected.length === 0) return false;
  try {
    const key = await derive(password, salt, { N, r, p });
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
