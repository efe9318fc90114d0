import type { SpeechConfig } from '../../../shared/config.ts';
import { speechRules, type SpeechKeyName } from '../../../shared/configRules.ts';
import type { SpeechKeyView, SpeechView } from '../../../shared/kioskApi.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import { nextLocalClockTime } from './localClockTime.ts';

/**
 * Speech mode of a device (issue #15, docs/accessibility.md): whether the citizen screen reads itself
 * aloud, how loud, and the box keys a visitor who cannot see pressed. One per running configuration;
 * the faces know it only through `timeoutFactor` and by saying when their screen is back at its start.
 *
 * It ends when the screen returns to its start (the face tells `screenAtStart`, or the page asks), or
 * when nobody pressed or touched anything for the screen's idle time × timeoutFactor: a visitor who
 * walked away must not leave the next one a talking kiosk at a changed volume.
 *
 * Volume: the device's volume (speech.volume, what the hall board plays at) and, in speech mode, the
 * visitor's own for this visit. The visitor's goes when speech mode ends (EN 301 549 §5.1.3.13: volume
 * reset after use); every volume set since goes at the next speech.resetAt (device.timezone).
 */

/** What turned speech mode on or off: the on-screen button, a key, the box's speech button, the screen back at its start. */
export type SpeechModeSource = 'touch' | 'keyboard' | 'serial' | 'start';

/** Shown by okno doctor (the status file's counters). */
export interface SpeechModeCounters {
  speechOnTouch: number;
  speechOnKeyboard: number;
  speechOnSerial: number;
  /** A walked-away visitor: speech mode ended by itself after the idle time. */
  speechIdleEnds: number;
  /** `speak` requests the voice could not answer. */
  speakFailures: number;
}

export const newSpeechModeCounters = (): SpeechModeCounters => ({ speechOnTouch: 0, speechOnKeyboard: 0, speechOnSerial: 0, speechIdleEnds: 0, speakFailures: 0 });

const ON_COUNTER = { touch: 'speechOnTouch', keyboard: 'speechOnKeyboard', serial: 'speechOnSerial' } as const satisfies Record<Exclude<SpeechModeSource, 'start'>, keyof SpeechModeCounters>;

export interface SpeechModeDeps {
  readonly speech: SpeechConfig;
  readonly timeZone: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** speech.mode is on, a voice is loaded and the face is a citizen screen (rating, tickets). */
  readonly available: boolean;
  /**
   * The box's button for each move (buttons.speechKeys) on a dispenser with a button box, told to the
   * page so it says the buttons the visitor really has; absent elsewhere (the page then says the defaults).
   */
  readonly keys?: Readonly<Record<SpeechKeyName, number>>;
  /** The citizen screen's own idle time (rating.idleSeconds, queue.idleSeconds), in ms. */
  readonly idleMs: number;
  readonly counters: SpeechModeCounters;
  /** The view changed (the device publishes a new state). */
  readonly onChange: () => void;
  /** Speech mode just turned on: the face stretches the countdown it is running by `factor`. */
  readonly onTurnedOn?: (factor: number) => void;
  /** A counter changed (the status file). */
  readonly onCounters?: () => void;
}

export interface SpeechMode {
  view(): SpeechView;
  isOn(): boolean;
  readonly available: boolean;
  /** Every timeout of the citizen screen is this many times longer: speech.timeoutFactor in speech mode, else 1. */
  timeoutFactor(): number;
  /** The device's volume now, 0–100 (the visitor's own in speech mode): what the hall board also plays at. */
  volume(): number;
  /** False when asked to turn on where speech is not available. */
  set(on: boolean, source: SpeechModeSource): boolean;
  /** The visitor's louder (+1) or quieter (−1): speechRules.volumeStep, within 0–100, for this visit. False outside speech mode. */
  changeVolume(step: 1 | -1): boolean;
  /** A box key in speech mode, for the screen to act on. Counts as activity. */
  cue(key: SpeechKeyName): void;
  /** A press or a touch: the visitor is still there. */
  activity(): void;
  /** The screen is back at its start (the rating session idle, the dispenser's menu): speech mode ends. */
  screenAtStart(): void;
  close(): void;
}

/** Longest sleep before the daily reset looks at the wall clock again: a clock set forward is noticed within it. */
export const RESET_LOOK_MS = 10 * 60_000;

export function createSpeechMode(deps: SpeechModeDeps): SpeechMode {
  const { speech, clock, scheduler, counters } = deps;
  let on = false;
  /** The device's volume: speech.volume until the visitor or a technician changes it; back at the daily reset. */
  let deviceVolume = speech.volume;
  /** The visitor's volume in speech mode; null outside it. */
  let visitVolume: number | null = null;
  let key: SpeechKeyView | null = null;
  let seq = 0;
  let idleTimer: unknown = null;
  let resetTimer: unknown = null;
  let nextResetAt = 0;
  let closed = false;

  const factor = (): number => (on ? speech.timeoutFactor : 1);

  const stopIdle = (): void => {
    if (idleTimer !== null) scheduler.clearTimeout(idleTimer);
    idleTimer = null;
  };
  /** The walked-away timer: restarted by every press or touch while speech mode is on. */
  const armIdle = (): void => {
    stopIdle();
    if (!on || closed) return;
    idleTimer = scheduler.setTimeout(() => {
      idleTimer = null;
      if (!on) return;
      counters.speechIdleEnds += 1;
      turnOff();
      deps.onCounters?.();
      deps.onChange();
    }, deps.idleMs * speech.timeoutFactor);
  };

  const turnOff = (): void => {
    on = false;
    visitVolume = null;
    key = null;
    stopIdle();
    followReset();
  };

  /** The daily reset: looks at the wall clock at most every RESET_LOOK_MS, so a clock set forward still resets. */
  const armReset = (): void => {
    const wait = Math.min(RESET_LOOK_MS, Math.max(0, nextResetAt - clock.now().getTime()));
    resetTimer = scheduler.setTimeout(() => {
      resetTimer = null;
      if (clock.now().getTime() < nextResetAt) {
        armReset();
        return;
      }
      deviceVolume = speech.volume;
      visitVolume = null;
      deps.onChange();
    }, wait);
  };
  /**
   * A timer only while some volume differs from speech.volume (a device at rest keeps no timer): armed
   * for the next resetAt after the first change, stopped when every volume is back by other means.
   */
  function followReset(): void {
    const changed = deviceVolume !== speech.volume || visitVolume !== null;
    if (changed && resetTimer === null && !closed) {
      nextResetAt = nextLocalClockTime(clock.now(), deps.timeZone, speech.resetAt).getTime();
      armReset();
    } else if (!changed && resetTimer !== null) {
      scheduler.clearTimeout(resetTimer);
      resetTimer = null;
    }
  }

  const volume = (): number => visitVolume ?? deviceVolume;

  return {
    available: deps.available,
    view: () => ({ available: deps.available, on, volume: volume() / 100, key, timeoutFactor: factor(), ...(deps.keys ? { keys: deps.keys } : {}) }),
    isOn: () => on,
    timeoutFactor: factor,
    volume,
    set(wanted, source) {
      if (wanted && !deps.available) return false;
      if (wanted === on) {
        if (on) armIdle();
        return true;
      }
      if (wanted) {
        on = true;
        if (source !== 'start') counters[ON_COUNTER[source]] += 1;
        armIdle();
        deps.onTurnedOn?.(speech.timeoutFactor);
        deps.onCounters?.();
      } else {
        turnOff();
      }
      deps.onChange();
      return true;
    },
    changeVolume(step) {
      if (!on) return false;
      const next = Math.min(speechRules.volume.max, Math.max(speechRules.volume.min, volume() + step * speechRules.volumeStep));
      armIdle();
      if (next === volume()) return true;
      visitVolume = next;
      followReset();
      deps.onChange();
      return true;
    },
    cue(name) {
      if (!on) return;
      seq += 1;
      key = { seq, key: name };
      armIdle();
      deps.onChange();
    },
    activity() {
      if (on) armIdle();
    },
    screenAtStart() {
      if (!on) return;
      turnOff();
      deps.onChange();
    },
    close() {
      closed = true;
      stopIdle();
      if (resetTimer !== null) scheduler.clearTimeout(resetTimer);
      resetTimer = null;
    },
  };
}
