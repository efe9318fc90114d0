import { join } from 'node:path';
import type { Config } from '../../shared/config.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, DEMO_CONFIG, loadConfigFile, parseConfig } from './config/loadConfig.ts';
import { newCounters } from './counters.ts';
import { JOURNAL_FILE } from './dataDir.ts';
import type { KioskCore } from './kioskCore.ts';
import { createRatingKiosk, type RatingKiosk } from './rating/ratingKiosk.ts';
import { systemScheduler, type Scheduler } from './scheduler.ts';
import { createStatusWriter, type HostStatusInput } from './status/statusFile.ts';
import { nullLogger, type Logger } from './logging/logger.ts';
import { logStatusChanges } from './logging/statusLog.ts';
import { openJournalStore, type JournalStore, type JournalSyncAccess } from './store/journalStore.ts';
import { oknoVersion } from './version.ts';
import { updateConfigFile } from './config/saveConfig.ts';
import { createButtonDevice, type ButtonDevice, type LearnedButton } from './serial/buttonDevice.ts';
import { systemSerialPorts, type SerialPorts } from './serial/serialPort.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { startSync, type SyncTuning } from './sync/syncService.ts';
import type { Uploader } from './sync/uploader.ts';
import { createReceiptPrinter, type ReceiptPrinter } from './printer/receiptPrinter.ts';
import { createTicketKiosk, type TicketKiosk } from './tickets/ticketKiosk.ts';

export { ConfigError };

export interface BootOptions {
  /** Without it, the built-in demo configuration. */
  readonly configPath?: string;
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  /** Serial ports for the button device; the machine's own by default. */
  readonly serialPorts?: SerialPorts;
  /** okno-sync/1 uploader tuning beyond the config (benchmarks, tests, the demo's batch log). */
  readonly sync?: SyncTuning;
  /** Structured log (electron/core/logging); none by default. */
  readonly logger?: Logger;
  /** `buttons.serviceButton` was pressed: technician mode's PIN pad, not a vote. */
  readonly onServiceButton?: () => void;
  /** True while a hardware press must not vote (technician mode is open); the box still counts it. */
  readonly holdPresses?: () => boolean;
}

export interface RunningCore {
  readonly core: KioskCore;
  /** The rating terminal (device.mode "rating"), else null. */
  readonly kiosk: RatingKiosk | null;
  /** The ticket dispenser (device.mode "tickets"), else null. */
  readonly tickets: TicketKiosk | null;
  /** The ticket printer, when `printer` is configured on a dispenser. */
  readonly printer: ReceiptPrinter | null;
  readonly config: Config;
  readonly store: JournalStore & JournalSyncAccess;
  /** The serial button device, when `buttons` is configured. */
  readonly buttons: ButtonDevice | null;
  /** The okno-sync/1 uploader, when `sync` is configured. */
  readonly uploader: Uploader | null;
  /**
   * keymap protocol: "press button N now…" — the next byte sequence from the device becomes button N,
   * and the keymap is saved into the config file (what technician mode calls).
   */
  learnButton(button: number, timeoutMs: number): Promise<Result<LearnedButton>>;
  /** The host's status as it is now (what status.json gets): counters, buttons, printer, storage. */
  status(): HostStatusInput;
  /** Lets the host put its URL into the status file once it listens. */
  setUrl(url: string): void;
  /**
   * Lets the host put its own counters (the browser host's refused requests) into the status file,
   * so okno doctor shows them; returns what to call when they change.
   */
  setHostCounters(read: () => Readonly<Record<string, number>>): () => void;
  close(): Promise<void>;
}

/** The one place where the core is composed: config, journal, rating session, status. */
export async function bootCore(options: BootOptions): Promise<RunningCore> {
  const config = options.configPath ? loadConfigFile(options.configPath) : parseConfig(DEMO_CONFIG, 'built-in demo');
  const clock = options.clock ?? systemClock;
  const counters = newCounters();
  const startedAt = clock.now().toISOString();
  let url: string | null = null;
  let hostCounters: (() => Readonly<Record<string, number>>) | null = null;
  let uploader: Uploader | null = null;

  const store = openJournalStore({
    file: join(options.dataDir, JOURNAL_FILE),
    deviceId: config.device.id,
    timeZone: config.device.timezone,
    clock,
    onQuarantined: (journal, quarantined) =>
      journal.append('storage.recovered', { quarantinedFile: quarantined.file, reason: quarantined.reason }),
  });

  const log = options.logger ?? nullLogger;
  const logStatus = logStatusChanges(log);
  const snapshot = (): HostStatusInput => {
    const health = store.health();
    return {
      pid: process.pid,
      version: oknoVersion(),
      startedAt,
      updatedAt: clock.now().toISOString(),
      url,
      storage: { available: health.available, lastError: health.lastError, quarantinedFile: health.quarantinedFile },
      counters: { ...counters, ...uploader?.counters(), ...hostCounters?.() },
      buttons: buttons ? { ...buttons.status() } : null,
      printer: printer ? { ...printer.status() } : null,
    };
  };
  const status = createStatusWriter(options.dataDir, () => {
    const current = snapshot();
    // Transitions only (a device unplugged, a printer fault, sync paused…): one line each.
    logStatus(current, { sync: uploader?.status() ?? null });
    return current;
  });
  // Sync failures change no counter that asks for a write: look every 30 s so they reach the log.
  const heartbeat = setInterval(() => status.request(), 30_000);
  heartbeat.unref();

  const scheduler = options.scheduler ?? systemScheduler;
  const kiosk =
    config.device.mode === 'rating' ? createRatingKiosk({ config, store, clock, scheduler, counters, onStatusChange: () => status.request() }) : null;
  const printer =
    config.device.mode === 'tickets' && config.printer
      ? createReceiptPrinter({ config: config.printer, ports: options.serialPorts ?? systemSerialPorts, now: () => clock.now(), onChange: () => status.request() })
      : null;
  const tickets =
    config.device.mode === 'tickets' ? createTicketKiosk({ config, store, clock, scheduler, counters, printer, onStatusChange: () => status.request() }) : null;
  const core: KioskCore = kiosk ?? tickets!;

  // A hardware press goes through the same session as a touch; the LED is lit only for a vote that
  // was committed, so the citizen's "it counted" is never a lie.
  // A ticket dispenser may have a box too: only for its service button (its other buttons do nothing).
  const buttons: ButtonDevice | null = config.buttons
    ? createButtonDevice({
        config: config.buttons,
        ports: options.serialPorts ?? systemSerialPorts,
        clock,
        scheduler,
        onPress: (button) => {
          if (button === config.buttons?.serviceButton) {
            options.onServiceButton?.();
            return;
          }
          if (!kiosk || options.holdPresses?.()) return;
          const result = kiosk.press(button, 'serial');
          if (result.ok && result.value.outcome === 'recorded') buttons?.ack(button);
        },
        onStatus: () => status.request(),
      })
    : null;

  try {
    store.journal().append('device.started', { version: oknoVersion(), mode: config.device.mode });
    store.noteWrite(null);
  } catch (error) {
    // Storage trouble at start is shown on screen and in doctor; the kiosk still starts.
    counters.storageWriteFailures += 1;
    store.noteWrite(error);
  }
  status.flush();
  log.info({ version: oknoVersion(), mode: config.device.mode, deviceId: config.device.id }, 'okno started');
  buttons?.start();
  // After device.started is committed, so the first batch carries it.
  uploader = startSync({
    config,
    store,
    clock,
    scheduler,
    tuning: {
      ...options.sync,
      onAcknowledged: (batch) => {
        status.request();
        options.sync?.onAcknowledged?.(batch);
      },
    },
  });

  return {
    core,
    kiosk,
    tickets,
    printer,
    config,
    store,
    buttons,
    get uploader() {
      return uploader;
    },
    async learnButton(button, timeoutMs) {
      if (!buttons) return fail('wrong-protocol', 'no button device is configured');
      const learned = await buttons.learn(button, timeoutMs);
      if (!learned.ok) return learned;
      if (!options.configPath) return fail('no-config-file', 'learned, but there is no config file to save the keymap into');
      try {
        updateConfigFile(options.configPath, (json) => ({
          ...json,
          buttons: { ...(json.buttons as Record<string, unknown>), keymap: buttons.keymap() },
        }));
      } catch (error) {
        return fail('internal', `the keymap could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      }
      return ok(learned.value);
    },
    status: snapshot,
    setUrl(value) {
      url = value;
      status.flush();
    },
    setHostCounters(read) {
      hostCounters = read;
      return () => status.request();
    },
    async close() {
      // The uploader first: it aborts a request in flight and must not touch the journal after it closes.
      clearInterval(heartbeat);
      await uploader?.stop();
      await buttons?.stop();
      kiosk?.close();
      await tickets?.close();
      status.flush();
      status.close();
      store.close();
    },
  };
}
