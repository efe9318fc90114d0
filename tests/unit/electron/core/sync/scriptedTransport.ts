import type { HttpOutcome } from '../../../../../electron/core/sync/answer.ts';
import type { SyncTransport } from '../../../../../electron/core/sync/httpTransport.ts';

/** A batch as the uploader put it on the wire (gzip off in these tests), with the token it went with. */
export interface SentBatch {
  deviceId: string;
  batchId: string;
  sentAt: string;
  events: { id: string; seq: number; type: string; occurredAt: string; payload: unknown }[];
  token: string;
}

export const ok = (accepted: number, duplicates = 0): HttpOutcome => ({
  kind: 'answer',
  status: 200,
  headers: {},
  body: JSON.stringify({ accepted, duplicates, receivedAt: '2026-11-23T07:15:01.004Z' }),
});
export const status = (code: number, headers: Record<string, string> = {}, body = ''): HttpOutcome => ({ kind: 'answer', status: code, headers, body });

/** A collector stand-in: answers each request with the next scripted outcome (default: accept all). */
export class ScriptedTransport implements SyncTransport {
  readonly sent: SentBatch[] = [];
  readonly script: ((batch: SentBatch) => HttpOutcome | Promise<HttpOutcome>)[] = [];
  /** Answers when the script is empty (default: accept every event). */
  fallback: (batch: SentBatch) => HttpOutcome = (batch) => ok(batch.events.length);
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;

  async post(request: Parameters<SyncTransport['post']>[0]): Promise<HttpOutcome> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const batch = { ...(JSON.parse(request.body.toString('utf8')) as Omit<SentBatch, 'token'>), token: request.token };
      this.sent.push(batch);
      const next = this.script.shift();
      if (next) {
        return await Promise.race([
          next(batch),
          new Promise<HttpOutcome>((resolve) =>
            request.signal.addEventListener('abort', () => {
              this.aborted += 1;
              resolve({ kind: 'network', code: 'aborted', message: 'stopping' });
            }),
          ),
        ]);
      }
      return this.fallback(batch);
    } finally {
      this.inFlight -= 1;
    }
  }
  close(): void {}
}
