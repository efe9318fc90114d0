import { describe, expect, it } from 'vitest';
import { decisionClock } from '../../../../electron/hub/decisionClock.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';

describe('decision clock', () => {
  it('holds now() still while a decision is recorded, and lets it run again after (even after a throw)', () => {
    const time = new FakeTime('2026-11-23T07:00:00Z');
    const clock = decisionClock(time);
    const at = new Date('2026-11-23T06:00:00Z');
    const seen = clock.heldAt(at, () => {
      time.advance(5000);
      return [clock.now().toISOString(), clock.now().toISOString()];
    });
    expect(seen).toEqual(['2026-11-23T06:00:00.000Z', '2026-11-23T06:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2026-11-23T07:00:05.000Z');
    expect(() => clock.heldAt(at, () => { throw new Error('x'); })).toThrow('x');
    expect(clock.now().toISOString()).toBe('2026-11-23T07:00:05.000Z');
    expect(clock.monotonicMs()).toBe(5000);
  });
});
