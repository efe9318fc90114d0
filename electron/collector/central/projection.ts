import type pg from 'pg';

/**
 * What the central read model learns from a batch (rollups, each device's latest status, alert
 * inputs). A projection runs inside the transaction that stores the batch, and sees only the events
 * that this transaction stored for the first time: a re-delivered batch (or a copy of it that reached
 * another instance) stores nothing new, so it changes nothing here either. That is what keeps every
 * figure exact without any state in the collector process (docs/central.md).
 */
export interface IngestContext {
  readonly deviceId: string;
  /** The office the devices file gives this device, or null when it names none. */
  readonly office: string | null;
  /** The collector's clock when the batch arrived (ISO 8601, UTC). */
  readonly receivedAt: string;
}

/** An event stored by this transaction, its payload parsed from the text kept as received. */
export interface FreshEvent {
  readonly id: string;
  readonly seq: number;
  readonly type: string;
  /** ISO 8601 with the device's UTC offset. */
  readonly occurredAt: string;
  /** As the device sent it: a projection validates what it reads (an unknown or malformed payload is skipped, never a failed batch). */
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Runs in the batch's transaction on `client`. It must touch rows in a fixed order (sort its keys), so
 * two instances storing batches of one office at once never deadlock. A projection that throws fails
 * the batch (500): the device keeps it and sends it again, nothing is lost.
 */
export type Projection = (client: pg.ClientBase, fresh: readonly FreshEvent[], context: IngestContext) => Promise<void>;
