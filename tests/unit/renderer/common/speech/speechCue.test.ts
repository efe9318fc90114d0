import { describe, expect, it } from 'vitest';
import { createCueTracker } from '../../../../../renderer/common/speech/speechCue.ts';

describe('box cues in speech mode', () => {
  it('the cue found at load is old: never acted on; each new seq once', () => {
    const tracker = createCueTracker();
    expect(tracker.take({ seq: 7, key: 'choose' })).toBeNull();
    expect(tracker.take({ seq: 7, key: 'choose' })).toBeNull();
    expect(tracker.take({ seq: 8, key: 'next' })).toEqual({ seq: 8, key: 'next' });
    expect(tracker.take({ seq: 8, key: 'next' })).toBeNull();
    expect(tracker.take({ seq: 9, key: 'next' })).toEqual({ seq: 9, key: 'next' });
  });

  it('no cue at load: the first press counts; a restarted core counting from 1 again counts too', () => {
    const tracker = createCueTracker();
    expect(tracker.take(null)).toBeNull();
    expect(tracker.take({ seq: 1, key: 'next' })).toEqual({ seq: 1, key: 'next' });
    expect(tracker.take(null)).toBeNull();
    expect(tracker.take({ seq: 1, key: 'next' })).toBeNull();
    expect(tracker.take({ seq: 5, key: 'repeat' })).toEqual({ seq: 5, key: 'repeat' });
    expect(tracker.take({ seq: 1, key: 'choose' })).toEqual({ seq: 1, key: 'choose' });
  });
});
