import type { FastifyReply } from 'fastify';
import type { Refusal } from './refusal.ts';

/**
 * One answer of the collector, as its routes and its error handler build it: every answer is JSON
 * and never cached; every refusal is `{ error, reason }` (docs/protocol-sync.md, "Error codes").
 */
export interface Answer {
  readonly status: number;
  /** JSON text (an export page is built as text by the store), or a value to serialise. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const refused = ({ status, error, reason }: Refusal, headers?: Readonly<Record<string, string>>): Answer => ({
  status,
  body: { error, reason },
  ...(headers ? { headers } : {}),
});

/**
 * Sends the answer with its headers set here, not by hooks: the same bytes whichever path sent it (a
 * route, the error handler, a request the router could not take, which runs no hooks).
 */
export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return reply
    .code(answer.status)
    .headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...answer.headers })
    .send(text);
}
