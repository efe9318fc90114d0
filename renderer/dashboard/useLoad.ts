import { useEffect, useRef, useState } from 'react';
import { useDashboard } from './dashboardContext.ts';
import { DashboardFailure, type Failure } from './dashboardClient.ts';

export type LoadState<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly data: T } | { readonly status: 'failed'; readonly failure: Failure };

export const failureOf = (error: unknown): Failure => (error instanceof DashboardFailure ? error.failure : { kind: 'network' });

/**
 * Loads what a screen shows, again whenever `key` changes (the period, the office, the level) or
 * `retry` is called. An answer that arrives after the question changed is dropped. A 401 ends the
 * session (back to the login) instead of showing on the screen.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): { readonly state: LoadState<T>; readonly retry: () => void } {
  const { sessionEnded } = useDashboard();
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => {
        if (current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!current) return;
        const failure = failureOf(error);
        if (failure.kind === 'unauthorized') sessionEnded();
        else setState({ status: 'failed', failure });
      },
    );
    return () => {
      current = false;
    };
  }, [key, attempt, sessionEnded]);
  return { state, retry: () => setAttempt((n) => n + 1) };
}
