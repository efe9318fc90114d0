import { existsSync } from 'node:fs';
import { technicianSchema, type Locale } from '../../../shared/config.ts';
import type { KioskEvent, KioskState } from '../../../shared/kioskApi.ts';
import type { RequestAnswer, RequestName } from '../../../shared/requests/registry.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { TechnicianView } from '../../../shared/technicianApi.ts';
import { systemClock } from '../clock.ts';
import { claimDataDir, type DataDirClaim } from '../dataDirLock.ts';
import { createLogger, logDir } from '../logging/logger.ts';
import { systemScheduler } from '../scheduler.ts';
import { systemSerialPorts } from '../serial/serialPort.ts';
import { readLockout, UNLOCKED, type LockoutState } from '../technician/pinLockout.ts';
import { createTechnicianActions } from '../technician/technicianActions.ts';
import { createTechnicianSession, type SessionRecord } from '../technician/technicianSession.ts';
import { createDeviceState } from './deviceState.ts';
import { createRequestDispatcher } from './requests.ts';
import { startRunning, type Running, type RunningOptions } from './running.ts';

/**
 * The composition root of a device: the one place where its parts are put together — the data
 * directory's lock and the log for the process's life; the running configuration (journal, face,
 * box, printer, sync: ./running.ts), replaced when the technician saved a new config and leaves;
 * technician mode over it; one state (./deviceState.ts) and one request door (./requests.ts).
 * A device with no config file yet starts in the setup wizard and starts running once it is saved.
 * The hosts (the Electron shell over IPC, the browser host over HTTP) serve exactly this.
 */

/** What the hosts serve, and the contract suite tests. */
export interface ServedDevice {
  getState(): KioskState;
  /** `name` may come off the wire: an unknown one is refused like bad input. */
  handle<Name extends RequestName>(name: Name, input: unknown): Promise<Result<RequestAnswer<Name>>>;
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

export interface DeviceOptions extends Omit<RunningOptions, 'openPinPad' | 'technicianOpen' | 'onFaceChange' | 'logger'> {
  /** Where exports may go besides removable media and OKNO_EXPORT_DIRS. */
  readonly exportDirs?: readonly string[];
  /** Each time a configuration starts running: at start, and with the config the technician saved (Electron syncs its login item). */
  readonly onRunning?: (running: Running) => void;
}

export interface Device extends ServedDevice {
  /** The running configuration; null while the first-run wizard has no config to run. */
  running(): Running | null;
  setUrl(url: string): void;
  /** The host's own counters for the status file, kept across restarts; returns what to call when they change. */
  setHostCounters(read: () => Readonly<Record<string, number>>): () => void;
  close(): Promise<void>;
}

const DEFAULT_TECHNICIAN = technicianSchema.parse({});

/** The PIN lockout the journal recorded; an unreadable record locks nothing. */
const lockoutOnRecord = (running: Running): LockoutState => {
  try {
    return readLockout(running.store.database());
  } catch {
    return UNLOCKED;
  }
};

export async function startDevice(options: DeviceOptions): Promise<Device> {
  // First of all, before a log line or a journal write: this process owns the data directory, or
  // nothing starts (DataDirInUseError names the owner). The OS releases it if the process dies.
  const claim = claimDataDir(options.dataDir);
  try {
    return await startOwnedDevice(options, claim);
  } catch (error) {
    claim.release();
    throw error;
  }
}

async function startOwnedDevice(options: DeviceOptions, claim: DataDirClaim): Promise<Device> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const scheduler = options.scheduler ?? systemScheduler;
  const firstRun = options.configPath !== undefined && !existsSync(options.configPath);
  let running: Running | null = null;
  let url: string | null = null;
  let hostCounters: (() => Readonly<Record<string, number>>) | null = null;
  let hostCountersChanged: (() => void) | null = null;
  let setupLocale: Locale = 'ru';
  /** A config was saved in this technician visit: leaving applies it. */
  let configChanged = false;
  // One log for the process's life, across restarts: <dataDir>/logs/okno.log, rotated. Log times in
  // the device's zone once a config runs (the system's before, on the first run).
  const logs = createLogger({ dir: logDir(options.dataDir), timeZone: () => running?.config.device.timezone });
  const log = logs.logger;
  // An unusable directory (read-only, not a directory) is the journal's problem to show, not a refusal.
  if (!claim.owned) log.warn({ dataDir: options.dataDir, problem: claim.problem }, 'the data directory could not be locked');

  const state = createDeviceState({
    configured: () =>
      running ? { config: running.config, face: running.face.view(), storageOk: running.store.health().available, speech: running.speech.view() } : null,
    technician: () => technicianView(),
    setupLocale: () => setupLocale,
  });

  /** Writes one technician fact to the journal; a storage failure shows as usual, the flow goes on. */
  const record = (append: (running: Running) => void): void => {
    if (!running) return;
    try {
      append(running);
      running.store.noteWrite(null);
    } catch (error) {
      running.store.noteWrite(error);
    }
  };

  const recordSession = (entry: SessionRecord): void => {
    // Never the PIN itself: what happened, and the lockout.
    if (entry.type === 'pinAccepted') log.info('technician mode opened');
    else log.warn({ reason: entry.reason, failures: entry.lockout.failures, lockouts: entry.lockout.lockouts, lockedUntil: entry.lockout.lockedUntil }, 'technician PIN refused');
    record((current) => {
      if (entry.type === 'pinAccepted') current.store.journal().append('technician.pinAccepted', {});
      else current.store.journal().append('technician.pinRefused', { reason: entry.reason, failures: entry.lockout.failures, lockouts: entry.lockout.lockouts, lockedUntil: entry.lockout.lockedUntil });
    });
  };

  const actions = createTechnicianActions({
    configPath: options.configPath ?? null,
    dataDir: options.dataDir,
    clock,
    scheduler,
    ports: options.serialPorts ?? systemSerialPorts,
    exportDirs: options.exportDirs ?? [],
    startedAt,
    log,
    config: () => running?.config ?? null,
    running: () => running,
    onChange: () => state.publish(),
    onSaved: (saved) => {
      configChanged = true;
      log.info(saved, 'config saved by the technician');
      record((current) => current.store.journal().append('config.saved', saved));
    },
  });

  const technician = createTechnicianSession({
    clock,
    scheduler,
    rules: () => running?.config.technician ?? DEFAULT_TECHNICIAN,
    initialLockout: UNLOCKED,
    record: recordSession,
    onChange: () => state.publish(),
    // The running configuration keeps its box and printer while technician mode is open (diagnostics
    // show them live); a button test or a test print takes the port only while it runs.
    onLeave: async (reason) => {
      await actions.stopButtonTest({ giveBack: false });
      log.info({ reason, configChanged }, 'technician mode closed');
      record((current) => current.store.journal().append('technician.left', { reason, configChanged }));
      if (configChanged || !running) {
        configChanged = false;
        await restart();
      } else {
        running.buttons?.start();
      }
    },
  });

  if (!firstRun) {
    try {
      running = await run();
    } catch (error) {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'okno did not start');
      logs.close();
      throw error;
    }
    technician.restoreLockout(lockoutOnRecord(running));
  }

  /** Starts the configuration in the config file; its box asks technician mode what a press means. */
  async function run(): Promise<Running> {
    const started = await startRunning({
      ...options,
      logger: log,
      openPinPad: () => void technician.openPinPad(),
      technicianOpen: () => technician.isOpen(),
      onFaceChange: () => state.publish(),
    });
    if (url) started.setUrl(url);
    if (hostCounters) hostCountersChanged = started.setHostCounters(hostCounters);
    options.onRunning?.(started);
    return started;
  }

  async function restart(): Promise<void> {
    const old = running;
    running = null;
    await old?.close();
    try {
      running = await run();
    } catch (error) {
      // The saved config was validated, so this is the disk or the port: stay in the wizard, say why.
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'the kiosk did not start with the saved config');
      actions.noteStartFailure(error);
      technician.openFirstRun();
    }
  }

  function technicianView(): TechnicianView {
    const view = technician.view();
    return view.phase === 'open' ? { ...view, buttonTest: actions.buttonTestView() } : view;
  }

  const handle = createRequestDispatcher({
    face: () => running?.face ?? null,
    speech: () => running?.speechRequests ?? null,
    technicianOpen: () => technician.isOpen(),
    setupLocale: (input) => {
      setupLocale = input.locale;
      state.publish();
      return ok(null);
    },
    onInvalidInput: () => {
      if (!running) return;
      running.counters.invalidInput += 1;
      running.requestStatus();
    },
    technician: {
      openPinPad: () => technician.openPinPad(),
      enterPin: (input) => technician.enterPin(input.pin),
      leave: () => {
        if (technician.isOpen() && !running && !configChanged) return fail('not-accepting', 'save the settings first: this device has no config yet');
        return technician.leave('exit');
      },
      activity: () => ok(null),
      ...actions.handlers,
    },
    onTechnicianRequest: () => technician.activity(),
    onCitizenRequest: () => running?.speech.activity(),
  });

  if (firstRun) technician.openFirstRun();

  return {
    running: () => running,
    getState: () => state.current(),
    handle,
    subscribe: (listener) => state.subscribe(listener),
    setUrl(value) {
      url = value;
      running?.setUrl(value);
    },
    setHostCounters(read) {
      hostCounters = read;
      hostCountersChanged = running?.setHostCounters(read) ?? null;
      // The running configuration changes when a technician saves; ask whichever runs then.
      return () => hostCountersChanged?.();
    },
    async close() {
      technician.close();
      await actions.stopButtonTest({ giveBack: false });
      await running?.close();
      running = null;
      logs.close();
      claim.release();
    },
  };
}
