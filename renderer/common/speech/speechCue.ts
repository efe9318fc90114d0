import type { SpeechKeyView } from '../../../shared/kioskApi.ts';

/**
 * The box's keys in speech mode arrive as a cue in the state ({seq, key}): each new seq is one press,
 * acted on once. The cue the page finds when it loads (or reloads) is an old press, already acted on
 * by the page before: it is the baseline, never acted on again. Pure.
 */
export interface CueTracker {
  /** The press to act on now, or null (no cue, the same one again, or the baseline). */
  take(cue: SpeechKeyView | null): SpeechKeyView | null;
}

export function createCueTracker(): CueTracker {
  // undefined: no state seen yet; null: the first state had no cue.
  let lastSeq: number | null | undefined;
  return {
    take(cue) {
      if (lastSeq === undefined) {
        lastSeq = cue?.seq ?? null;
        return null;
      }
      if (cue === null) return null;
      // A restarted core counts from 1 again: any seq other than the last one is a new press.
      if (cue.seq === lastSeq) return null;
      lastSeq = cue.seq;
      return cue;
    },
  };
}
