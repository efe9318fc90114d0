import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateMinutes } from '../../../../../electron/hub/queue/estimate.ts';
import { emptyQueue, peopleAhead } from './queueDriver.ts';
import { DAY, office, receive, TestHub, ticket } from './queueFixtures.ts';

describe('estimateMinutes', () => {
  it('people ahead × median ÷ open windows, rounded up to 5 minutes', () => {
    expect(estimateMinutes(4, 300, 2)).toBe(10);
    expect(estimateMinutes(4, 301, 2)).toBe(15);
    expect(estimateMinutes(1, 1, 1)).toBe(5);
    expect(estimateMinutes(0, 600, 1)).toBe(0);
    expect(estimateMinutes(3, 100, 1)).toBe(5);
    // 0.1 + 0.2 style noise does not push an exact 10 minutes to 15.
    expect(estimateMinutes(3, 200.00000000000003, 1)).toBe(10);
  });

  it('none without a median or an open window', () => {
    expect(estimateMinutes(4, null, 2)).toBeNull();
    expect(estimateMinutes(4, 300, 0)).toBeNull();
  });

  it('property: a multiple of 5, never below the exact wait, less than 5 minutes above it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 7200, noNaN: true }), fc.integer({ min: 1, max: 60 }), (ahead, median, open) => {
        const minutes = estimateMinutes(ahead, median, open);
        const exact = (ahead * median) / open / 60;
        expect(minutes).not.toBeNull();
        expect((minutes ?? 0) % 5).toBe(0);
        // Rounded to the millisecond before rounding up: a wait under 1 ms is 0.
        expect(minutes ?? 0).toBeGreaterThanOrEqual(exact - 0.001 / 60);
        expect((minutes ?? 0) - exact).toBeLessThan(5 + 1e-6);
        if (ahead === 0) expect(minutes).toBe(0);
      }),
    );
  });
});

describe('peopleAhead', () => {
  it('counts who waits; the estimate only after estimateMinSamples visits today and with an open window serving it', () => {
    const hub = new TestHub(office({}, { estimateMinSamples: 5 }), emptyQueue(DAY));
    const ahead = (): unknown => peopleAhead(hub.state, 'passport', { config: hub.config, now: hub.now });
    for (let index = 1; index <= 9; index++) hub.ok(receive(ticket('passport', `П-00${index}`)));
    expect(ahead()).toEqual({ serviceId: 'passport', ahead: 9, estimateMinutes: null });
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    for (const seconds of [100, 200, 300, 400]) {
      hub.call('1');
      hub.advance(seconds);
      hub.ok({ kind: 'finish', window: '1' });
    }
    expect(ahead()).toEqual({ serviceId: 'passport', ahead: 5, estimateMinutes: null });
    hub.call('1');
    hub.advance(900);
    hub.ok({ kind: 'finish', window: '1' });
    // Median of 100, 200, 300, 400, 900 is 300 s: 4 × 300 s ÷ 1 window = 20 min.
    expect(ahead()).toEqual({ serviceId: 'passport', ahead: 4, estimateMinutes: 20 });
    hub.ok({ kind: 'sign-in', window: '3', operatorId: 'boris' });
    expect(ahead()).toEqual({ serviceId: 'passport', ahead: 4, estimateMinutes: 10 });
    hub.ok({ kind: 'pause', window: '1' });
    hub.ok({ kind: 'pause', window: '3' });
    expect(ahead()).toEqual({ serviceId: 'passport', ahead: 4, estimateMinutes: null });
    // The next day the medians restart.
    hub.ok({ kind: 'resume', window: '1' });
    hub.ok({ kind: 'rollover', day: '2026-11-24' });
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    expect(ahead()).toEqual({ serviceId: 'passport', ahead: 0, estimateMinutes: null });
  });

  it('an unknown service: nobody ahead, no estimate', () => {
    expect(peopleAhead(emptyQueue(DAY), 'visa', { config: office(), now: '2026-11-23T09:00:00+03:00' })).toEqual({ serviceId: 'visa', ahead: 0, estimateMinutes: null });
  });
});
