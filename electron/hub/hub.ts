import { join } from 'node:path';
import { systemClock, type Clock } from '../core/clock.ts';
import { JOURNAL_FILE } from '../core/dataDir.ts';
import { claimDataDir } from '../core/dataDirLock.ts';
import { systemScheduler, type Scheduler } from '../core/scheduler.ts';
import { openJournalStore } from '../core/store/journalStore.ts';
import { startSync, type SyncTuning } from '../core/sync/syncService.ts';
import type { Uploader } from '../core/sync/uploader.ts';
import { announcementLog } from './announcementLog.ts';
import { decisionClock } from './decisionClock.ts';
import { ensureHubCertificate } from './hubCertificate.ts';
import type { HubConfig } from './hubConfig.ts';
import { newHubCounters, type HubCounters } from './hubCounters.ts';
import { hubDevices } from './hubDevices.ts';
import { startHubServer } from './hubServer.ts';
import { startMidnightTimer } from './midnight.ts';
import { openOfficeQueue, type OfficeQueue } from './officeQueue.ts';
import { refreshLater } from './refreshLater.ts';
import { signInGuard } from './signInGuard.ts';
import { snapshotStreams } from './snapshotStreams.ts';

/**
 * `okno hub`: the office's queue authority, composed. It owns its data directory (one hub per
 * directory, like a device), keeps its certificate and its journal there (the device's store and
 * migrations), rebuilds the queue from the journal, serves okno-office/1 and sends its events to the
 * central collector with the device's uploader, under the office's id.
 */
export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly fingerprint: string;
  /** True when this start made the certificate (every device must pin the new fingerprint). */
  readonly certificateCreated: boolean;
  readonly queue: OfficeQueue;
  readonly counters: Readonly<HubCounters>;
  readonly uploader: Uploader | null;
  close(): Promise<void>;
}

export class HubStorageError extends Error {
  override readonly name = 'HubStorageError';
}

export interface HubOptions {
  readonly config: HubConfig;
  readonly dataDir: string;
  readonly host?: string;
  readonly port?: number;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  readonly sync?: SyncTuning;
  readonly log?: (line: string) => void;
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const { config, dataDir } = options;
  const log = options.log ?? (() => undefined);
  const scheduler = options.scheduler ?? systemScheduler;
  const clock = decisionClock(options.clock ?? systemClock);
  // Throws DataDirInUseError when another okno (hub or device) owns the directory.
  const claim = claimDataDir(dataDir);
  const cleanups: (() => Promise<void> | void)[] = [() => claim.release()];
  const undo = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const certificate = await ensureHubCertificate(dataDir, config.office.id);
    const store = openJournalStore({ file: join(dataDir, JOURNAL_FILE), deviceId: config.office.id, timeZone: config.office.timezone, clock });
    cleanups.push(() => store.close());
    // A queue authority that cannot record a call must not hand one out: unlike a kiosk, it does not start.
    if (!store.health().available) throw new HubStorageError(`the hub's journal cannot be opened: ${store.health().lastError ?? 'unknown'}`);
    const counters = newHubCounters();
    const queue = openOfficeQueue({ db: store.database(), journal: store.journal(), config, clock, counters });
    // The office's midnight may have passed while the hub was down.
    queue.rolloverIfDue();
    const streams = snapshotStreams({ snapshotJson: () => JSON.stringify(queue.snapshot()), scheduler, onClosed: () => (counters.streamsClosed += 1) });
    const refresh = refreshLater({ clock, scheduler, refresh: () => streams.changed() });
    cleanups.push(() => refresh.stop());
    const rateMs = config.queue.rateSeconds * 1000;
    queue.onCommitted((events) => {
      streams.changed();
      // The finished visit leaves the snapshot rateSeconds later, with no event: tell the streams then too.
      if (events.some((event) => event.type === 'service.finished')) refresh.after(rateMs + 50);
    });
    const midnight = startMidnightTimer({
      clock,
      scheduler,
      timeZone: config.office.timezone,
      onMidnight: () => {
        try {
          queue.rolloverIfDue();
        } catch (error) {
          // The journal failed at midnight: the next look (within minutes) tries again.
          counters.storageFailures += 1;
          log(`okno hub: the day's rollover failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
    cleanups.push(() => midnight.stop());
    const server = await startHubServer({
      config,
      queue,
      announcements: announcementLog(store.database(), store.journal()),
      devices: hubDevices(config.devices),
      signIn: signInGuard({ operators: config.operators, clock }),
      streams,
      counters,
      tls: certificate,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      log,
    });
    cleanups.push(() => server.close());
    const uploader = startSync({
      config: { device: { id: config.office.id, timezone: config.office.timezone }, ...(config.sync ? { sync: config.sync } : {}) },
      store,
      clock,
      scheduler,
      ...(options.sync ? { tuning: options.sync } : {}),
    });
    if (uploader) cleanups.push(() => uploader.stop());
    return {
      url: server.url,
      port: server.port,
      fingerprint: certificate.fingerprint,
      certificateCreated: certificate.created,
      queue,
      counters,
      uploader,
      close: undo,
    };
  } catch (error) {
    await undo();
    throw error;
  }
}
