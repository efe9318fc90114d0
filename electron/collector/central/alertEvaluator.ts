import type pg from 'pg';
import type { AlertRules } from '../../../shared/central/alertRules.ts';
import { evaluateAlerts, type EvaluationOutcome } from './alertEvaluation.ts';

/**
 * Runs the time-based alert rules every intervalMs in every collector instance (one evaluation at a
 * time across them: central/alertEvaluation.ts). An evaluation that fails (the database restarting)
 * is logged and counted and the next one comes on time: alerts never stop the collector.
 */
export interface AlertEvaluatorOptions {
  readonly pool: pg.Pool;
  readonly rules: AlertRules;
  readonly intervalMs: number;
  /** The clock (tests give their own). */
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

export interface AlertEvaluatorCounters {
  /** Evaluations this instance did. */
  evaluations: number;
  /** Rounds another instance was evaluating: skipped here. */
  skipped: number;
  failures: number;
  opened: number;
}

export interface AlertEvaluator {
  /** One evaluation now, outside the timer; never rejects (a failure is logged, counted and returned as null). */
  evaluateNow(): Promise<EvaluationOutcome | null>;
  readonly counters: Readonly<AlertEvaluatorCounters>;
  /** Clears the timer and waits for an evaluation under way. */
  close(): Promise<void>;
}

export const DEFAULT_ALERT_INTERVAL_MS = 60_000;

export function startAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const counters: AlertEvaluatorCounters = { evaluations: 0, skipped: 0, failures: 0, opened: 0 };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let closed = false;

  async function evaluateNow(): Promise<EvaluationOutcome | null> {
    try {
      const outcome = await evaluateAlerts(options.pool, options.rules, now());
      if (outcome.ran) {
        counters.evaluations += 1;
        counters.opened += outcome.opened;
        if (outcome.opened > 0) log(`okno: alerts: ${outcome.opened} opened`);
      } else {
        counters.skipped += 1;
      }
      return outcome;
    } catch (error) {
      counters.failures += 1;
      log(`okno: alert evaluation failed (the next one runs in ${options.intervalMs} ms): ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      timer = null;
      const round = evaluateNow().finally(() => {
        running = null;
        schedule();
      });
      running = round;
    }, options.intervalMs);
    // The collector's lifetime is its server's and its signals', not this timer's.
    timer.unref();
  }
  schedule();

  return {
    evaluateNow,
    counters,
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
