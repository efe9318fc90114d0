import { join } from 'node:path';
import type { Config } from '../../shared/config.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, DEMO_CONFIG, loadConfigFile, parseConfig } from './config/loadConfig.ts';
import { newCounters } from './counters.ts';
import { JOURNAL_FILE } from './dataDir.ts';
import type { KioskCore } from './kioskCore.ts';
import { createRatingKiosk, type RatingKiosk } from './rating/ratingKiosk.ts';
import { systemScheduler, type Scheduler } from './scheduler.ts';
import { createStatusWriter } from './status/statusFile.ts';
import { openJournalStore, type JournalStore } from './store/journalStore.ts';
import { oknoVersion } from './version.ts';

export { ConfigError };

export interface BootOptions {
  /** Without it, the built-in demo configuration. */
  readonly configPath?: string;
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
}

export interface RunningCore {
  readonly core: KioskCore;
  readonly kiosk: RatingKiosk;
  readonly config: Config;
  readonly store: JournalStore;
  /** Lets the host put its URL into the status file once it listens. */
  setUrl(url: string): void;
  close(): Promise<void>;
}

/** The one place where the core is composed: config, journal, rating session, status. */
export async function bootCore(options: BootOptions): Promise<RunningCore> {
  const config = options.configPath ? loadConfigFile(options.configPath) : parseConfig(DEMO_CONFIG, 'built-in demo');
  if (config.device.mode !== 'rating') {
    throw new ConfigError(options.configPath ?? 'built-in demo', ['device.mode: "tickets" is not available in this version yet']);
  }
  const clock = options.clock ?? systemClock;
  const counters = newCounters();
  const startedAt = clock.now().toISOString();
  let url: string | null = null;

  const store = openJournalStore({
    file: join(options.dataDir, JOURNAL_FILE),
    deviceId: config.device.id,
    timeZone: config.device.timezone,
    clock,
    onQuarantined: (journal, quarantined) =>
      journal.append('storage.recovered', { quarantinedFile: quarantined.file, reason: quarantined.reason }),
  });

  const status = createStatusWriter(options.dataDir, () => {
    const health = store.health();
    return {
      pid: process.pid,
      version: oknoVersion(),
      startedAt,
      updatedAt: clock.now().toISOString(),
      url,
      storage: { available: health.available, lastError: health.lastError, quarantinedFile: health.quarantinedFile },
      counters: { ...counters },
    };
  });

  const kiosk = createRatingKiosk({
    config,
    store,
    clock,
    scheduler: options.scheduler ?? systemScheduler,
    counters,
    onStatusChange: () => status.request(),
  });

  try {
    store.journal().append('device.started', { version: oknoVersion(), mode: config.device.mode });
    store.noteWrite(null);
  } catch (error) {
    // Storage trouble at start is shown on screen and in doctor; the kiosk still starts.
    counters.storageWriteFailures += 1;
    store.noteWrite(error);
  }
  status.flush();

  return {
    core: kiosk,
    kiosk,
    config,
    store,
    setUrl(value) {
      url = value;
      status.flush();
    },
    async close() {
      kiosk.close();
      status.flush();
      status.close();
      store.close();
    },
  };
}
