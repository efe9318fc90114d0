import type { KioskEvent, KioskIntent, KioskState } from '../../shared/kioskApi.ts';
import type { TechnicianIntent } from '../../shared/kioskChannels.ts';
import type { Result } from '../../shared/result.ts';

/**
 * The core as the hosts see it. Inputs arrive `unknown` because they crossed a process or network
 * boundary; the core validates them with the schemas of shared/kioskApi.ts and answers a Result.
 */
export interface KioskCore {
  getState(): KioskState;
  /** Most intents answer at once; issuing a ticket waits for the printer's status first. */
  handle(intent: KioskIntent, input: unknown): Result<unknown> | Promise<Result<unknown>>;
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

/** What the hosts serve: a kiosk with technician mode over it (electron/core/deviceHost.ts). */
export interface DeviceCore {
  getState(): KioskState;
  handle(intent: KioskIntent | TechnicianIntent, input: unknown): Result<unknown> | Promise<Result<unknown>>;
  subscribe(listener: (event: KioskEvent) => void): () => void;
}
