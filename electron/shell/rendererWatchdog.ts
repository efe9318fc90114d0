import type { WebContents } from 'electron';

/**
 * Keeps the screen alive. The core records hardware presses whatever the renderer does, but a
 * citizen facing a blank or frozen screen will not press. A crashed renderer is reloaded after a
 * growing delay; a hung one is crashed on purpose so the same path reloads it; a renderer that
 * keeps crashing gets a fresh app process (GPU process, caches and all).
 */

export interface WatchdogPolicy {
  /** Delay before the reload after a first crash; doubles with each crash inside `crashWindowMs`. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly crashWindowMs: number;
  /** More crashes than this inside `crashWindowMs`: relaunch the app. */
  readonly maxCrashesInWindow: number;
  /** How long an `unresponsive` renderer is given to recover before it is crashed. */
  readonly unresponsiveMs: number;
}

export const DEFAULT_WATCHDOG_POLICY: WatchdogPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  crashWindowMs: 10 * 60_000,
  maxCrashesInWindow: 5,
  unresponsiveMs: 15_000,
};

export type CrashDecision = { readonly action: 'reload'; readonly delayMs: number } | { readonly action: 'relaunch' };

/** The crashes that still count at `now`. Also what the watchdog keeps, so memory stays bounded. */
export function recentCrashes(crashTimes: readonly number[], now: number, policy: WatchdogPolicy): number[] {
  return crashTimes.filter((time) => time <= now && now - time < policy.crashWindowMs);
}

/** `crashTimes` includes the crash being decided on. */
export function decideAfterCrash(crashTimes: readonly number[], now: number, policy: WatchdogPolicy): CrashDecision {
  const count = recentCrashes(crashTimes, now, policy).length;
  if (count > policy.maxCrashesInWindow) return { action: 'relaunch' };
  const delayMs = Math.min(policy.firstDelayMs * 2 ** Math.max(0, count - 1), policy.maxDelayMs);
  return { action: 'reload', delayMs };
}

export interface WatchdogTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: WatchdogTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RendererWatchdogOptions {
  readonly contents: WebContents;
  /** Loaded again rather than `reload()`ed: after a crash, always back to the start screen. */
  readonly entryUrl: string;
  /** Restart the whole app; main.ts closes the core first. */
  readonly relaunch: () => void;
  readonly policy?: WatchdogPolicy;
  readonly timers?: WatchdogTimers;
  readonly log?: (what: string, detail: string) => void;
}

export interface RendererWatchdog {
  dispose(): void;
}

export function watchRenderer(options: RendererWatchdogOptions): RendererWatchdog {
  const { contents, entryUrl, relaunch } = options;
  const policy = options.policy ?? DEFAULT_WATCHDOG_POLICY;
  const timers = options.timers ?? realTimers;
  const log = options.log ?? (() => {});
  let crashTimes: number[] = [];
  let reloadTimer: unknown = null;
  let hangTimer: unknown = null;
  let stopped = false;

  const clearHang = (): void => {
    if (hangTimer !== null) timers.clearTimeout(hangTimer);
    hangTimer = null;
  };

  contents.on('render-process-gone', (_event, details) => {
    if (stopped || contents.isDestroyed()) return;
    clearHang();
    const now = timers.now();
    crashTimes = recentCrashes([...crashTimes, now], now, policy);
    const decision = decideAfterCrash(crashTimes, now, policy);
    log('renderer gone', `${details.reason} (exit ${details.exitCode}), ${crashTimes.length} recent`);
    if (reloadTimer !== null) timers.clearTimeout(reloadTimer);
    reloadTimer = null;
    if (decision.action === 'relaunch') {
      stopped = true;
      log('crash loop', 'relaunching the app');
      relaunch();
      return;
    }
    reloadTimer = timers.setTimeout(() => {
      reloadTimer = null;
      if (stopped || contents.isDestroyed()) return;
      contents.loadURL(entryUrl).catch((error: unknown) => log('reload failed', String(error)));
    }, decision.delayMs);
  });

  contents.on('unresponsive', () => {
    if (stopped || hangTimer !== null) return;
    hangTimer = timers.setTimeout(() => {
      hangTimer = null;
      if (stopped || contents.isDestroyed()) return;
      log('renderer hung', `for ${policy.unresponsiveMs} ms, crashing it to reload`);
      // `render-process-gone` follows, and the crash path above reloads it.
      contents.forcefullyCrashRenderer();
    }, policy.unresponsiveMs);
  });
  contents.on('responsive', clearHang);

  return {
    dispose(): void {
      stopped = true;
      clearHang();
      if (reloadTimer !== null) timers.clearTimeout(reloadTimer);
      reloadTimer = null;
    },
  };
}
