import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CORNER_HOLD_MS, createCornerHold, isInside, type Area } from '../../../../renderer/technician/cornerHold.ts';

// The top-right 80×80 corner of an 800 px wide screen.
const corner: Area = { left: 720, top: 0, right: 800, bottom: 80 };

describe('holding the corner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('five seconds is the hold', () => {
    expect(CORNER_HOLD_MS).toBe(5000);
  });

  it('a press held still for the whole time opens, once', () => {
    const onHeld = vi.fn();
    const hold = createCornerHold(onHeld);
    expect(hold.press(1, { x: 790, y: 10 }, corner)).toBe(true);
    expect(hold.holding).toBe(true);
    vi.advanceTimersByTime(4999);
    expect(onHeld).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onHeld).toHaveBeenCalledTimes(1);
    expect(hold.holding).toBe(false);
    hold.release(1);
    vi.advanceTimersByTime(10_000);
    expect(onHeld).toHaveBeenCalledTimes(1);
  });

  it('releasing earlier cancels', () => {
    const onHeld = vi.fn();
    const hold = createCornerHold(onHeld);
    hold.press(1, { x: 760, y: 40 }, corner);
    vi.advanceTimersByTime(4900);
    hold.release(1);
    vi.advanceTimersByTime(1000);
    expect(onHeld).not.toHaveBeenCalled();
  });

  it('moving out of the corner cancels; moving inside it does not', () => {
    const onHeld = vi.fn();
    const hold = createCornerHold(onHeld);
    hold.press(1, { x: 760, y: 40 }, corner);
    hold.move(1, { x: 730, y: 70 });
    vi.advanceTimersByTime(2000);
    hold.move(1, { x: 700, y: 70 });
    vi.advanceTimersByTime(5000);
    expect(onHeld).not.toHaveBeenCalled();

    hold.press(2, { x: 760, y: 40 }, corner);
    hold.move(2, { x: 799, y: 1 });
    vi.advanceTimersByTime(5000);
    expect(onHeld).toHaveBeenCalledTimes(1);
  });

  it('a press outside the corner starts nothing', () => {
    const onHeld = vi.fn();
    const hold = createCornerHold(onHeld);
    expect(hold.press(1, { x: 400, y: 240 }, corner)).toBe(false);
    expect(hold.press(1, { x: 719, y: 10 }, corner)).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(onHeld).not.toHaveBeenCalled();
  });

  it('a second finger cancels the hold (a deliberate hold is one finger)', () => {
    const onHeld = vi.fn();
    const hold = createCornerHold(onHeld);
    hold.press(1, { x: 790, y: 10 }, corner);
    vi.advanceTimersByTime(3000);
    expect(hold.press(2, { x: 100, y: 300 }, corner)).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(onHeld).not.toHaveBeenCalled();
  });

  it('moves and releases of another pointer do not touch the hold', () => {
    const onHeld = vi.fn();
    const hold = createCornerHold(onHeld);
    hold.press(1, { x: 790, y: 10 }, corner);
    hold.move(7, { x: 10, y: 400 });
    hold.release(7);
    vi.advanceTimersByTime(5000);
    expect(onHeld).toHaveBeenCalledTimes(1);
  });

  it('dispose stops a hold under way', () => {
    const onHeld = vi.fn();
    const hold = createCornerHold(onHeld, 1000);
    hold.press(1, { x: 790, y: 10 }, corner);
    hold.dispose();
    vi.advanceTimersByTime(2000);
    expect(onHeld).not.toHaveBeenCalled();
  });

  it('the corner includes its edges', () => {
    expect(isInside({ x: 720, y: 80 }, corner)).toBe(true);
    expect(isInside({ x: 800, y: 0 }, corner)).toBe(true);
    expect(isInside({ x: 800, y: 81 }, corner)).toBe(false);
  });
});
