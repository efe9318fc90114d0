import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as pmap from '../../../../../electron/hub/queue/persistentMap.ts';

describe('persistentMap', () => {
  it('property: behaves like a Map, and an old version never changes', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -3000, max: 3000 }));
    const operation = fc.record({ remove: fc.boolean(), key, value: fc.integer() });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        let map = pmap.emptyMap<string | number, number>();
        const model = new Map<string | number, number>();
        const versions: { map: pmap.PersistentMap<string | number, number>; model: Map<string | number, number> }[] = [];
        for (const { remove, key: at, value } of operations) {
          versions.push({ map, model: new Map(model) });
          if (remove) {
            map = pmap.remove(map, at);
            model.delete(at);
          } else {
            map = pmap.set(map, at, value);
            model.set(at, value);
          }
        }
        versions.push({ map, model });
        for (const version of versions) {
          expect(version.map.size).toBe(version.model.size);
          for (const [at, value] of version.model) expect(pmap.get(version.map, at)).toBe(value);
          expect([...pmap.values(version.map)].sort()).toEqual([...version.model.values()].sort());
        }
      }),
    );
  });

  it('removing a missing key gives the same map; 1 and "1" are different keys', () => {
    const map = pmap.set(pmap.emptyMap<string | number, string>(), 1, 'number');
    expect(pmap.remove(map, 2)).toBe(map);
    expect(pmap.get(pmap.set(map, '1', 'string'), 1)).toBe('number');
    expect(pmap.has(map, '1')).toBe(false);
  });
});
