import { describe, expect, it } from 'vitest';
import { onDemand } from '../../../../renderer/common/useOnDemand.ts';

describe('a part of the page fetched on demand', () => {
  it('is fetched once, however often it is asked for, and kept', async () => {
    let fetches = 0;
    const part = onDemand(async () => {
      fetches += 1;
      return 'the rating terminal';
    });
    expect(part.loaded).toBeNull();
    expect(fetches).toBe(0);
    const [first, second] = await Promise.all([part.load(), part.load()]);
    expect([first, second]).toEqual(['the rating terminal', 'the rating terminal']);
    expect(await part.load()).toBe('the rating terminal');
    expect(part.loaded).toBe('the rating terminal');
    expect(fetches).toBe(1);
  });

  it('a failed fetch is tried again on the next load, and nothing is kept from it', async () => {
    let fetches = 0;
    const part = onDemand(async () => {
      fetches += 1;
      if (fetches === 1) throw new Error('the host restarted');
      return 42;
    });
    await expect(part.load()).rejects.toThrow('the host restarted');
    expect(part.loaded).toBeNull();
    expect(await part.load()).toBe(42);
    expect(part.loaded).toBe(42);
    expect(fetches).toBe(2);
  });
});
