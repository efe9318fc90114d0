import { describe, expect, it } from 'vitest';
import { createSpeechMode, newSpeechModeCounters, RESET_LOOK_MS } from '../../../../../electron/core/speech/speechMode.ts';
import { speechSchema } from '../../../../../shared/config.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';

const IDLE_MS = 60_000;

function setup(options: { available?: boolean; speech?: Record<string, unknown>; start?: string; keys?: { previous: number; next: number; choose: number; repeat: number } } = {}) {
  // 07:00Z is 10:00 in Moscow; the default reset is at 06:00 local (03:00Z).
  const time = new FakeTime(options.start ?? '2026-11-23T07:00:00.000Z');
  const counters = newSpeechModeCounters();
  const speech = speechSchema.parse({ volume: 80, timeoutFactor: 3, ...options.speech });
  let changes = 0;
  const stretched: number[] = [];
  const mode = createSpeechMode({
    speech,
    timeZone: 'Europe/Moscow',
    clock: time,
    scheduler: time,
    available: options.available ?? true,
    idleMs: IDLE_MS,
    ...(options.keys ? { keys: options.keys } : {}),
    counters,
    onChange: () => (changes += 1),
    onTurnedOn: (factor) => stretched.push(factor),
  });
  return { time, counters, mode, stretched, changes: () => changes };
}

describe('speech mode', () => {
  it('starts off, at the configured volume, with no key and no longer timeouts', () => {
    const { mode } = setup();
    expect(mode.view()).toEqual({ available: true, on: false, volume: 0.8, key: null, timeoutFactor: 1 });
    expect(mode.timeoutFactor()).toBe(1);
  });

  it('tells the box keys it was given (a dispenser with a box), on and off; none given, none told', () => {
    const keys = { previous: 6, next: 7, choose: 8, repeat: 5 };
    const { mode } = setup({ keys });
    expect(mode.view().keys).toEqual(keys);
    mode.set(true, 'serial');
    expect(mode.view()).toMatchObject({ on: true, keys });
    expect(setup().mode.view()).not.toHaveProperty('keys');
  });

  it('turns on from the screen, a key or the box, each counted by its source; the face stretches its countdown', () => {
    const { mode, counters, stretched, changes } = setup();
    expect(mode.set(true, 'touch')).toBe(true);
    expect(mode.view()).toMatchObject({ on: true, timeoutFactor: 3 });
    expect(stretched).toEqual([3]);
    mode.set(false, 'start');
    mode.set(true, 'keyboard');
    mode.set(false, 'touch');
    mode.set(true, 'serial');
    // Asking again for what is on already counts nothing and stretches nothing.
    mode.set(true, 'serial');
    expect(counters).toMatchObject({ speechOnTouch: 1, speechOnKeyboard: 1, speechOnSerial: 1 });
    expect(stretched).toEqual([3, 3, 3]);
    expect(changes()).toBe(5);
  });

  it('refuses to turn on where speech is not available; turning off is always accepted', () => {
    const { mode, counters } = setup({ available: false });
    expect(mode.set(true, 'touch')).toBe(false);
    expect(mode.view()).toMatchObject({ available: false, on: false, timeoutFactor: 1 });
    expect(mode.set(false, 'start')).toBe(true);
    expect(counters.speechOnTouch).toBe(0);
  });

  it('moves the visitor volume by the step, within 0–100, only in speech mode, and forgets it when speech mode ends', () => {
    const { mode } = setup({ speech: { volume: 85 } });
    expect(mode.changeVolume(1)).toBe(false);
    mode.set(true, 'touch');
    expect(mode.changeVolume(1)).toBe(true);
    expect(mode.volume()).toBe(95);
    mode.changeVolume(1);
    mode.changeVolume(1);
    expect(mode.volume()).toBe(100);
    for (let i = 0; i < 12; i += 1) mode.changeVolume(-1);
    expect(mode.volume()).toBe(0);
    expect(mode.view().volume).toBe(0);
    mode.changeVolume(1);
    expect(mode.view().volume).toBeCloseTo(0.1);
    // EN 301 549 §5.1.3.13: the next visitor starts at the configured volume.
    mode.screenAtStart();
    expect(mode.view()).toMatchObject({ on: false, volume: 0.85, key: null });
  });

  it('numbers each box key; a key outside speech mode is dropped; the key goes when speech mode ends', () => {
    const { mode } = setup();
    mode.cue('next');
    expect(mode.view().key).toBeNull();
    mode.set(true, 'serial');
    mode.cue('next');
    mode.cue('next');
    mode.cue('choose');
    expect(mode.view().key).toEqual({ seq: 3, key: 'choose' });
    mode.set(false, 'start');
    expect(mode.view().key).toBeNull();
    mode.set(true, 'serial');
    mode.cue('repeat');
    // seq keeps growing across visits: the page never mistakes a new key for one it acted on.
    expect(mode.view().key).toEqual({ seq: 4, key: 'repeat' });
  });

  it('ends by itself when nobody pressed or touched for the idle time × timeoutFactor; activity starts that time again', () => {
    const { mode, time, counters } = setup();
    mode.set(true, 'touch');
    time.advance(IDLE_MS * 3 - 1_000);
    mode.activity();
    time.advance(IDLE_MS * 3 - 1_000);
    mode.cue('next');
    time.advance(IDLE_MS * 3 - 1_000);
    mode.changeVolume(1);
    time.advance(IDLE_MS * 3 - 1);
    expect(mode.isOn()).toBe(true);
    time.advance(1);
    expect(mode.isOn()).toBe(false);
    expect(mode.view()).toMatchObject({ volume: 0.8, timeoutFactor: 1 });
    expect(counters.speechIdleEnds).toBe(1);
  });

  it('ends when the screen is back at its start, and the walked-away timer stops with it', () => {
    const { mode, time, counters } = setup();
    mode.set(true, 'touch');
    mode.screenAtStart();
    expect(mode.isOn()).toBe(false);
    time.advance(IDLE_MS * 10);
    expect(counters.speechIdleEnds).toBe(0);
  });

  it('resets every volume set since at speech.resetAt, local time, every day', () => {
    // 02:00Z = 05:00 Moscow: the reset is an hour away.
    const { mode, time } = setup({ start: '2026-11-23T02:00:00.000Z', speech: { volume: 50, resetAt: '06:00' } });
    mode.set(true, 'touch');
    mode.changeVolume(1);
    expect(mode.volume()).toBe(60);
    // A visitor still there (a press every 100 s) until a second before the reset.
    for (let at = 0; at < 3_599_000; at += 100_000) {
      time.advance(Math.min(100_000, 3_599_000 - at));
      mode.activity();
    }
    expect(mode.volume()).toBe(60);
    time.advance(2_000);
    expect(mode.volume()).toBe(50);
    expect(mode.isOn()).toBe(true);
    // The next day, again (speech mode ended meanwhile when the visitor walked away).
    mode.set(true, 'touch');
    mode.changeVolume(-1);
    time.advance(24 * 60 * 60_000);
    expect(mode.volume()).toBe(50);
  });

  it('notices a wall clock set past the reset time within RESET_LOOK_MS', () => {
    const { mode, time } = setup({ start: '2026-11-23T02:00:00.000Z', speech: { volume: 50 } });
    mode.set(true, 'touch');
    mode.changeVolume(1);
    time.setWall('2026-11-23T04:00:00.000Z');
    // The visitor still there (a press every 100 s): only the reset can bring the volume back.
    for (let at = 0; at < RESET_LOOK_MS; at += 100_000) {
      time.advance(Math.min(100_000, RESET_LOOK_MS - at));
      mode.activity();
    }
    expect(mode.isOn()).toBe(true);
    expect(mode.volume()).toBe(50);
  });

  it('a device at rest keeps no timer: the reset waits only while a volume differs', () => {
    const { mode, time } = setup();
    expect(time.pendingTimers()).toBe(0);
    mode.set(true, 'touch');
    expect(time.pendingTimers()).toBe(1);
    mode.changeVolume(1);
    expect(time.pendingTimers()).toBe(2);
    mode.screenAtStart();
    expect(time.pendingTimers()).toBe(0);
  });

  it('close stops every timer', () => {
    const { mode, time } = setup();
    mode.set(true, 'touch');
    mode.changeVolume(1);
    mode.close();
    expect(time.pendingTimers()).toBe(0);
  });
});
