import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lanes from '../../../../../electron/hub/queue/lane.ts';

describe('lane', () => {
  it('joins at the tail or the head, leaves from the head or anywhere', () => {
    let lane = lanes.emptyLane;
    const positions = new Map<string, number>();
    for (const id of ['a', 'b', 'c']) {
      const joined = lanes.pushBack(lane, id);
      lane = joined.lane;
      positions.set(id, joined.position);
    }
    const redirected = lanes.pushFront(lane, 'r');
    lane = redirected.lane;
    expect([...lanes.ticketIds(lane)]).toEqual(['r', 'a', 'b', 'c']);
    expect(lanes.head(lane)).toBe('r');
    lane = lanes.removeAt(lane, redirected.position);
    lane = lanes.removeAt(lane, positions.get('b') ?? -1);
    expect([...lanes.ticketIds(lane)]).toEqual(['a', 'c']);
    expect(lane.count).toBe(2);
    expect(lanes.removeAt(lane, 99)).toBe(lane);
    lane = lanes.removeAt(lanes.removeAt(lane, positions.get('a') ?? -1), positions.get('c') ?? -1);
    expect(lane).toBe(lanes.emptyLane);
    expect(lanes.head(lane)).toBeNull();
  });

  it('property: the same order as an array model, whatever joins and leaves', () => {
    const operation = fc.oneof(fc.constant({ op: 'back' as const }), fc.constant({ op: 'front' as const }), fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }));
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        let lane = lanes.emptyLane;
        let model: { id: string; position: number }[] = [];
        operations.forEach((operation, index) => {
          const id = `t${index}`;
          if (operation.op === 'remove') {
            const victim = model[operation.pick % Math.max(1, model.length)];
            if (victim === undefined) return;
            lane = lanes.removeAt(lane, victim.position);
            model = model.filter((entry) => entry !== victim);
          } else {
            const joined = operation.op === 'back' ? lanes.pushBack(lane, id) : lanes.pushFront(lane, id);
            lane = joined.lane;
            model = operation.op === 'back' ? [...model, { id, position: joined.position }] : [{ id, position: joined.position }, ...model];
          }
          expect([...lanes.ticketIds(lane)]).toEqual(model.map((entry) => entry.id));
          expect(lane.count).toBe(model.length);
          expect(lanes.head(lane)).toBe(model[0]?.id ?? null);
        });
      }),
    );
  });
});
