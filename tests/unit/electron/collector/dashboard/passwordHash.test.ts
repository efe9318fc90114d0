import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../../electron/collector/dashboard/passwordHash.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('dashboard password hashes', () => {
  it('keeps the cost and a salt of its own, and verifies only the right password', async () => {
    const one = await hashPassword('correct horse battery', CHEAP);
    const two = await hashPassword('correct horse battery', CHEAP);
    expect(one).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword('correct horse battery', one)).toBe(true);
    expect(await verifyPassword('correct horse batterY', one)).toBe(false);
    // The same text typed with a different Unicode form (NFKC): the same password.
    expect(await verifyPassword('ｃorrect horse battery', one)).toBe(true);
  });

  it('is false, never a crash or a memory blow-up, for a hash it cannot read', async () => {
    const good = await hashPassword('pw-pw-pw-pw-pw', CHEAP);
    const parts = good.split('$');
    for (const bad of ['', 'plain', 'bcrypt$1$2$3$4$5', ['scrypt', 1 << 24, 8, 1, parts[4], parts[5]].join('$'), ['scrypt', 'x', 8, 1, parts[4], parts[5]].join('$'), ['scrypt', 1024, 8, 1, parts[4], ''].join('$')]) {
      expect(await verifyPassword('pw-pw-pw-pw-pw', bad), bad).toBe(false);
    }
  });
});
