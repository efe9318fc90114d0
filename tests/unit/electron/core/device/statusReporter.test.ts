import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStatusReporter, STATUS_START_WAIT_MS, type StatusDetails } from '../../../../../electron/core/device/statusReporter.ts';
import { STATUS_CHANGE_GAP_MS, STATUS_PERIOD_MS, type ReportedStates } from '../../../../../electron/core/device/statusEvents.ts';
import { deviceStatusSchema, type DeviceStatusPayload } from '../../../../../shared/events.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';

const FINE: ReportedStates = { buttons: 'connected', printer: 'ready', storage: 'ok', hub: 'connected' };
const DETAILS: StatusDetails = { version: '0.1.0', mode: 'tickets', backlog: 3, oldestUnsentAt: '2026-11-23T10:14:58.004+03:00', clockOffsetMs: -12, storageProblem: null };

/** A reporter over states the test sets, recording into an array (or failing, when `failing` says so). */
function rig(options: { failing?: () => boolean } = {}) {
  const time = new FakeTime();
  let states: ReportedStates = FINE;
  const recorded: { at: number; payload: DeviceStatusPayload }[] = [];
  let attempts = 0;
  const failures: unknown[] = [];
  const reporter = createStatusReporter({
    clock: time,
    scheduler: time,
    sources: { states: () => states, details: () => DETAILS },
    record: (payload) => {
      attempts += 1;
      if (options.failing?.()) throw new Error('SQLITE_FULL: database or disk is full');
      recorded.push({ at: time.monotonicMs(), payload: deviceStatusSchema.parse(payload) });
    },
    onWriteFailed: (error) => failures.push(error),
  });
  return {
    time,
    reporter,
    recorded,
    failures,
    attempts: () => attempts,
    reasons: () => recorded.map((entry) => entry.payload.reason),
    /** The state changes, and the device pokes as running.ts does (every status request). */
    set(change: Partial<ReportedStates>) {
      states = { ...states, ...change };
      reporter.poke();
    },
  };
}

describe('the device.status reporter', () => {
  it('records the first status at once when nothing is connecting, with the states and the details', () => {
    const r = rig();
    r.reporter.start();
    expect(r.recorded).toEqual([{ at: 0, payload: { reason: 'start', ...DETAILS, ...FINE, failedWrites: 0 } }]);
    r.reporter.stop();
  });

  it('waits for a box or a hub link still connecting at start: records where it lands, or "connecting" after the start wait', () => {
    const r = rig();
    r.set({ buttons: 'connecting' });
    r.reporter.start();
    r.time.advance(1_000);
    expect(r.recorded).toEqual([]);
    r.set({ buttons: 'connected' });
    r.time.advance(0);
    expect(r.recorded.map((entry) => [entry.at, entry.payload.reason, entry.payload.buttons])).toEqual([[1_000, 'start', 'connected']]);
    r.reporter.stop();

    const down = rig();
    down.set({ hub: 'connecting' });
    down.reporter.start();
    down.time.advance(STATUS_START_WAIT_MS - 1);
    expect(down.recorded).toEqual([]);
    down.time.advance(1);
    expect(down.recorded.map((entry) => [entry.at, entry.payload.reason, entry.payload.hub])).toEqual([[STATUS_START_WAIT_MS, 'start', 'connecting']]);
    down.reporter.stop();
  });

  it('a box unplugged: one change event, right away when the last status is older than the gap', () => {
    const r = rig();
    r.reporter.start();
    r.time.advance(STATUS_CHANGE_GAP_MS);
    r.set({ buttons: 'waiting' });
    r.time.advance(0);
    expect(r.reasons()).toEqual(['start', 'change']);
    expect(r.recorded[1]?.payload.buttons).toBe('waiting');
    // Its reconnect attempts pass through "connecting" and land on "waiting" again: nothing more until the heartbeat.
    for (let i = 0; i < 20; i += 1) {
      r.set({ buttons: 'connecting' });
      r.time.advance(1_000);
      r.set({ buttons: 'waiting' });
      r.time.advance(1_000);
    }
    expect(r.reasons()).toEqual(['start', 'change']);
    r.reporter.stop();
  });

  it('a change within the gap waits for its end, and the state at the end wins', () => {
    const r = rig();
    r.reporter.start();
    r.set({ printer: 'paper-near-end' });
    r.time.advance(10_000);
    r.set({ printer: 'paper-out' });
    r.time.advance(STATUS_CHANGE_GAP_MS - 10_001);
    expect(r.reasons()).toEqual(['start']);
    r.time.advance(1);
    expect(r.recorded.map((entry) => [entry.payload.reason, entry.payload.printer, entry.at])).toEqual([
      ['start', 'ready', 0],
      ['change', 'paper-out', STATUS_CHANGE_GAP_MS],
    ]);
    r.reporter.stop();
  });

  it('a flap that came back within the gap is no event', () => {
    const r = rig();
    r.reporter.start();
    r.set({ hub: 'connecting' });
    r.time.advance(5_000);
    r.set({ hub: 'connected' });
    r.time.advance(STATUS_PERIOD_MS - 5_001);
    expect(r.reasons()).toEqual(['start']);
    r.reporter.stop();
  });

  it('a heartbeat every 5 minutes when nothing changes; a change moves the next one', () => {
    const r = rig();
    r.reporter.start();
    r.time.advance(STATUS_PERIOD_MS);
    expect(r.reasons()).toEqual(['start', 'periodic']);
    r.time.advance(2 * STATUS_PERIOD_MS);
    expect(r.reasons()).toEqual(['start', 'periodic', 'periodic', 'periodic']);
    r.time.advance(60_000);
    r.set({ storage: 'failing' });
    r.time.advance(0);
    r.time.advance(STATUS_PERIOD_MS - 1);
    expect(r.reasons()).toEqual(['start', 'periodic', 'periodic', 'periodic', 'change']);
    r.time.advance(1);
    expect(r.reasons()).toEqual(['start', 'periodic', 'periodic', 'periodic', 'change', 'periodic']);
    r.reporter.stop();
  });

  it('a flapping box writes at most one event per gap, each at least the gap apart, and the last one tells the final state', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ afterMs: fc.integer({ min: 0, max: 90_000 }), buttons: fc.constantFrom('connected', 'waiting', 'error', 'connecting' as const) }), { minLength: 1, maxLength: 200 }),
        (flaps) => {
          const r = rig();
          r.reporter.start();
                for (const flap of flaps) {
            r.set({ buttons: flap.buttons });
            r.time.advance(flap.afterMs);
          }
          const last = flaps.map((flap) => flap.buttons).filter((state) => state !== 'connecting').at(-1);
          // Settled: after one more gap the latest state is what the collector has.
          r.time.advance(STATUS_CHANGE_GAP_MS);
          const span = r.time.monotonicMs();
          expect(r.recorded.length).toBeLessThanOrEqual(1 + Math.floor(span / STATUS_CHANGE_GAP_MS));
          for (let i = 1; i < r.recorded.length; i += 1) expect(r.recorded[i]!.at - r.recorded[i - 1]!.at).toBeGreaterThanOrEqual(STATUS_CHANGE_GAP_MS);
          if (last !== undefined) expect(r.recorded.at(-1)?.payload.buttons).toBe(last);
          r.reporter.stop();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('storage failing: each failed write is counted and reported, and retried only after the gap or at the heartbeat, never in a loop', () => {
    let failing = false;
    const r = rig({ failing: () => failing });
    r.reporter.start();
    failing = true;
    r.set({ storage: 'failing' });
    r.time.advance(0);
    expect(r.attempts()).toBe(1);
    r.time.advance(STATUS_CHANGE_GAP_MS);
    // One failed attempt (the change); every poke since asks for a look, not a write.
    for (let i = 0; i < 1_000; i += 1) r.reporter.poke();
    r.time.advance(0);
    expect(r.attempts()).toBe(2);
    expect(r.reporter.failedWrites()).toBe(1);
    expect(r.failures).toHaveLength(1);
    // An hour failing: one attempt per heartbeat.
    r.time.advance(3_600_000);
    expect(r.attempts()).toBe(2 + 12);
    expect(r.reporter.failedWrites()).toBe(13);
    // The disk is back: the next status carries the count of the ones lost.
    failing = false;
    r.set({ storage: 'ok' });
    r.time.advance(STATUS_CHANGE_GAP_MS);
    expect(r.recorded.at(-1)?.payload).toMatchObject({ reason: 'change', storage: 'ok', failedWrites: 13 });
    r.reporter.stop();
  });

  it('details that cannot be read count as a failed write, like the append', () => {
    const time = new FakeTime();
    const failures: unknown[] = [];
    const reporter = createStatusReporter({
      clock: time,
      scheduler: time,
      sources: {
        states: () => FINE,
        details: () => {
          throw new Error('journal closed');
        },
      },
      record: () => undefined,
      onWriteFailed: (error) => failures.push(error),
    });
    reporter.start();
    expect(reporter.failedWrites()).toBe(1);
    expect(failures).toHaveLength(1);
    reporter.stop();
  });

  it('after stop: no timer left, pokes do nothing', () => {
    const r = rig();
    r.reporter.start();
    r.reporter.stop();
    expect(r.time.pendingTimers()).toBe(0);
    r.set({ buttons: 'waiting' });
    r.time.advance(STATUS_PERIOD_MS * 2);
    expect(r.reasons()).toEqual(['start']);
    expect(r.time.pendingTimers()).toBe(0);
  });
});
