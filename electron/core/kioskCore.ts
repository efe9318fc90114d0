import type { KioskEvent, KioskIntent, KioskState } from '../../shared/kioskApi.ts';
import type { Result } from '../../shared/result.ts';

/**
 * The core as the hosts see it. Inputs arrive `unknown` because they crossed a process or network
 * boundary; the core validates them with the schemas of shared/kioskApi.ts and answers a Result.
 */
export interface KioskCore {
  getState(): KioskState;
  handle(intent: KioskIntent, input: unknown): Result<unknown>;
  subscribe(listener: (event: KioskEvent) => void): () => void;
}
