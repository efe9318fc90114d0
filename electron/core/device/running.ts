import { join } from 'node:path';
import type { Config, HubLinkConfig } from '../../../shared/config.ts';
import { systemClock, type Clock } from '../clock.ts';
import { DEMO_CONFIG, loadConfigFile, parseConfig } from '../config/loadConfig.ts';
import { newCounters, type Counters } from '../counters.ts';
import { JOURNAL_FILE } from '../dataDir.ts';
import { createRatingFace, type RatingFace } from '../rating/ratingFace.ts';
import { ratedTicketLookup } from '../rating/ratedTickets.ts';
import { systemScheduler, type Scheduler } from '../scheduler.ts';
import { createStatusWriter, type HostStatusInput } from '../status/statusFile.ts';
import { nullLogger, type Logger } from '../logging/logger.ts';
import { logStatusChanges } from '../logging/statusLog.ts';
import { openJournalStore, type JournalStore, type JournalSyncAccess } from '../store/journalStore.ts';
import { oknoVersion } from '../version.ts';
import { updateConfigFile } from '../config/saveConfig.ts';
import { createButtonDevice, type ButtonDevice, type LearnedButton } from '../serial/buttonDevice.ts';
import { systemSerialPorts, type SerialPorts } from '../serial/serialPort.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { startSync, type SyncTuning } from '../sync/syncService.ts';
import type { Uploader } from '../sync/uploader.ts';
import { createReceiptPrinter, type ReceiptPrinter } from '../printer/receiptPrinter.ts';
import { createTicketFace, type TicketFace } from '../tickets/ticketFace.ts';
import { createHallFace, type HallFace } from '../hall/hallFace.ts';
import { connectHub, newHubCounters, type HubCounters } from '../office/hubConnection.ts';
import type { HubLink } from '../office/hubLink.ts';
import { startTicketDelivery, type TicketDelivery, type TicketDeliveryOptions } from '../office/ticketDelivery.ts';
import { startAnnouncementDelivery, type AnnouncementDelivery } from '../office/announcementDelivery.ts';
import type { EventDelivery } from '../office/eventDelivery.ts';
import { createOperatorFace } from '../operator/operatorFace.ts';
import { boxPressHandler } from './boxPresses.ts';
import { createStatusReporter, type StatusReporter } from './statusReporter.ts';
import { deviceStatusSources } from './statusSources.ts';
import type { Face } from './face.ts';
import { createSpeechMode, newSpeechModeCounters, type SpeechMode } from '../speech/speechMode.ts';
import { speechHandlers, type SpeechRequest } from '../speech/speechRequests.ts';
import type { SpeechService } from '../speech/speechService.ts';
import { startSpeechService } from '../speech/startSpeechService.ts';
import type { Handlers } from './face.ts';

/**
 * The device as one config runs it: the journal, the face, the button box, the printer, sync and
 * the status file, put together here and nowhere else (./device.ts starts one, and a new one when
 * the technician saved a config). It knows technician mode only through the two questions a box
 * press asks.
 */

export interface RunningOptions {
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
  /** Makes the link to the office hub when `hub` is configured (tests give a fake); connectHub by default. */
  readonly hubLink?: (hub: HubLinkConfig) => HubLink;
  /** The delivery to the hub (a dispenser's tickets, a hall board's announcements), beyond the config (tests, benchmarks). */
  readonly hubDelivery?: Partial<Pick<TicketDeliveryOptions, 'backoff' | 'refusedRetryMs' | 'timeoutMs' | 'batchSize' | 'random' | 'onDelivered' | 'http'>>;
  /** The voice (docs/accessibility.md); tests give a fake. Returns null when the device has none. */
  readonly speech?: (config: Config) => SpeechService | null;
  /** `buttons.serviceButton` was pressed: technician mode's PIN pad, not a vote. */
  readonly openPinPad: () => void;
  /** True while a hardware press must not vote (technician mode is open); the box still counts it. */
  readonly technicianOpen: () => boolean;
  /** The face's screen changed (the device publishes a new state). */
  readonly onFaceChange: () => void;
}

export interface Running {
  /** What the screen shows: the rating terminal or the ticket dispenser (device.mode). */
  readonly face: Face;
  /** The rating terminal (device.mode "rating"), else null. */
  readonly rating: RatingFace | null;
  /** The ticket dispenser (device.mode "tickets"), else null. */
  readonly tickets: TicketFace | null;
  /** The hall board (device.mode "hall"), else null. */
  readonly hall: HallFace | null;
  /** Speech mode and the device's volume (every face has one: the hall board reads its volume). */
  readonly speech: SpeechMode;
  /** The voice, when this device has one. */
  readonly speechService: SpeechService | null;
  /** speak, setSpeechMode, changeSpeechVolume, moreTime: the request door asks them after the face. */
  readonly speechRequests: Handlers<SpeechRequest>;
  /** What went wrong but did not stop the device (okno doctor shows them). */
  readonly counters: Counters;
  /** The ticket printer, when `printer` is configured on a dispenser. */
  readonly printer: ReceiptPrinter | null;
  readonly config: Config;
  readonly store: JournalStore & JournalSyncAccess;
  /** The serial button device, when `buttons` is configured. */
  readonly buttons: ButtonDevice | null;
  /** The okno-sync/1 uploader, when `sync` is configured. */
  readonly uploader: Uploader | null;
  /** The link to the office hub (okno-office/1), when `hub` is configured: what the faces show of the office. */
  readonly hub: HubLink | null;
  /** The dispenser's tickets on their way to the hub, on a ticket dispenser with `hub`. */
  readonly ticketDelivery: TicketDelivery | null;
  /** The hall board's announcements on their way to the hub's journal, on a hall board with `hub`. */
  readonly announcementDelivery: AnnouncementDelivery | null;
  /**
   * keymap protocol: "press button N now…" — the next byte sequence from the device becomes button N,
   * and the keymap is saved into the config file (what technician mode calls).
   */
  learnButton(button: number, timeoutMs: number): Promise<Result<LearnedButton>>;
  /** The host's status as it is now (what status.json gets): counters, buttons, printer, storage. */
  status(): HostStatusInput;
  /** A counter changed: the status file is written soon. */
  requestStatus(): void;
  /** Lets the host put its URL into the status file once it listens. */
  setUrl(url: string): void;
  /**
   * Lets the host put its own counters (the browser host's refused requests) into the status file,
   * so okno doctor shows them; returns what to call when they change.
   */
  setHostCounters(read: () => Readonly<Record<string, number>>): () => void;
  close(): Promise<void>;
}

export async function startRunning(options: RunningOptions): Promise<Running> {
  const config = options.configPath ? loadConfigFile(options.configPath) : parseConfig(DEMO_CONFIG, 'built-in demo');
  const clock = options.clock ?? systemClock;
  const counters = newCounters();
  const startedAt = clock.now().toISOString();
  let url: string | null = null;
  let hostCounters: (() => Readonly<Record<string, number>>) | null = null;
  let uploader: Uploader | null = null;
  let ticketDelivery: TicketDelivery | null = null;
  let announcementDelivery: AnnouncementDelivery | null = null;
  // Declared before the status snapshot reads them: the hub link may ask for a status write as it starts.
  let hub: HubLink | null = null;
  // Likewise the hall board, whose announcement counters the status snapshot reads.
  let hall: HallFace | null = null;
  // People ahead that did not come with a ticket (late, failed, malformed): okno doctor shows how often.
  let aheadMissing = 0;
  const hubCounters: HubCounters = newHubCounters();
  const speechCounters = newSpeechModeCounters();
  // Made before the faces: they ask it how long their timeouts are. Starting it costs nothing: the
  // bundled voice's worker starts with the first phrase.
  const speechService = options.speech ? options.speech(config) : deviceVoice(config, options.logger ?? nullLogger);

  const store = openJournalStore({
    file: join(options.dataDir, JOURNAL_FILE),
    deviceId: config.device.id,
    timeZone: config.device.timezone,
    clock,
    onQuarantined: (journal, quarantined) =>
      journal.append('storage.recovered', { quarantinedFile: quarantined.file, reason: quarantined.reason }),
  });

  const log = options.logger ?? nullLogger;
  // A device runs one delivery to the hub at most: a dispenser's tickets or a hall board's announcements.
  const deliveryStatus = (): ReturnType<EventDelivery['status']> | null => {
    const delivery = ticketDelivery ?? announcementDelivery;
    return delivery ? { ...delivery.status() } : null;
  };
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
      counters: {
        ...counters,
        ...speechCounters,
        ...speechServiceCounters(speechService),
        ...announcementCounters(hall),
        ...uploader?.counters(),
        ...(hub ? { ...hubCounters, aheadMissing } : {}),
        ...ticketDelivery?.counters(),
        ...announcementDelivery?.counters(),
        ...hostCounters?.(),
      },
      buttons: buttons ? { ...buttons.status() } : null,
      printer: printer ? { ...printer.status() } : null,
      // Never the token, the fingerprint or the URL's secrets: the link's state and the delivery's.
      hub: hub ? { link: { ...hub.status() }, delivery: deliveryStatus() } : null,
    };
  };
  // device.status for the collector (only with `sync`: see docs/events.md "Device health"); made after sync starts.
  let statusEvents: StatusReporter | null = null;
  /** Whatever asks for a status write may have changed a state a device.status reports. */
  const requestStatus = (): void => {
    status.request();
    statusEvents?.poke();
  };
  const status = createStatusWriter(options.dataDir, () => {
    const current = snapshot();
    // Transitions only (a device unplugged, a printer fault, sync paused…): one line each.
    logStatus(current, { sync: uploader?.status() ?? null });
    return current;
  });
  // Sync failures change no counter that asks for a write: look every 30 s so they reach the log.
  const heartbeat = setInterval(() => requestStatus(), 30_000);
  heartbeat.unref();

  const scheduler = options.scheduler ?? systemScheduler;
  const faceChanged = (): void => {
    options.onFaceChange();
    requestStatus();
  };
  // The link to the office hub first: the operator console, the hall board, the dispenser's "people
  // ahead" and the rating terminal's visit show what it says. It connects on its own; a hub that is down
  // never stops the device.
  hub = config.hub
    ? (options.hubLink ?? ((hubConfig: HubLinkConfig) =>
        connectHub(hubConfig, { deviceId: config.device.id, clock, scheduler, logger: log, counters: hubCounters, onCounters: () => requestStatus() })))(config.hub)
    : null;
  const ratingLeds = (): void => {
    for (let led = 1; led <= config.rating.scale; led += 1) {
      if (led !== config.buttons?.serviceButton && led !== config.buttons?.speechButton) buttons?.light(led);
    }
  };
  const citizenScreen = config.device.mode === 'rating' || config.device.mode === 'tickets';
  const speech = createSpeechMode({
    speech: config.speech,
    timeZone: config.device.timezone,
    clock,
    scheduler,
    available: config.speech.mode && speechService !== null && citizenScreen,
    // Only a dispenser's box moves through a menu; a rating terminal's buttons vote.
    keys: config.device.mode === 'tickets' && config.buttons ? config.buttons.speechKeys : undefined,
    // The screen's own idle time: a visitor who walked away for that long (× timeoutFactor) ends speech mode.
    idleMs: (config.device.mode === 'tickets' ? (config.queue?.idleSeconds ?? config.rating.idleSeconds) : config.rating.idleSeconds) * 1000,
    counters: speechCounters,
    onChange: faceChanged,
    onTurnedOn: (factor) => face.countdowns?.stretch(factor),
    onCounters: () => requestStatus(),
  });
  const screenSpeech = { timeoutFactor: () => speech.timeoutFactor(), onBackToStart: () => speech.screenAtStart() };
  const rating =
    config.device.mode === 'rating'
      ? createRatingFace({ config, store, clock, scheduler, counters, onChange: faceChanged, hub, ratedTicket: ratedTicketLookup(store), lightLeds: ratingLeds, ...screenSpeech })
      : null;
  const printer =
    config.device.mode === 'tickets' && config.printer
      ? createReceiptPrinter({ config: config.printer, ports: options.serialPorts ?? systemSerialPorts, now: () => clock.now(), onChange: () => requestStatus() })
      : null;
  const tickets =
    config.device.mode === 'tickets'
      ? createTicketFace({
          config,
          store,
          clock,
          scheduler,
          counters,
          printer,
          onChange: faceChanged,
          hub,
          onAheadMissing: () => {
            aheadMissing += 1;
            requestStatus();
          },
          ...screenSpeech,
        })
      : null;
  // The board announces with the device's voice, when it has one.
  hall =
    config.device.mode === 'hall' ? createHallFace({ config, hub, clock, scheduler, onChange: faceChanged, store, counters, speech: speechService }) : null;
  const operator = config.device.mode === 'operator' ? createOperatorFace({ config, hub, clock, scheduler, onChange: faceChanged }) : null;
  const face: Face = rating ?? tickets ?? operator ?? hall ?? unreachableMode(config.device.mode);
  const speechRequests = speechHandlers({
    face: face.name,
    mode: speech,
    service: speechService,
    countdowns: face.countdowns,
    moreTimeMs: config.speech.moreTimeSeconds * 1000,
    counters: speechCounters,
    onCounters: () => requestStatus(),
    logger: log,
  });

  const buttons: ButtonDevice | null = config.buttons
    ? createButtonDevice({
        config: config.buttons,
        ports: options.serialPorts ?? systemSerialPorts,
        clock,
        scheduler,
        onPress: boxPressHandler({
          serviceButton: config.buttons.serviceButton,
          openPinPad: options.openPinPad,
          technicianOpen: options.technicianOpen,
          vote: rating ? (score, source) => rating.press(score, source) : null,
          speech: citizenScreen ? { button: config.buttons.speechButton, keys: tickets ? config.buttons.speechKeys : null, mode: speech } : null,
        }),
        onStatus: () => requestStatus(),
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
        requestStatus();
        options.sync?.onAcknowledged?.(batch);
      },
    },
  });
  // The collector is the reader of device.status: without `sync` nothing would prune them (retention
  // prunes acknowledged events only), and the log and status.json already tell the state on site.
  if (config.sync) {
    const reporter = createStatusReporter({
      clock,
      scheduler,
      sources: deviceStatusSources({ mode: config.device.mode, store, clock, buttons, printer, hub }),
      record: (payload) => {
        store.journal().append('device.status', payload);
        store.noteWrite(null);
      },
      onWriteFailed: (error) => {
        // Counted like any failed write, and shown; the reporter tries again only after its gap.
        counters.storageWriteFailures += 1;
        store.noteWrite(error);
        status.request();
      },
    });
    statusEvents = reporter;
    reporter.start();
  }
  // The hub link's state is not a counter: its changes reach a device.status through its own listener.
  const unsubscribeHubStatus = hub?.onChange(() => statusEvents?.poke()) ?? null;

  // On a dispenser, the tickets' delivery to the hub; on a hall board, its announcements' (after
  // device.started, like sync): a hub that is down never stops the device, the events wait in the
  // journal and go when it is back.
  if (config.hub && hub) {
    const link = hub;
    const deliveryOptions = { hub: config.hub, deviceId: config.device.id, store, clock, scheduler, logger: log, ...options.hubDelivery, onChange: () => requestStatus() };
    const wire = <D extends EventDelivery<unknown>>(delivery: D): D => {
      const unsubscribeAppended = store.onAppended(() => delivery.notifyAppended());
      // The hub is back (its live stream opened): what waited goes now, not after the backoff.
      let wasConnected = false;
      const unsubscribeLink = link.onChange(() => {
        const connected = link.status().state === 'connected';
        if (connected && !wasConnected) delivery.drainNow();
        wasConnected = connected;
      });
      return {
        ...delivery,
        async stop() {
          unsubscribeAppended();
          unsubscribeLink();
          await delivery.stop();
        },
      };
    };
    if (tickets) ticketDelivery = wire(startTicketDelivery(deliveryOptions));
    if (config.device.mode === 'hall') announcementDelivery = wire(startAnnouncementDelivery(deliveryOptions));
  }

  return {
    face,
    rating,
    tickets,
    hall,
    speech,
    speechService,
    speechRequests,
    counters,
    printer,
    config,
    store,
    buttons,
    get uploader() {
      return uploader;
    },
    hub,
    ticketDelivery,
    announcementDelivery,
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
    requestStatus: () => requestStatus(),
    setUrl(value) {
      url = value;
      status.flush();
    },
    setHostCounters(read) {
      hostCounters = read;
      return () => requestStatus();
    },
    async close() {
      // The uploader first: it aborts a request in flight and must not touch the journal after it closes.
      clearInterval(heartbeat);
      statusEvents?.stop();
      unsubscribeHubStatus?.();
      await uploader?.stop();
      await ticketDelivery?.stop();
      await announcementDelivery?.stop();
      await buttons?.stop();
      // The faces unsubscribe from the hub's link before it closes.
      await face.close();
      speech.close();
      await speechService?.close();
      await hub?.close();
      status.flush();
      status.close();
      store.close();
    },
  };
}

/**
 * The device's voice: the citizen screens' speech mode (speech.mode) and the hall board's announcements
 * (speech.announce). An operator's console says nothing to anyone.
 */
function deviceVoice(config: Config, log: Logger): SpeechService | null {
  const speaks =
    config.device.mode === 'hall' ? config.speech.announce : config.device.mode === 'rating' || config.device.mode === 'tickets' ? config.speech.mode : false;
  return speaks ? startSpeechService({ config: config.speech, log }) : null;
}

/** The hall board's announcements for okno doctor: played, failed (synthesis, the page, no report), dropped (backlog). */
const announcementCounters = (hall: HallFace | null): Record<string, number> => {
  if (!hall) return {};
  const { announced, failed, dropped } = hall.announcementCounters();
  return { announcementsPlayed: announced, announcementsFailed: failed, announcementsDropped: dropped };
};

/** The voice's own counters for okno doctor, named as speech's. */
const speechServiceCounters = (service: SpeechService | null): Record<string, number> => {
  if (!service) return {};
  const { synthesized, cached, systemFallbacks, failures } = service.counters;
  return { speechSynthesized: synthesized, speechCached: cached, speechSystemFallbacks: systemFallbacks, speechFailures: failures };
};

/** device.mode is an enum of the config schema, and a face for each value is made above. */
function unreachableMode(mode: string): never {
  throw new Error(`no face for device.mode ${String(mode)}`);
}
