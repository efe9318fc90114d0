import type { ReceivedBatch } from './batchBody.ts';
import type { PageLimits } from './exportPage.ts';

/**
 * What the collector's server needs of its store, whatever the engine: SQLite (the embedded default,
 * electron/collector/collectorStore.ts) or PostgreSQL for a city (postgresStore.ts). Asynchronous
 * because a network database is; both engines answer the same requests with the same bytes
 * (tests/integration/sync/collector.test.ts runs on both).
 */
export interface BatchCounts {
  readonly accepted: number;
  readonly duplicates: number;
}

export interface CollectorStorage {
  readonly engine: 'sqlite' | 'postgres';
  readonly schemaVersion: number;
  /**
   * Stores each event of the batch once per (device id, event id), atomically, durable before it
   * resolves: the 200 that follows lets the device prune. A re-sent event is a duplicate and keeps
   * the first copy. `office` (from the devices file) is for the central read model's projections
   * (central/projection.ts); the SQLite store keeps no read model and ignores it.
   */
  storeBatch(received: ReceivedBatch, receivedAt: string, office?: string | null): Promise<BatchCounts>;
  /** One page of GET /v1/devices/{id}/events as JSON text (exportPage.ts), after the collector's own cursor. */
  exportPage(deviceId: string, after: number, limits: PageLimits): Promise<string>;
  /** Events stored, of every device or of one. */
  countEvents(deviceId?: string): Promise<number>;
  end(): Promise<void>;
}

/**
 * The database cannot be reached or failed (not a defect of the request or of the collector): the
 * server answers 503 with Retry-After, and the device keeps its backlog and tries again.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}
