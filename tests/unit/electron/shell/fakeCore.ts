import type { ServedDevice } from '../../../../electron/core/device/device.ts';
import type { KioskEvent, KioskState } from '../../../../shared/kioskApi.ts';
import type { RequestAnswer, RequestName } from '../../../../shared/requests/registry.ts';
import { fail, ok, type Result } from '../../../../shared/result.ts';

export const sampleState = (revision: number): KioskState => ({
  revision,
  device: { id: 'test-w01', office: 'Test office', window: '1', mode: 'rating' },
  ui: { defaultLocale: 'ru', locales: ['ru', 'en'] },
  rating: { scale: 5, followUpReasons: [] },
  session: { phase: 'idle', locale: 'ru' },
  tickets: null,
  operator: null,
  hall: null,
  visit: null,
  speech: { available: false, on: false, volume: 0, key: null, timeoutFactor: 1 },
  health: { needsTechnician: false, problems: [] },
  technician: { phase: 'closed' },
});

/** A core that answers like the real one would, so the tests can tell answers apart. */
export function createFakeCore() {
  const calls: Array<{ intent: RequestName; input: unknown }> = [];
  const listeners = new Set<(event: KioskEvent) => void>();
  let state = sampleState(1);
  let throwOnNext: Error | null = null;

  const answer = (intent: RequestName, input: unknown): Result<unknown> => {
      calls.push({ intent, input });
      if (throwOnNext) {
        const error = throwOnNext;
        throwOnNext = null;
        throw error;
      }
      if (intent === 'press') {
        const score = (input as { score?: unknown } | null)?.score;
        if (typeof score !== 'number') return fail('invalid-input', 'score: expected number');
        if (score > 5) return fail('score-out-of-range', `score ${score} is outside 1..5`);
        return ok({ outcome: 'recorded', eventId: `event-${calls.length}` });
      }
      return ok(null);
  };

  const core: ServedDevice = {
    getState: () => state,
    // Answers as the real device would for the requests these tests make; the type is the test's word.
    handle: async <Name extends RequestName>(intent: Name, input: unknown) => answer(intent, input) as Result<RequestAnswer<Name>>,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    core,
    calls,
    publish(revision: number): KioskEvent {
      state = sampleState(revision);
      const event: KioskEvent = { type: 'state', state };
      for (const listener of listeners) listener(event);
      return event;
    },
    throwOnNextHandle(error: Error): void {
      throwOnNext = error;
    },
    get listenerCount(): number {
      return listeners.size;
    },
  };
}
