import type { KioskEvent, KioskState } from '../kioskApi.ts';
import { answerOffTheWire, eventOffTheWire, stateOffTheWire, unknownRequest, type DeviceApi } from '../requests/client.ts';
import { HTTP_EVENTS, HTTP_STATE, requestNameOfPath, requestPath } from '../requests/transport.ts';
import type { Result } from '../result.ts';
import { parseSseStream } from './sse.ts';

/**
 * DeviceApi over the browser host: requests are POSTed as JSON to `/api/<name>`, states
 * arrive as server-sent events. Runs in a browser and in Node (the contract tests use this very
 * code), so it uses fetch streams rather than EventSource.
 */

export interface HttpDeviceApiOptions {
  /** First wait before reconnecting the event stream; doubles up to `maxReconnectMs`. */
  readonly reconnectMs?: number;
  readonly maxReconnectMs?: number;
}

export function createHttpDeviceApi(baseUrl: string, options: HttpDeviceApiOptions = {}): DeviceApi {
  const reconnectMs = options.reconnectMs ?? 250;
  const maxReconnectMs = options.maxReconnectMs ?? 5000;
  const url = (path: string): string => new URL(path, baseUrl).toString();

  /** The answer's JSON, or an `internal` error when the host could not be reached. */
  async function post(path: string, input: unknown): Promise<unknown> {
    try {
      const response = await fetch(url(path), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const answer: unknown = await response.json();
      return answer;
    } catch (error) {
      const unreachable: Result<never> = { ok: false, error: { code: 'internal', message: `device host unreachable: ${String(error)}` } };
      return unreachable;
    }
  }

  return {
    async request(name, input) {
      const path = requestPath(name);
      if (requestNameOfPath(path) !== name) return unknownRequest(name);
      return answerOffTheWire(name, await post(path, input));
    },
    async getState(): Promise<KioskState> {
      const response = await fetch(url(HTTP_STATE));
      if (!response.ok) throw new Error(`GET ${HTTP_STATE} answered ${response.status}`);
      const state: unknown = await response.json();
      return stateOffTheWire(state);
    },
    subscribe(listener: (event: KioskEvent) => void): () => void {
      const abort = new AbortController();
      let lastRevision = -1;
      const deliver = (event: KioskEvent): void => {
        if (event.state.revision <= lastRevision) return;
        lastRevision = event.state.revision;
        listener(event);
      };
      void (async () => {
        let wait = reconnectMs;
        while (!abort.signal.aborted) {
          try {
            const response = await fetch(url(HTTP_EVENTS), {
              signal: abort.signal,
              headers: { accept: 'text/event-stream' },
            });
            if (!response.ok || !response.body) throw new Error(`GET ${HTTP_EVENTS} answered ${response.status}`);
            wait = reconnectMs;
            // A new stream starts with the current state, which may come from a restarted host
            // whose revisions begin again at 0: accept it whatever the revision seen before.
            lastRevision = -1;
            for await (const data of parseSseStream(response.body)) {
              deliver(eventOffTheWire(JSON.parse(data)));
            }
          } catch {
            if (abort.signal.aborted) return;
          }
          await new Promise((resolve) => setTimeout(resolve, wait));
          wait = Math.min(wait * 2, maxReconnectMs);
        }
      })();
      return () => abort.abort();
    },
  };
}
