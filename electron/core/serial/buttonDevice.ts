import { MAX_KEYMAP_FRAME_BYTES, type ButtonsConfig } from '../../../shared/config.ts';
import { buttonsRules } from '../../../shared/configRules.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import { ackLine, HELLO_REQUEST, parseButtonLine, type DropReason } from './buttonProtocol.ts';
import { createDebouncer } from './debounce.ts';
import { buttonForFrame, createKeymapFramer, toHex } from './keymapFramer.ts';
import { createLineFramer } from './lineFramer.ts';
import { findButtonPort } from './portDiscovery.ts';
import { reconnectDelayMs } from './reconnectPolicy.ts';
import { classifyOpenError, type SerialLink, type SerialPorts } from './serialPort.ts';

/**
 * The hardware button device: opens the configured port, turns its bytes into presses (okno-buttons/1
 * or a learned keymap), lights the LED when the core says a vote was committed, and keeps trying to
 * reconnect — a device unplugged, missing at start or refused is a status and a counter, never a crash.
 */

export type ButtonDeviceState = 'connecting' | 'connected' | 'waiting' | 'error' | 'stopped';

export interface ButtonCounters {
  presses: number;
  bounces: number;
  checksum: number;
  unknown: number;
  malformed: number;
  overlong: number;
  unmappedFrames: number;
  pressesBeyondDevice: number;
  connects: number;
  disconnects: number;
  notFound: number;
  permissionDenied: number;
  openFailed: number;
  ackFailures: number;
}

export interface ButtonDeviceStatus {
  readonly state: ButtonDeviceState;
  readonly configuredPath: string;
  readonly path: string | null;
  readonly protocol: ButtonsConfig['protocol'];
  readonly device: { readonly model: string; readonly firmware: string; readonly buttons: number } | null;
  readonly lastLine: string | null;
  readonly lastLineAt: string | null;
  readonly lastError: string | null;
  readonly nextRetryInMs: number | null;
  readonly counters: Readonly<ButtonCounters>;
}

export interface LearnedButton {
  readonly button: number;
  readonly sequence: string;
}

export interface ButtonDevice {
  start(): void;
  stop(): Promise<void>;
  /** Light LED `button`: only after the core committed the vote it came from. */
  ack(button: number): void;
  /**
   * Light LED `button` without a vote: the rating terminal's invitation to rate a finished visit
   * (office hub) blinks the LEDs by lighting them again and again. The same `L<n>` line.
   */
  light(button: number): void;
  status(): ButtonDeviceStatus;
  /** keymap protocol: the next byte sequence the device sends becomes `button` ("press button 1 now…"). */
  learn(button: number, timeoutMs: number): Promise<Result<LearnedButton>>;
  keymap(): Readonly<Record<string, string>>;
}

export interface ButtonDeviceOptions {
  readonly config: ButtonsConfig;
  readonly ports: SerialPorts;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** A press; `acknowledge` lights the box's LED for it (okno-buttons/1), for a press that counted. */
  readonly onPress: (button: number, acknowledge: () => void) => void;
  readonly onStatus?: () => void;
  /** Longest okno-buttons/1 line kept; longer ones are dropped whole and counted as overlong. */
  readonly maxLineBytes?: number;
}

const newCounters = (): ButtonCounters => ({
  presses: 0,
  bounces: 0,
  checksum: 0,
  unknown: 0,
  malformed: 0,
  overlong: 0,
  unmappedFrames: 0,
  pressesBeyondDevice: 0,
  connects: 0,
  disconnects: 0,
  notFound: 0,
  permissionDenied: 0,
  openFailed: 0,
  ackFailures: 0,
});

/** A line as a technician can read it: printable ASCII as is, everything else as \xHH, cut at 80. */
export function printable(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes.subarray(0, 80)) {
    text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return bytes.length > 80 ? `${text}…` : text;
}

export function createButtonDevice(options: ButtonDeviceOptions): ButtonDevice {
  const { config, ports, clock, scheduler } = options;
  const counters = newCounters();
  const debouncer = createDebouncer(config.debounceMs);
  const lines = createLineFramer(options.maxLineBytes ?? 256, () => (counters.overlong += 1));
  const frames = createKeymapFramer(config.interByteTimeoutMs, { onOverlong: (bytes) => onOverlongFrame(bytes) });
  let keymap: Record<string, string> = { ...config.keymap };
  let state: ButtonDeviceState = 'stopped';
  let port: SerialLink | null = null;
  let path: string | null = null;
  let device: ButtonDeviceStatus['device'] = null;
  let lastLine: string | null = null;
  let lastLineAt: string | null = null;
  let lastError: string | null = null;
  let attempt = 0;
  let retryTimer: unknown = null;
  let retryAt: number | null = null;
  let frameTimer: unknown = null;
  let learning: { button: number; resolve: (result: Result<LearnedButton>) => void; timer: unknown } | null = null;

  const changed = (): void => options.onStatus?.();
  // A function, not a comparison in place: `stop()` may change the state while `connect` awaits.
  const stopped = (): boolean => state === 'stopped';

  function ack(button: number): void {
    if (!port || config.protocol !== 'okno-buttons/1') return;
    port.write(ackLine(button), (error) => {
      if (error) {
        counters.ackFailures += 1;
        changed();
      }
    });
  }

  const press = (button: number): void => {
    if (!debouncer.accept(button, clock.monotonicMs())) {
      counters.bounces += 1;
      return;
    }
    if (device && button > device.buttons) counters.pressesBeyondDevice += 1;
    counters.presses += 1;
    options.onPress(button, () => ack(button));
  };

  const onLine = (line: Uint8Array): void => {
    const parsed = parseButtonLine(line);
    if (parsed.kind === 'ignored') return;
    lastLine = printable(line);
    lastLineAt = clock.now().toISOString();
    switch (parsed.kind) {
      case 'press':
        press(parsed.button);
        break;
      case 'hello':
        device = { model: parsed.model, firmware: parsed.firmware, buttons: parsed.buttons };
        break;
      case 'dropped':
        counters[parsed.reason satisfies DropReason] += 1;
        break;
    }
    changed();
  };

  const onFrame = (frame: Uint8Array): void => {
    lastLine = printable(frame);
    lastLineAt = clock.now().toISOString();
    if (learning) {
      const { button, resolve, timer } = learning;
      learning = null;
      scheduler.clearTimeout(timer);
      const sequence = toHex(frame);
      // One sequence means one button: learning it again for another button moves it.
      keymap = Object.fromEntries(Object.entries(keymap).filter(([, hex]) => hex !== sequence));
      keymap[String(button)] = sequence;
      resolve(ok({ button, sequence }));
    } else {
      const button = buttonForFrame(keymap, frame);
      if (button === null) counters.unmappedFrames += 1;
      else press(button);
    }
    changed();
  };

  // Longer than a button can keep in the config: not a press, and learning refuses it rather than
  // learn what could never be saved (the config stores at most MAX_KEYMAP_FRAME_BYTES a button).
  const onOverlongFrame = (bytes: number): void => {
    lastLine = `(${bytes} bytes)`;
    lastLineAt = clock.now().toISOString();
    counters.overlong += 1;
    if (learning) {
      const { button, resolve, timer } = learning;
      learning = null;
      scheduler.clearTimeout(timer);
      resolve(fail('learn-too-long', `button ${button} sent ${bytes} bytes for one press; a button can keep at most ${MAX_KEYMAP_FRAME_BYTES} (a wrong baud rate? two presses run together? a shorter buttons.interByteTimeoutMs splits them)`));
    }
    changed();
  };

  const scheduleFrameFlush = (): void => {
    if (frameTimer !== null) scheduler.clearTimeout(frameTimer);
    frameTimer = null;
    const deadline = frames.deadline();
    if (deadline === null) return;
    frameTimer = scheduler.setTimeout(() => {
      frameTimer = null;
      const frame = frames.flush(clock.monotonicMs());
      if (frame) onFrame(frame);
      scheduleFrameFlush();
    }, Math.max(0, deadline - clock.monotonicMs()));
  };

  const onData = (chunk: Buffer): void => {
    if (config.protocol === 'keymap') {
      frames.push(chunk, clock.monotonicMs());
      scheduleFrameFlush();
    } else {
      for (const line of lines.push(chunk)) onLine(line);
    }
  };

  const scheduleReconnect = (): void => {
    if (stopped()) return;
    const delay = reconnectDelayMs(attempt);
    attempt += 1;
    retryAt = clock.monotonicMs() + delay;
    retryTimer = scheduler.setTimeout(() => {
      retryTimer = null;
      retryAt = null;
      void connect();
    }, delay);
  };

  const connect = async (): Promise<void> => {
    if (stopped()) return;
    state = 'connecting';
    changed();
    let target: string | null = config.path;
    if (config.path === buttonsRules.autoPath) {
      target = await findButtonPort(ports, config.usb, config.baudRate).catch(() => null);
      if (target === null) {
        counters.notFound += 1;
        state = 'waiting';
        lastError = 'no button device found (no USB id match, no port answered HELLO)';
        changed();
        scheduleReconnect();
        return;
      }
    }
    let opened: SerialLink;
    try {
      opened = await ports.open(target, config.baudRate);
    } catch (error) {
      const kind = classifyOpenError(error);
      counters[kind] += 1;
      state = kind === 'notFound' ? 'waiting' : 'error';
      lastError = `${target}: ${error instanceof Error ? error.message : String(error)}`;
      changed();
      scheduleReconnect();
      return;
    }
    if (stopped()) {
      opened.close();
      return;
    }
    port = opened;
    path = target;
    attempt = 0;
    lastError = null;
    counters.connects += 1;
    state = 'connected';
    lines.reset();
    frames.reset();
    opened.on('data', onData);
    opened.on('error', (error) => {
      lastError = error.message;
      changed();
    });
    opened.on('close', () => {
      if (port !== opened) return;
      port = null;
      if (stopped()) return;
      counters.disconnects += 1;
      state = 'waiting';
      lastError = `${target}: disconnected`;
      changed();
      scheduleReconnect();
    });
    if (config.protocol === 'okno-buttons/1') opened.write(HELLO_REQUEST);
    changed();
  };

  return {
    start() {
      if (state !== 'stopped') return;
      state = 'connecting';
      void connect();
    },
    async stop() {
      state = 'stopped';
      if (retryTimer !== null) scheduler.clearTimeout(retryTimer);
      if (frameTimer !== null) scheduler.clearTimeout(frameTimer);
      retryTimer = frameTimer = null;
      learning?.resolve(fail('not-accepting', 'the button device was stopped'));
      learning = null;
      const open = port;
      port = null;
      if (open?.isOpen) await new Promise<void>((resolve) => open.close(() => resolve()));
    },
    ack,
    light: ack,
    status() {
      return {
        state,
        configuredPath: config.path,
        path,
        protocol: config.protocol,
        device,
        lastLine,
        lastLineAt,
        lastError,
        nextRetryInMs: retryAt === null ? null : Math.max(0, Math.round(retryAt - clock.monotonicMs())),
        counters: { ...counters },
      };
    },
    learn(button, timeoutMs) {
      if (config.protocol !== 'keymap') return Promise.resolve(fail('wrong-protocol', 'learning is for the keymap protocol'));
      if (!Number.isInteger(button) || button < 1 || button > 9) return Promise.resolve(fail('invalid-input', 'button must be 1–9'));
      learning?.resolve(fail('not-accepting', 'another button is being learned'));
      return new Promise((resolve) => {
        const timer = scheduler.setTimeout(() => {
          learning = null;
          resolve(fail('learn-timeout', `no press from the device within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        learning = { button, resolve, timer };
      });
    },
    keymap: () => ({ ...keymap }),
  };
}
