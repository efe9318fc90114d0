import type Database from 'better-sqlite3';
import type { Config } from '../../../shared/config.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import type { JournalSyncAccess } from '../store/journalStore.ts';
import { createHttpTransport, type SyncTransport } from './httpTransport.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { DAY_MS } from './retention.ts';
import { createUploader, type Uploader, type UploaderOptions } from './uploader.ts';

/** What a host or a benchmark may change beyond the config file (batch size, debounce, transport). */
export type SyncTuning = Partial<Pick<UploaderOptions, 'limits' | 'debounceMs' | 'gzip' | 'random' | 'pruneEveryMs' | 'onAcknowledged' | 'transport'>>;

/**
 * The uploader for a config's `sync` section, over the journal's connection; null without one (a
 * device without `sync` keeps everything locally). The token stays here, in the core: it is never
 * part of the state the renderer gets.
 */
/** What the uploader reads of a config: a device's, or the hub's (office id and time zone, its own `sync`). */
export interface SyncConfig {
  readonly device: Pick<Config['device'], 'id' | 'timezone'>;
  readonly sync?: Config['sync'];
}

export function startSync(deps: {
  readonly config: SyncConfig;
  readonly store: JournalSyncAccess;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly tuning?: SyncTuning;
}): Uploader | null {
  const { config, store, clock, scheduler } = deps;
  const sync = config.sync;
  if (!sync) return null;
  let outbox: { db: Database.Database; outbox: Outbox } | null = null;
  const transport: SyncTransport = deps.tuning?.transport ?? createHttpTransport();
  const uploader = createUploader({
    deviceId: config.device.id,
    timeZone: config.device.timezone,
    endpoint: sync.endpoint,
    token: sync.token,
    ...(sync.previousTokens ? { previousTokens: sync.previousTokens } : {}),
    intervalMs: sync.intervalSeconds * 1000,
    timeoutMs: sync.timeoutSeconds * 1000,
    backoff: { minMs: sync.backoffMinSeconds * 1000, maxMs: Math.max(sync.backoffMaxSeconds, sync.backoffMinSeconds) * 1000 },
    retentionMs: sync.retentionDays * DAY_MS,
    ...deps.tuning,
    transport,
    // Prepared statements belong to a connection: after the store reopens the journal, prepare again.
    outbox: () => {
      const db = store.database();
      if (outbox?.db !== db) outbox = { db, outbox: createOutbox(db, config.device.id) };
      return outbox.outbox;
    },
    clock,
    scheduler,
  });
  const unsubscribe = store.onAppended(() => uploader.notifyAppended());
  uploader.start();
  return {
    ...uploader,
    async stop() {
      unsubscribe();
      await uploader.stop();
      transport.close();
    },
  };
}
