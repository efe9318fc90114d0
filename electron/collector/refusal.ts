import type { z } from 'zod';

/** A request the collector refuses: the status, a stable code (docs/protocol-sync.md) and a reason for a human. */
export interface Refusal {
  readonly status: number;
  readonly error: string;
  readonly reason: string;
}

export const refusal = (status: number, error: string, reason: string): Refusal => ({ status, error, reason });

/** The first issues of a zod error as "path: message", the path a technician can find in the body. */
export const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
