import { existsSync } from 'node:fs';
import { FOLLOW_UP_REASONS } from '../../shared/followUp.ts';
import { technicianSchema, type Config, type Locale } from '../../shared/config.ts';
import type { KioskEvent, KioskState } from '../../shared/kioskApi.ts';
import { KIOSK_INTENTS, type KioskIntent } from '../../shared/kioskApi.ts';
import { TECHNICIAN_CHANNELS, type TechnicianIntent } from '../../shared/kioskChannels.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { TECHNICIAN_INPUTS, type TechnicianView } from '../../shared/technicianApi.ts';
import { bootCore, type BootOptions, type RunningCore } from './boot.ts';
import { systemClock } from './clock.ts';
import { claimDataDir, type DataDirClaim } from './dataDirLock.ts';
import { createLogger, logDir } from './logging/logger.ts';
import type { DeviceCore } from './kioskCore.ts';
import { systemScheduler } from './scheduler.ts';
import { systemSerialPorts } from './serial/serialPort.ts';
import { createTechnicianActions, type TechnicianActions } from './technician/technicianActions.ts';
import { readLockout, UNLOCKED } from './technician/pinLockout.ts';
import { createTechnicianSession, type SessionRecord, type TechnicianSession } from './technician/technicianSession.ts';

/**
 * What the hosts serve: the kiosk (rating terminal or ticket dispenser) with technician mode over
 * it. It owns the running core and replaces it when the technician saved a new config and leaves;
 * a device with no config file yet starts in the setup wizard and boots its kiosk when it is saved.
 */

export interface DeviceHostOptions extends Omit<BootOptions, 'onServiceButton' | 'holdPresses' | 'logger'> {
  /** Where exports may go besides removable media and OKNO_EXPORT_DIRS. */
  readonly exportDirs?: readonly string[];
  /** Each time a kiosk starts: at start, and with the config the technician saved (Electron syncs its login item). */
  readonly onKioskStarted?: (running: RunningCore) => void;
}

export interface DeviceHost extends DeviceCore {
  /** The running kiosk; null while the first-run wizard has no config to run. */
  running(): RunningCore | null;
  setUrl(url: string): void;
  /** The host's own counters for the status file, kept across the kiosk's restarts; returns what to call when they change. */
  setHostCounters(read: () => Readonly<Record<string, number>>): () => void;
  close(): Promise<void>;
}

const DEFAULT_TECHNICIAN = technicianSchema.parse({});

const isKioskIntent = (intent: string): intent is KioskIntent => intent in KIOSK_INTENTS;
const isTechnicianIntent = (intent: string): intent is TechnicianIntent => intent in TECHNICIAN_CHANNELS;

/** Requests a technician may make before the PIN. */
const BEFORE_PIN: ReadonlySet<TechnicianIntent> = new Set(['openPinPad', 'enterPin', 'leave', 'activity']);

export async function startDeviceHost(options: DeviceHostOptions): Promise<DeviceHost> {
  // First of all, before a log line or a journal write: this process owns the data directory, or
  // nothing starts (DataDirInUseError names the owner). The OS releases it if the process dies.
  const claim = claimDataDir(options.dataDir);
  try {
    return await startOwnedDeviceHost(options, claim);
  } catch (error) {
    claim.release();
    throw error;
  }
}

async function startOwnedDeviceHost(options: DeviceHostOptions, claim: DataDirClaim): Promise<DeviceHost> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const scheduler = options.scheduler ?? systemScheduler;
  const firstRun = options.configPath !== undefined && !existsSync(options.configPath);
  const listeners = new Set<(event: KioskEvent) => void>();
  let running: RunningCore | null = null;
  let unsubscribeKiosk: () => void = () => {};
  let revision = 0;
  let url: string | null = null;
  let hostCounters: (() => Readonly<Record<string, number>>) | null = null;
  let hostCountersChanged: (() => void) | null = null;
  let setupLocale: Locale = 'ru';
  /** A config was saved in this technician visit: leaving applies it. */
  let configChanged = false;
  // One log for the host's life, across kiosk restarts: <dataDir>/logs/okno.log, rotated.
  // Log times in the device's zone once a config runs (the system's before, on the first run).
  const logs = createLogger({ dir: logDir(options.dataDir), timeZone: () => running?.config.device.timezone });
  const log = logs.logger;
  // An unusable directory (read-only, not a directory) is the journal's problem to show, not a refusal.
  if (!claim.owned) log.warn({ dataDir: options.dataDir, problem: claim.problem }, 'the data directory could not be locked');

  /** Writes one technician fact to the journal; a storage failure shows as usual, the flow goes on. */
  const record = (append: (core: RunningCore) => void): void => {
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
    record((core) => {
      if (entry.type === 'pinAccepted') core.store.journal().append('technician.pinAccepted', {});
      else core.store.journal().append('technician.pinRefused', { reason: entry.reason, failures: entry.lockout.failures, lockouts: entry.lockout.lockouts, lockedUntil: entry.lockout.lockedUntil });
    });
  };

  const publish = (): void => {
    revision += 1;
    const event: KioskEvent = { type: 'state', state: getState() };
    for (const listener of listeners) listener(event);
  };

  const boot = async (): Promise<RunningCore> => {
    // The service button opens the PIN pad; `session` exists by the time a press can arrive.
    const core = await bootCore({
      ...options,
      logger: log,
      onServiceButton: () => void session?.openPinPad(),
      // Under technician mode a press on the box is the technician's, never a vote.
      holdPresses: () => session?.isOpen() ?? false,
    });
    unsubscribeKiosk = core.core.subscribe(() => publish());
    if (url) core.setUrl(url);
    if (hostCounters) hostCountersChanged = core.setHostCounters(hostCounters);
    options.onKioskStarted?.(core);
    return core;
  };

  let session: TechnicianSession | null = null;
  if (!firstRun) {
    try {
      running = await boot();
    } catch (error) {
      logs.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'okno did not start');
      logs.close();
      throw error;
    }
  }

  const lockoutOnRecord = (): ReturnType<typeof readLockout> => {
    try {
      return running ? readLockout(running.store.database()) : UNLOCKED;
    } catch {
      return UNLOCKED;
    }
  };

  const technician: TechnicianSession = createTechnicianSession({
    clock,
    scheduler,
    rules: () => running?.config.technician ?? DEFAULT_TECHNICIAN,
    initialLockout: lockoutOnRecord(),
    record: recordSession,
    onChange: publish,
    // The kiosk keeps its box and printer while technician mode is open (diagnostics show them live);
    // a button test or a test print takes the port only while it runs.
    onLeave: async (reason) => {
      await actions.stopButtonTest({ giveBack: false });
      log.info({ reason, configChanged }, 'technician mode closed');
      record((core) => core.store.journal().append('technician.left', { reason, configChanged }));
      if (configChanged || !running) {
        configChanged = false;
        await restart();
      } else {
        running.buttons?.start();
      }
    },
  });

  const actions: TechnicianActions = createTechnicianActions({
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
    onChange: publish,
    onSaved: (saved) => {
      configChanged = true;
      log.info(saved, 'config saved by the technician');
      record((core) => core.store.journal().append('config.saved', saved));
    },
  });

  async function restart(): Promise<void> {
    unsubscribeKiosk();
    const old = running;
    running = null;
    await old?.close();
    try {
      running = await boot();
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

  function setupState(): KioskState {
    return {
      revision,
      device: { id: '', office: '', window: '', mode: 'rating' },
      ui: { defaultLocale: setupLocale, locales: ['ru', 'en'] },
      rating: { scale: 5, followUpReasons: FOLLOW_UP_REASONS },
      session: { phase: 'idle', locale: setupLocale },
      tickets: null,
      health: { needsTechnician: true, problems: [] },
      technician: technicianView(),
    };
  }

  function getState(): KioskState {
    if (!running) return setupState();
    return { ...running.core.getState(), revision, technician: technicianView() };
  }

  async function handleTechnician(intent: TechnicianIntent, input: unknown): Promise<Result<unknown>> {
    const parsed = TECHNICIAN_INPUTS[intent].safeParse(input);
    if (!parsed.success) {
      return fail('invalid-input', parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '));
    }
    if (!BEFORE_PIN.has(intent) && !technician.isOpen()) return fail('technician-only', 'enter the technician PIN first');
    technician.activity();
    switch (intent) {
      case 'openPinPad':
        return technician.openPinPad();
      case 'enterPin':
        return technician.enterPin((parsed.data as { pin: string }).pin);
      case 'leave':
        if (technician.isOpen() && !running && !configChanged) return fail('not-accepting', 'save the settings first: this device has no config yet');
        return technician.leave('exit');
      case 'activity':
        return ok(null);
      default:
        return actions.handle(intent, parsed.data);
    }
  }

  session = technician;
  if (firstRun) technician.openFirstRun();

  return {
    running: () => running,
    getState,
    handle(intent, input) {
      if (isTechnicianIntent(intent)) return handleTechnician(intent, input);
      if (!isKioskIntent(intent)) return fail('invalid-input', `unknown intent ${String(intent)}`);
      if (!running) {
        if (intent !== 'setLocale') return fail('not-accepting', 'this device has no config yet: the technician is setting it up');
        const locale = (input as { locale?: unknown } | null)?.locale;
        if (locale !== 'ru' && locale !== 'en') return fail('invalid-input', 'locale: expected "ru" or "en"');
        setupLocale = locale;
        publish();
        return ok(null);
      }
      // Under technician mode nobody votes or takes a ticket: the screen is the technician's.
      if (technician.isOpen() && intent !== 'setLocale') return fail('not-accepting', 'technician mode is open');
      return running.core.handle(intent, input);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setUrl(value) {
      url = value;
      running?.setUrl(value);
    },
    setHostCounters(read) {
      hostCounters = read;
      hostCountersChanged = running?.setHostCounters(read) ?? null;
      // The running kiosk changes when a technician saves; ask whichever runs then.
      return () => hostCountersChanged?.();
    },
    async close() {
      technician.close();
      await actions.stopButtonTest({ giveBack: false });
      unsubscribeKiosk();
      await running?.close();
      running = null;
      logs.close();
      claim.release();
    },
  };
}

export type { Config };
