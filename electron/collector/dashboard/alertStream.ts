import type { Alert } from '../../../shared/central/dashboardApi.ts';
import type { CentralAlerts, Scope } from '../central/readModel.ts';

/**
 * The live alert feed of one collector instance: one poll of CentralAlerts.changesAfter for all of
 * its listeners together (not one per page), so a city's open dashboards cost each instance one
 * query every pollMs. The changes come from the database, so an alert opened or acknowledged
 * through any instance reaches the pages of every instance. Polling runs only while someone listens.
 */
export interface AlertListener {
  readonly scope: Scope;
  /** One alert, new or acknowledged; `cursor` is the feed's position after it (the SSE id). */
  send(alert: Alert, cursor: string): void;
  /** Every heartbeatMs: keeps proxies from closing an idle stream, and lets the listener check its session. */
  heartbeat(): void;
  /** The instance is shutting down: end the stream (the page's EventSource reconnects, to another instance). */
  end(): void;
}

export interface AlertStreamOptions {
  readonly alerts: CentralAlerts;
  readonly pollMs: number;
  readonly heartbeatMs: number;
  readonly maxListeners: number;
  readonly log: (line: string) => void;
}

export interface AlertStream {
  /**
   * Resolves once the feed knows its position (changes from then on reach the listener) with the
   * function that removes it; null when the instance already has maxListeners.
   */
  add(listener: AlertListener): Promise<(() => void) | null>;
  readonly size: number;
  /** Polls that failed (the database down): the feed keeps its position and tries again. */
  readonly pollFailures: number;
  close(): void;
}

/** An office account sees only its own office's alerts. */
export const visibleTo = (alert: Alert, scope: Scope): boolean => scope.role === 'city' || alert.office === scope.office;

export function alertStream(options: AlertStreamOptions): AlertStream {
  const listeners = new Set<AlertListener>();
  /** The feed's position; null while nobody listens (the next listener starts from "now"). */
  let cursor: string | null = null;
  let starting: Promise<void> | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let heartbeatTimer: NodeJS.Timeout | null = null;
  let polling = false;
  let pollFailures = 0;
  let closed = false;

  const latest = async (): Promise<string> => (options.alerts.latestCursor ? options.alerts.latestCursor() : (await options.alerts.changesAfter('0')).cursor);

  async function poll(): Promise<void> {
    const from = cursor;
    if (from === null) return;
    try {
      const changes = await options.alerts.changesAfter(from);
      if (listeners.size === 0 || cursor !== from) return;
      cursor = changes.cursor;
      for (const alert of changes.alerts) {
        for (const listener of [...listeners]) if (visibleTo(alert, listener.scope)) listener.send(alert, changes.cursor);
      }
    } catch (error) {
      pollFailures += 1;
      options.log(`okno: dashboard alert feed: ${error instanceof Error ? error.message : String(error)} (trying again)`);
    }
  }

  /** One poll at a time: the next is planned when the last has ended, so a slow database never piles them up. */
  function schedule(): void {
    if (closed || listeners.size === 0 || pollTimer !== null || polling) return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      polling = true;
      void poll().finally(() => {
        polling = false;
        schedule();
      });
    }, options.pollMs);
    pollTimer.unref();
  }

  function stopWhenEmpty(): void {
    if (listeners.size > 0) return;
    if (pollTimer !== null) clearTimeout(pollTimer);
    if (heartbeatTimer !== null) clearInterval(heartbeatTimer);
    pollTimer = null;
    heartbeatTimer = null;
    cursor = null;
  }

  return {
    async add(listener) {
      if (closed || listeners.size >= options.maxListeners) return null;
      listeners.add(listener);
      const remove = (): void => {
        listeners.delete(listener);
        stopWhenEmpty();
      };
      if (cursor === null) {
        // Several pages arriving together share one question for the position.
        starting ??= latest()
          .then((position) => {
            if (listeners.size > 0) cursor ??= position;
          })
          .finally(() => {
            starting = null;
          });
        try {
          await starting;
        } catch (error) {
          remove();
          throw error;
        }
      }
      schedule();
      if (heartbeatTimer === null) {
        heartbeatTimer = setInterval(() => {
          for (const each of [...listeners]) each.heartbeat();
        }, options.heartbeatMs);
        heartbeatTimer.unref();
      }
      return remove;
    },
    get size() {
      return listeners.size;
    },
    get pollFailures() {
      return pollFailures;
    },
    close() {
      closed = true;
      for (const listener of [...listeners]) listener.end();
      listeners.clear();
      stopWhenEmpty();
    },
  };
}
