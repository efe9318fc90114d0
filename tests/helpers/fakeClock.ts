import type { Clock } from '../../electron/core/clock.ts';
import type { Scheduler } from '../../electron/core/scheduler.ts';

/** A clock and scheduler that only move when the test says so. */
export class FakeTime implements Clock, Scheduler {
  private wallMs: number;
  private mono = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;

  constructor(start = '2026-11-23T07:14:58.004Z') {
    this.wallMs = Date.parse(start);
  }

  now(): Date {
    return new Date(this.wallMs);
  }

  monotonicMs(): number {
    return this.mono;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.mono + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves both clocks forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.mono + ms;
    for (let guard = 0; guard < 10_000; guard += 1) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.wallMs += due[1].at - this.mono;
      this.mono = due[1].at;
      due[1].callback();
    }
    this.wallMs += target - this.mono;
    this.mono = target;
  }

  /** Sets the wall clock only, as NTP or a technician would; monotonic time does not jump. */
  setWall(iso: string): void {
    this.wallMs = Date.parse(iso);
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}
