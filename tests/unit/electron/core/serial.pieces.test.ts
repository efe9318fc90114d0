import { describe, expect, it } from 'vitest';
import { buttonsSchema, MAX_KEYMAP_FRAME_BYTES } from '../../../../shared/config.ts';
import { createDebouncer } from '../../../../electron/core/serial/debounce.ts';
import { buttonForFrame, createKeymapFramer } from '../../../../electron/core/serial/keymapFramer.ts';
import { reconnectDelayMs } from '../../../../electron/core/serial/reconnectPolicy.ts';
import { classifyOpenError } from '../../../../electron/core/serial/serialPort.ts';

describe('debounce', () => {
  it('the same button within the window is one press; another button always counts', () => {
    const d = createDebouncer(50);
    expect(d.accept(3, 0)).toBe(true);
    expect(d.accept(3, 49)).toBe(false);
    expect(d.accept(4, 49)).toBe(true);
    expect(d.accept(4, 100)).toBe(true);
    expect(d.accept(4, 149)).toBe(false);
    expect(d.accept(4, 150)).toBe(true);
  });

  it('a chattering contact does not extend the window forever', () => {
    const d = createDebouncer(50);
    expect(d.accept(1, 0)).toBe(true);
    expect([10, 20, 30, 40].map((t) => d.accept(1, t))).toEqual([false, false, false, false]);
    expect(d.accept(1, 50)).toBe(true);
  });

  it('a window of 0 counts every press', () => {
    const d = createDebouncer(0);
    expect([0, 0, 0].map((t) => d.accept(2, t))).toEqual([true, true, true]);
  });
});

describe('keymap framing', () => {
  it('a pause ends a frame; bytes within the pause belong together', () => {
    const f = createKeymapFramer(30);
    f.push(Uint8Array.of(0x1b, 0x5b), 0);
    f.push(Uint8Array.of(0x41), 10);
    expect(f.deadline()).toBe(40);
    expect(f.flush(39)).toBeNull();
    expect(Buffer.from(f.flush(40)!).toString('hex')).toBe('1b5b41');
    expect(f.deadline()).toBeNull();
  });

  it('drops a frame longer than a button can keep, whole, and says how long it was', () => {
    const overlong: number[] = [];
    const f = createKeymapFramer(30, { maxFrameBytes: 4, onOverlong: (bytes) => overlong.push(bytes) });
    f.push(Uint8Array.of(1, 2, 3), 0);
    f.push(Uint8Array.of(4, 5, 6), 10);
    expect(f.flush(40)).toBeNull();
    expect(overlong).toEqual([6]);
    expect(f.deadline()).toBeNull();
    // The next frame starts clean.
    f.push(Uint8Array.of(7, 8, 9, 10), 100);
    expect(f.flush(130)).toEqual(Uint8Array.of(7, 8, 9, 10));
    expect(overlong).toEqual([6]);
  });

  it('by default keeps exactly what the config can store for a button (MAX_KEYMAP_FRAME_BYTES)', () => {
    const overlong: number[] = [];
    const f = createKeymapFramer(30, { onOverlong: (bytes) => overlong.push(bytes) });
    f.push(new Uint8Array(MAX_KEYMAP_FRAME_BYTES).fill(0x41), 0);
    const frame = f.flush(30);
    expect(frame?.length).toBe(MAX_KEYMAP_FRAME_BYTES);
    // …and what it keeps, the config takes.
    expect(buttonsSchema.safeParse({ path: '/dev/ttyX', keymap: { '1': Buffer.from(frame!).toString('hex') } }).success).toBe(true);
    f.push(new Uint8Array(MAX_KEYMAP_FRAME_BYTES + 1).fill(0x41), 100);
    expect(f.flush(130)).toBeNull();
    expect(overlong).toEqual([MAX_KEYMAP_FRAME_BYTES + 1]);
    expect(buttonsSchema.safeParse({ path: '/dev/ttyX', keymap: { '1': '41'.repeat(MAX_KEYMAP_FRAME_BYTES + 1) } }).success).toBe(false);
  });

  it('looks frames up in the keymap, case-insensitively; unknown is null', () => {
    const keymap = { '1': '1B5B41', '2': '61' };
    expect(buttonForFrame(keymap, Uint8Array.of(0x1b, 0x5b, 0x41))).toBe(1);
    expect(buttonForFrame(keymap, Uint8Array.of(0x61))).toBe(2);
    expect(buttonForFrame(keymap, Uint8Array.of(0x62))).toBeNull();
  });
});

describe('reconnect policy', () => {
  it('first retry within 1 s, doubling, capped at 30 s', () => {
    expect(reconnectDelayMs(0)).toBeLessThanOrEqual(1_000);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => reconnectDelayMs(a))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(reconnectDelayMs(1_000)).toBe(30_000);
  });
});

describe('open errors', () => {
  it.each([
    [new Error('Error: No such file or directory, cannot open /dev/ttyUSB0'), 'notFound'],
    [Object.assign(new Error('x'), { code: 'ENOENT' }), 'notFound'],
    [new Error('Port does not exist - please call MockBinding.createPort'), 'notFound'],
    [new Error('Error: Permission denied, cannot open /dev/ttyUSB0'), 'permissionDenied'],
    [Object.assign(new Error('x'), { code: 'EACCES' }), 'permissionDenied'],
    [new Error('Error Resource temporarily unavailable Cannot lock port'), 'openFailed'],
  ])('%s → %s', (error, kind) => {
    expect(classifyOpenError(error)).toBe(kind);
  });
});
