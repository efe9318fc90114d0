import { useEffect, useState } from 'react';

/**
 * A part of the page that is fetched the first time it is needed, then kept: a face or technician
 * mode, each its own chunk of the build, so a citizen's screen loads only its own face.
 */
export interface OnDemand<T> {
  /** Starts fetching (once; again after a failure) and resolves with the part. */
  load(): Promise<T>;
  /** The part, once fetched; null before. */
  readonly loaded: T | null;
}

export function onDemand<T>(fetchPart: () => Promise<T>): OnDemand<T> {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    load() {
      pending ??= fetchPart().then(
        (part) => {
          loaded = part;
          return part;
        },
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    get loaded() {
      return loaded;
    },
  };
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * The part once it is there, or null until then (the caller keeps showing what it showed). Fetching
 * starts when `wanted` turns true; a part fetched once stays available, wanted or not. A failed fetch
 * (the host restarting under the page) is tried again, less and less often.
 */
export function useOnDemand<T>(part: OnDemand<T>, wanted: boolean): T | null {
  // A counter, not the part itself: a part may be a function (a component), which useState would call.
  const [, arrived] = useState(0);
  useEffect(() => {
    if (!wanted || part.loaded !== null) return undefined;
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const attempt = (retryMs: number): void => {
      part.load().then(
        () => {
          if (current) arrived((count) => count + 1);
        },
        (error: unknown) => {
          if (!current) return;
          console.warn('okno: a part of the page could not be loaded, retrying', error);
          retry = setTimeout(() => attempt(Math.min(retryMs * 2, MAX_RETRY_MS)), retryMs);
        },
      );
    };
    attempt(FIRST_RETRY_MS);
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [part, wanted]);
  return part.loaded;
}
