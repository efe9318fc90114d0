import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  decideAfterCrash,
  recentCrashes,
  watchRenderer,
  type WatchdogPolicy,
  type WatchdogTimers,
} from '../../../../electron/shell/rendererWatchdog.ts';
import { APP_ENTRY_URL } from '../../../../electron/shell/trustedUrl.ts';
import { FakeWebContents } from './fakeElectron.ts';

const policy: WatchdogPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 8_000,
  crashWindowMs: 60_000,
  maxCrashesInWindow: 5,
  unresponsiveMs: 10_000,
};

describe('crash policy (pure)', () => {
  it('reloads after a first crash with the first delay', () => {
    expect(decideAfterCrash([100], 100, policy)).toEqual({ action: 'reload', delayMs: 1_000 });
  });

  it('doubles the delay with each recent crash, up to the maximum', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => {
      const times = Array.from({ length: n }, (_, i) => i * 1_000);
      return decideAfterCrash(times, (n - 1) * 1_000, policy);
    });
    expect(delays).toEqual([
      { action: 'reload', delayMs: 1_000 },
      { action: 'reload', delayMs: 2_000 },
      { action: 'reload', delayMs: 4_000 },
      { action: 'reload', delayMs: 8_000 },
      { action: 'reload', delayMs: 8_000 },
    ]);
  });

  it('relaunches the app on one crash more than allowed inside the window', () => {
    expect(decideAfterCrash([0, 1, 2, 3, 4, 5], 5, policy)).toEqual({ action: 'relaunch' });
  });

  it('forgets crashes older than the window: the backoff starts over, and no relaunch', () => {
    const old = [0, 1, 2, 3, 4];
    expect(decideAfterCrash([...old, 70_000], 70_000, policy)).toEqual({ action: 'reload', delayMs: 1_000 });
    expect(recentCrashes([...old, 70_000], 70_000, policy)).toEqual([70_000]);
  });
});

/** Timers the test advances by hand: no real waiting, no global fake-timer magic. */
function manualTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: WatchdogTimers = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = until;
  };
  return { timers, advance, pendingCount: () => pending.size };
}

function watched() {
  const contents = new FakeWebContents();
  contents.setURL(APP_ENTRY_URL);
  const clock = manualTimers();
  let relaunches = 0;
  const watchdog = watchRenderer({
    contents: contents as unknown as WebContents,
    entryUrl: APP_ENTRY_URL,
    relaunch: () => {
      relaunches += 1;
    },
    policy,
    timers: clock.timers,
  });
  return { contents, clock, watchdog, relaunches: () => relaunches };
}

describe('renderer watchdog', () => {
  it('reloads the start page after a crash, not before the backoff, with growing delays', () => {
    const { contents, clock } = watched();
    const reloadDelays: number[] = [];
    for (let crash = 0; crash < 4; crash++) {
      contents.crash();
      const loadsBefore = contents.loads.length;
      let waited = 0;
      while (contents.loads.length === loadsBefore) {
        clock.advance(100);
        waited += 100;
        if (waited > 60_000) throw new Error('never reloaded');
      }
      reloadDelays.push(waited);
    }
    expect(reloadDelays).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(contents.loads).toEqual([APP_ENTRY_URL, APP_ENTRY_URL, APP_ENTRY_URL, APP_ENTRY_URL]);
  });

  it('relaunches the app in a crash loop, and stops reloading', () => {
    const { contents, clock, relaunches } = watched();
    for (let crash = 0; crash < 5; crash++) {
      contents.crash();
      clock.advance(100);
    }
    expect(relaunches()).toBe(0);
    contents.crash();
    expect(relaunches()).toBe(1);
    clock.advance(120_000);
    contents.crash();
    expect(relaunches()).toBe(1);
    expect(clock.pendingCount()).toBe(0);
  });

  it('does not relaunch when the crashes are spread out', () => {
    const { contents, clock, relaunches } = watched();
    for (let crash = 0; crash < 20; crash++) {
      contents.crash();
      clock.advance(20_000);
    }
    expect(relaunches()).toBe(0);
    expect(contents.loads).toHaveLength(20);
  });

  it('crashes a renderer that stays unresponsive, and then reloads it', () => {
    const { contents, clock } = watched();
    contents.emit('unresponsive');
    clock.advance(9_999);
    expect(contents.crashRequests).toBe(0);
    clock.advance(1);
    expect(contents.crashRequests).toBe(1);
    clock.advance(1_000);
    expect(contents.loads).toEqual([APP_ENTRY_URL]);
  });

  it('leaves alone a renderer that becomes responsive again', () => {
    const { contents, clock } = watched();
    contents.emit('unresponsive');
    clock.advance(5_000);
    contents.emit('responsive');
    clock.advance(60_000);
    expect(contents.crashRequests).toBe(0);
    expect(contents.loads).toEqual([]);
  });

  it('does nothing for a window that is gone or after dispose', () => {
    const { contents, clock, watchdog } = watched();
    contents.crash();
    watchdog.dispose();
    clock.advance(60_000);
    expect(contents.loads).toEqual([]);

    const second = watched();
    second.contents.destroy();
    second.contents.crash();
    second.clock.advance(60_000);
    expect(second.contents.loads).toEqual([]);
  });
});
