import type { KioskApi, KioskEvent, KioskState } from '../kioskApi.ts';
import { HTTP_EVENTS, HTTP_STATE, KIOSK_CHANNELS, TECHNICIAN_CHANNELS, type KioskIntent, type TechnicianIntent } from '../kioskChannels.ts';
import type { TechnicianApi } from '../technicianApi.ts';
import type { Result } from '../result.ts';
import { parseSseStream } from './sse.ts';

/**
 * KioskApi over the browser host: intents are POSTed as JSON, states arrive as server-sent events.
 * Runs in a browser and in Node (the contract tests use this very code), so it uses fetch streams
 * rather than EventSource.
 */

export interface HttpKioskApiOptions {
  /** First wait before reconnecting the event stream; doubles up to `maxReconnectMs`. */
  readonly reconnectMs?: number;
  readonly maxReconnectMs?: number;
}

export function createHttpKioskApi(baseUrl: string, options: HttpKioskApiOptions = {}): KioskApi {
  const reconnectMs = options.reconnectMs ?? 250;
  const maxReconnectMs = options.maxReconnectMs ?? 5000;
  const url = (path: string): string => new URL(path, baseUrl).toString();

  async function post<T>(path: string, input: unknown): Promise<Result<T>> {
    try {
      const response = await fetch(url(path), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as Result<T>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `device host unreachable: ${String(error)}` } };
    }
  }

  const send = <T>(intent: KioskIntent, input: unknown): Promise<Result<T>> => post<T>(KIOSK_CHANNELS[intent].http, input);
  // Requests without input send {} so that the core's strict schemas accept them.
  const technician = Object.fromEntries(
    (Object.keys(TECHNICIAN_CHANNELS) as TechnicianIntent[]).map((intent) => [intent, (input?: unknown) => post(TECHNICIAN_CHANNELS[intent].http, input ?? {})]),
  ) as unknown as TechnicianApi;

  return {
    technician,
    async getState(): Promise<KioskState> {
      const response = await fetch(url(HTTP_STATE));
      if (!response.ok) throw new Error(`GET ${HTTP_STATE} answered ${response.status}`);
      return (await response.json()) as KioskState;
    },
    press: (input) => send('press', input),
    answerFollowUp: (input) => send('answerFollowUp', input),
    setLocale: (input) => send('setLocale', input),
    issueTicket: (input) => send('issueTicket', input),
    closeTicket: (input) => send('closeTicket', input),
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
              deliver(JSON.parse(data) as KioskEvent);
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
