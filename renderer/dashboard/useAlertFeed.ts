import { useCallback, useEffect, useRef, useState } from 'react';
import { ALERT_STREAM_EVENT, alertSchema, DASHBOARD_API, type Alert } from '../../shared/central/dashboardApi.ts';
import { queryString } from './csvLink.ts';
import type { DashboardClient } from './dashboardClient.ts';
import { failureOf } from './useLoad.ts';

/** How long the page waits before opening a lost live feed again (the browser retries by itself while it can). */
const RECONNECT_MS = 5_000;

export interface AlertFeed {
  /** Open alerts in the scope, live (the navigation's count). */
  readonly openCount: number;
  /** The latest alert that arrived on the feed and was not there before (announced to screen readers). */
  readonly arrived: Alert | null;
  readonly live: boolean;
  /** Every alert the feed brings, new or acknowledged, to a screen that shows them. */
  readonly subscribe: (listener: (alert: Alert) => void) => () => void;
  /** An alert changed through this page (acknowledged): counted at once, before the feed echoes it. */
  readonly changed: (alert: Alert) => void;
}

/**
 * The live alert feed: GET /dashboard/api/alerts/stream (server-sent events, ALERT_STREAM_EVENT, one
 * alert as alertSchema JSON each), on top of the open alerts read once. Each event is parsed with the
 * contract's schema; one that does not match is dropped. When the stream closes (the collector
 * restarted, the session ended) the page asks who it is: a 401 ends the session, else it reconnects.
 */
export function useAlertFeed(client: DashboardClient, office: string | undefined, sessionEnded: () => void): AlertFeed {
  const [open, setOpen] = useState<ReadonlyMap<string, Alert>>(new Map());
  const [arrived, setArrived] = useState<Alert | null>(null);
  const [live, setLive] = useState(false);
  const [connection, setConnection] = useState(0);
  const listeners = useRef(new Set<(alert: Alert) => void>());

  const apply = useCallback((alert: Alert) => {
    setOpen((before) => {
      const next = new Map(before);
      if (alert.acknowledged === null) next.set(alert.id, alert);
      else next.delete(alert.id);
      return next;
    });
  }, []);

  useEffect(() => {
    let current = true;
    client.alerts('open', office).then(
      (answer) => {
        if (current) setOpen(new Map(answer.alerts.map((alert) => [alert.id, alert])));
      },
      (error: unknown) => {
        if (current && failureOf(error).kind === 'unauthorized') sessionEnded();
      },
    );
    return () => {
      current = false;
    };
  }, [client, office, sessionEnded]);

  useEffect(() => {
    const source = new EventSource(`${DASHBOARD_API}/alerts/stream${queryString({ office })}`);
    let retry: ReturnType<typeof setTimeout> | undefined;
    let current = true;
    const seen = new Set<string>();
    source.addEventListener('open', () => setLive(true));
    source.addEventListener(ALERT_STREAM_EVENT, (event: MessageEvent<string>) => {
      let parsed;
      try {
        parsed = alertSchema.safeParse(JSON.parse(event.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const alert = parsed.data;
      if (office !== undefined && alert.office !== office) return;
      apply(alert);
      if (alert.acknowledged === null && !seen.has(alert.id)) setArrived(alert);
      seen.add(alert.id);
      for (const listener of listeners.current) listener(alert);
    });
    source.addEventListener('error', () => {
      setLive(false);
      if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
      client.me().then(
        () => {
          if (current) retry = setTimeout(() => setConnection((n) => n + 1), RECONNECT_MS);
        },
        (error: unknown) => {
          if (!current) return;
          if (failureOf(error).kind === 'unauthorized') sessionEnded();
          else retry = setTimeout(() => setConnection((n) => n + 1), RECONNECT_MS);
        },
      );
    });
    return () => {
      current = false;
      if (retry !== undefined) clearTimeout(retry);
      source.close();
    };
  }, [client, office, sessionEnded, apply, connection]);

  const subscribe = useCallback((listener: (alert: Alert) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return { openCount: open.size, arrived, live, subscribe, changed: apply };
}
