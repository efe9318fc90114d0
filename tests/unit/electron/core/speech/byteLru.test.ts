import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../../../electron/core/speech/byteLru.ts';

describe('a cache bounded by bytes', () => {
  it('forgets the least recently used entries once over budget', () => {
    const cache = new ByteLru<string>(10, (value) => value.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaa'); // a is now the most recent
    cache.set('c', 'cccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
    expect(cache.bytes).toBe(8);
  });

  it('replaces an entry under the same key, keeps nothing bigger than the budget, and clears', () => {
    const cache = new ByteLru<string>(10, (value) => value.length);
    cache.set('a', 'aaaa');
    cache.set('a', 'aa');
    expect(cache.bytes).toBe(2);
    cache.set('huge', 'x'.repeat(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBe('aa');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});
