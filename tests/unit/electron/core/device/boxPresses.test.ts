import { describe, expect, it } from 'vitest';
import { boxPressHandler, type BoxPressRules } from '../../../../../electron/core/device/boxPresses.ts';
import type { SpeechKeyName } from '../../../../../shared/configRules.ts';
import { ok } from '../../../../../shared/result.ts';

const KEYS = { previous: 1, next: 2, choose: 3, repeat: 4 } as const;

/** A box wired as running.ts wires it, with every consequence written down. */
function box(options: { face: 'rating' | 'tickets'; speechOn?: boolean; available?: boolean; technicianOpen?: boolean; speechButton?: number; serviceButton?: number }) {
  const log: string[] = [];
  let on = options.speechOn ?? false;
  const rules: BoxPressRules = {
    serviceButton: options.serviceButton ?? 9,
    openPinPad: () => log.push('pin pad'),
    technicianOpen: () => options.technicianOpen ?? false,
    vote:
      options.face === 'rating'
        ? (score) => {
            log.push(`vote ${score}`);
            return ok({ outcome: score === 5 ? ('suppressed' as const) : ('recorded' as const), eventId: 'e' });
          }
        : null,
    speech: {
      button: options.speechButton ?? 8,
      keys: options.face === 'tickets' ? KEYS : null,
      mode: {
        isOn: () => on,
        set: (wanted, source) => {
          if (options.available === false) return false;
          log.push(`speech ${wanted ? 'on' : 'off'} (${source})`);
          on = wanted;
          return true;
        },
        cue: (key: SpeechKeyName) => log.push(`cue ${key}`),
        activity: () => log.push('activity'),
      },
    },
  };
  const press = boxPressHandler(rules);
  const leds: number[] = [];
  return { log, leds, press: (button: number) => press(button, () => leds.push(button)) };
}

describe('what a box press means', () => {
  it('1. the service button opens the PIN pad, before anything else, in speech mode too', () => {
    for (const face of ['rating', 'tickets'] as const) {
      const b = box({ face, speechOn: true, serviceButton: 2 });
      b.press(2);
      expect(b.log).toEqual(['pin pad']);
    }
  });

  it('2. technician mode open: nothing — no vote, no speech, no cue', () => {
    for (const speechOn of [false, true]) {
      const b = box({ face: 'tickets', speechOn, technicianOpen: true });
      for (const button of [1, 2, 3, 4, 8]) b.press(button);
      const r = box({ face: 'rating', speechOn, technicianOpen: true });
      for (const button of [1, 3, 8]) r.press(button);
      expect([...b.log, ...r.log]).toEqual([]);
      expect(r.leds).toEqual([]);
    }
  });

  it('3. the speech button turns speech mode on (serial), then repeats; it never votes', () => {
    const r = box({ face: 'rating' });
    r.press(8);
    r.press(8);
    expect(r.log).toEqual(['activity', 'speech on (serial)', 'activity', 'cue repeat']);
    const t = box({ face: 'tickets' });
    t.press(8);
    t.press(8);
    expect(t.log).toEqual(['activity', 'speech on (serial)', 'activity', 'cue repeat']);
  });

  it('3. where the device cannot speak the speech button does nothing', () => {
    const r = box({ face: 'rating', available: false, speechButton: 3 });
    r.press(3);
    expect(r.log).toEqual(['activity']);
    expect(r.leds).toEqual([]);
  });

  it('4. in speech mode on a dispenser the speech keys are cues, in the order pressed', () => {
    const t = box({ face: 'tickets', speechOn: true });
    for (const button of [2, 2, 1, 4, 3, 5]) t.press(button);
    expect(t.log.filter((line) => line !== 'activity')).toEqual(['cue next', 'cue next', 'cue previous', 'cue repeat', 'cue choose']);
  });

  it('4. outside speech mode a dispenser’s keys do nothing (only the speech and service buttons)', () => {
    const t = box({ face: 'tickets' });
    for (const button of [1, 2, 3, 4]) t.press(button);
    expect(t.log).toEqual(['activity', 'activity', 'activity', 'activity']);
  });

  it('5./6. on a rating terminal the scores vote in speech mode as before, the LED only for a recorded vote', () => {
    for (const speechOn of [false, true]) {
      const r = box({ face: 'rating', speechOn });
      for (const button of [1, 2, 5]) r.press(button);
      expect(r.log.filter((line) => line.startsWith('vote') || line.startsWith('cue'))).toEqual(['vote 1', 'vote 2', 'vote 5']);
      expect(r.leds).toEqual([1, 2]);
    }
  });

  it('a box without speech keeps the old rules', () => {
    const log: string[] = [];
    const press = boxPressHandler({ serviceButton: 4, openPinPad: () => log.push('pin pad'), technicianOpen: () => false, vote: (score) => (log.push(`vote ${score}`), ok({ outcome: 'recorded', eventId: 'e' })), speech: null });
    press(4, () => undefined);
    press(2, () => log.push('led'));
    expect(log).toEqual(['pin pad', 'vote 2', 'led']);
  });
});
