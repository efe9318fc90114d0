import type { Scheduler } from '../core/scheduler.ts';

/**
 * The live streams of okno-office/1 (GET /office/v1/stream): every device gets `event: snapshot`
 * with the whole office snapshot when it connects and after every committed change. A burst of
 * changes (50 calls in a second) is coalesced into one snapshot per `coalesceMs`, so a slow hall
 * board is not sent 50 snapshots it would only replace. A comment line every `heartbeatMs` keeps
 * proxies and the devices' read timeouts from taking a quiet office for a dead hub.
 */

/** What a stream writes to: a response with its headers already sent (Fastify's reply.raw). */
export interface StreamSink {
  write(chunk: string): boolean;
  end(): void;
  /** Called once when the client goes away (or the socket fails). */
  onClose(listener: () => void): void;
}

export interface SnapshotStreams {
  /** Adds a client: its first snapshot is written at once. */
  open(sink: StreamSink): void;
  /** The state changed: every client gets the newest snapshot within `coalesceMs`. */
  changed(): void;
  size(): number;
  /** Ends every stream (the hub is stopping). */
  close(): void;
}

export const SNAPSHOT_EVENT = 'snapshot';
export const HEARTBEAT_MS = 15_000;
export const COALESCE_MS = 20;

export const formatSnapshotEvent = (snapshotJson: string): string => `event: ${SNAPSHOT_EVENT}\ndata: ${snapshotJson}\n\n`;

export function snapshotStreams(options: {
  /** The snapshot as JSON text: made once per change, whatever the number of clients. */
  snapshotJson: () => string;
  scheduler: Scheduler;
  coalesceMs?: number;
  heartbeatMs?: number;
  onClosed?: () => void;
}): SnapshotStreams {
  const coalesceMs = options.coalesceMs ?? COALESCE_MS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const sinks = new Set<StreamSink>();
  let pending: unknown = null;
  let heartbeat: unknown = null;
  let closed = false;

  const drop = (sink: StreamSink): void => {
    if (!sinks.delete(sink)) return;
    options.onClosed?.();
    if (sinks.size === 0 && heartbeat !== null) {
      options.scheduler.clearTimeout(heartbeat);
      heartbeat = null;
    }
  };

  const writeTo = (sink: StreamSink, chunk: string): void => {
    try {
      sink.write(chunk);
    } catch {
      // A socket that failed between two writes: its close listener drops it too.
      drop(sink);
      sink.end();
    }
  };

  const beat = (): void => {
    heartbeat = null;
    if (closed || sinks.size === 0) return;
    for (const sink of [...sinks]) writeTo(sink, ': heartbeat\n\n');
    heartbeat = options.scheduler.setTimeout(beat, heartbeatMs);
  };

  const flush = (): void => {
    pending = null;
    if (closed || sinks.size === 0) return;
    const event = formatSnapshotEvent(options.snapshotJson());
    for (const sink of [...sinks]) writeTo(sink, event);
  };

  return {
    open(sink) {
      if (closed) {
        sink.end();
        return;
      }
      sinks.add(sink);
      sink.onClose(() => drop(sink));
      writeTo(sink, formatSnapshotEvent(options.snapshotJson()));
      heartbeat ??= options.scheduler.setTimeout(beat, heartbeatMs);
    },
    changed() {
      if (closed || sinks.size === 0 || pending !== null) return;
      pending = options.scheduler.setTimeout(flush, coalesceMs);
    },
    size: () => sinks.size,
    close() {
      closed = true;
      if (pending !== null) options.scheduler.clearTimeout(pending);
      if (heartbeat !== null) options.scheduler.clearTimeout(heartbeat);
      pending = null;
      heartbeat = null;
      for (const sink of [...sinks]) {
        sinks.delete(sink);
        sink.end();
      }
    },
  };
}
