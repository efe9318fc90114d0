import { describe, expect, it } from 'vitest';
import { createKeyHold, inOrder, MAX_HELD_PRESSES, scoreForKey, type KeyPress } from '../../../../renderer/common/keyboard.ts';

/** Issue #11 item 19: a key pressed before the first state is held, then judged, never lost. */

const press = (digit: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key: digit, code: `Digit${digit}`, repeat: false, ...extra });

describe('holding key presses until the state is known', () => {
  it('holds every key that can be a rating key, in order, and gives them all back once', () => {
    const hold = createKeyHold();
    expect(hold.offer(press('4'))).toBe(true);
    expect(hold.offer(press('1'))).toBe(true);
    // 7 is beyond a 5-point scale, but the scale is not known yet: held, and judged later.
    expect(hold.offer(press('7'))).toBe(true);
    expect(hold.offer({ key: 'End', code: 'Numpad2', repeat: false })).toBe(true);
    const held = hold.release();
    expect(held.map((p) => p.code)).toEqual(['Digit4', 'Digit1', 'Digit7', 'Numpad2']);
    // Judged with the scale that arrived, as a live press would be.
    expect(held.map((p) => scoreForKey(p, 5))).toEqual([4, 1, null, 2]);
    expect(hold.release()).toEqual([]);
    // After the release the page's own listener has the keys: nothing more is held.
    expect(hold.offer(press('3'))).toBe(false);
    expect(hold.release()).toEqual([]);
  });

  it('does not hold what is never a rating key: letters, a held-down key repeating, shortcuts', () => {
    const hold = createKeyHold();
    expect(hold.offer({ key: 'a', code: 'KeyA', repeat: false })).toBe(false);
    expect(hold.offer(press('2', { repeat: true }))).toBe(false);
    expect(hold.offer(press('2', { ctrlKey: true }))).toBe(false);
    expect(hold.offer({ key: 'o', code: 'KeyO', repeat: false, ctrlKey: true, altKey: true })).toBe(false);
    expect(hold.release()).toEqual([]);
  });

  it('keeps a copy, not the event: a reused event object does not change what was held', () => {
    const hold = createKeyHold();
    const event = { key: '5', code: 'Digit5', repeat: false, altKey: false, ctrlKey: false, metaKey: false };
    hold.offer(event);
    event.code = 'Digit1';
    event.key = '1';
    expect(hold.release()).toEqual([{ key: '5', code: 'Digit5', repeat: false, altKey: false, ctrlKey: false, metaKey: false }]);
  });

  it('holds a bounded number and counts the rest', () => {
    const hold = createKeyHold();
    for (let i = 0; i < MAX_HELD_PRESSES + 3; i += 1) hold.offer(press('3'));
    expect(hold.release()).toHaveLength(MAX_HELD_PRESSES);
    expect(hold.overflow()).toBe(3);
  });
});

describe('sending presses in order', () => {
  it('sends the next press only after the previous one was answered', async () => {
    const started: number[] = [];
    const answers: (() => void)[] = [];
    const send = inOrder((score: number) => {
      started.push(score);
      return new Promise<void>((resolve) => answers.push(resolve));
    });
    const first = send(1);
    const second = send(2);
    const third = send(3);
    await Promise.resolve();
    expect(started).toEqual([1]);
    answers[0]!();
    await first;
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    answers[1]!();
    await second;
    await Promise.resolve();
    answers[2]!();
    await third;
    expect(started).toEqual([1, 2, 3]);
  });
});
