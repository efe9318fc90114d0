import type { Result } from '../../shared/result.ts';

/**
 * A technician request that never throws: a transport failure (the host gone, IPC closed) becomes
 * an `internal` error value like any refusal, so a screen has one path for every failure.
 */
export async function settle<T>(request: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request;
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** An error message as lines ("device.id: …" one per line for invalid-config), blank lines dropped. */
export const messageLines = (message: string): string[] =>
  message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
