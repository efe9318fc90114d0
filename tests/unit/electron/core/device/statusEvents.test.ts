import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, sameStates, settle, type ReportedStates, type StatusMemory, type StatusPolicy } from '../../../../../electron/core/device/statusEvents.ts';
import { boxStateSchema, hubLinkStateSchema, printerConditionSchema, storageStateSchema } from '../../../../../shared/events.ts';

const POLICY: StatusPolicy = { periodicMs: 300_000, minChangeGapMs: 60_000 };
const FINE: ReportedStates = { buttons: 'connected', printer: 'none', storage: 'ok', hub: 'none' };

const statesArb: fc.Arbitrary<ReportedStates> = fc.record({
  buttons: fc.constantFrom(...boxStateSchema.options),
  printer: fc.constantFrom('none' as const, ...printerConditionSchema.options),
  storage: fc.constantFrom(...storageStateSchema.options),
  hub: fc.constantFrom(...hubLinkStateSchema.options),
});
const memoryArb: fc.Arbitrary<StatusMemory> = fc.record({ recorded: statesArb, atMs: fc.integer({ min: 0, max: 1e9 }) });

describe('decide: when a device.status is due', () => {
  it('the first one at once, whatever the states', () => {
    fc.assert(
      fc.property(statesArb, fc.integer({ min: 0, max: 1e9 }), (states, now) => {
        expect(decide(null, states, now, POLICY)).toEqual({ kind: 'record', reason: 'start' });
      }),
    );
  });

  it('the same states: a heartbeat exactly when periodicMs has passed since the last record, else a wake at that time', () => {
    fc.assert(
      fc.property(memoryArb, fc.integer({ min: 0, max: 2 * POLICY.periodicMs }), (memory, since) => {
        const decision = decide(memory, memory.recorded, memory.atMs + since, POLICY);
        expect(decision).toEqual(since >= POLICY.periodicMs ? { kind: 'record', reason: 'periodic' } : { kind: 'wait', wakeInMs: POLICY.periodicMs - since });
      }),
    );
  });

  it('a changed state: recorded once the gap since the last record has passed, else a wake at the end of the gap', () => {
    fc.assert(
      fc.property(memoryArb, statesArb, fc.integer({ min: 0, max: 2 * POLICY.minChangeGapMs }), (memory, states, since) => {
        fc.pre(!sameStates(memory.recorded, states));
        const decision = decide(memory, states, memory.atMs + since, POLICY);
        expect(decision).toEqual(since >= POLICY.minChangeGapMs ? { kind: 'record', reason: 'change' } : { kind: 'wait', wakeInMs: POLICY.minChangeGapMs - since });
      }),
    );
  });

  it('never waits past the next heartbeat, and never asks to wake in the past', () => {
    fc.assert(
      fc.property(memoryArb, statesArb, fc.integer({ min: 0, max: 1e7 }), (memory, states, since) => {
        const decision = decide(memory, states, memory.atMs + since, POLICY);
        if (decision.kind === 'wait') {
          expect(decision.wakeInMs).toBeGreaterThan(0);
          expect(decision.wakeInMs).toBeLessThanOrEqual(POLICY.periodicMs);
        }
      }),
    );
  });

  it('a clock that went back (now before the last record) is a wait, not a record', () => {
    const memory: StatusMemory = { recorded: FINE, atMs: 1_000_000 };
    expect(decide(memory, { ...FINE, buttons: 'waiting' }, 999_000, POLICY)).toEqual({ kind: 'wait', wakeInMs: 61_000 });
  });

  it('counts only the four states: each one alone is a change', () => {
    for (const changed of [{ buttons: 'waiting' }, { printer: 'paper-near-end' }, { storage: 'failing' }, { hub: 'connecting' }] as const) {
      expect(decide({ recorded: FINE, atMs: 0 }, { ...FINE, ...changed }, POLICY.minChangeGapMs, POLICY)).toEqual({ kind: 'record', reason: 'change' });
    }
  });
});

describe('settle: the box passing through "connecting"', () => {
  it('keeps the box state seen before, so an unplugged box retrying is no change', () => {
    const seen: ReportedStates = { ...FINE, buttons: 'waiting' };
    const memory: StatusMemory = { recorded: seen, atMs: 0 };
    expect(settle(seen, { ...FINE, buttons: 'connecting' })).toEqual(seen);
    expect(decide(memory, settle(seen, { ...FINE, buttons: 'connecting' }), 10 * POLICY.minChangeGapMs, POLICY)).toEqual({ kind: 'record', reason: 'periodic' });
  });

  it('is "connecting" with nothing seen before, and leaves every other state as observed', () => {
    expect(settle(null, { ...FINE, buttons: 'connecting' }).buttons).toBe('connecting');
    fc.assert(
      fc.property(statesArb, statesArb, (previous, observed) => {
        const settled = settle(previous, observed);
        expect({ ...settled, buttons: null }).toEqual({ ...observed, buttons: null });
        expect(settled.buttons).toBe(observed.buttons === 'connecting' ? previous.buttons : observed.buttons);
      }),
    );
  });
});
