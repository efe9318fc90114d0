import { randomUUID } from 'node:crypto';
import type { Config, Locale } from '../../../shared/config.ts';
import type { HallCallView, HallView } from '../../../shared/kioskApi.ts';
import type { HallCall } from '../../../shared/office/officeSnapshot.ts';
import { fail, ok } from '../../../shared/result.ts';
import { announcementText } from '../../../shared/speech/announcementText.ts';
import type { Clock } from '../clock.ts';
import type { Counters } from '../counters.ts';
import type { Face, FaceView } from '../device/face.ts';
import type { HubLink } from '../office/hubLink.ts';
import { watchOffice, type ShownOffice } from '../office/shownOffice.ts';
import type { Scheduler } from '../scheduler.ts';
import type { SpeechService } from '../speech/speechService.ts';
import type { JournalStore } from '../store/journalStore.ts';
import { createAnnouncer, type AnnouncementRecord, type Announcer, type AnnouncerCounters } from './announcer.ts';

/**
 * The hall board (device.mode "hall"): how many wait for each service, the newest call shown large
 * ("П-017 → окно 2") and the calls before it. It only shows what the office hub says; it asks
 * nothing (a hall display's token may not call tickets anyway). With speech (speech.announce and a
 * speech service) it also says each new call and recall, one at a time (./announcer.ts), and records
 * each announcement, played or failed, in its journal as hall.announced.
 */
export interface HallFace extends Face {
  readonly name: 'hall';
  /** The announcements' counters for the status file; zeros when the board does not speak. */
  announcementCounters(): Readonly<AnnouncerCounters>;
  /** The announcements that ended, oldest first (tests, benchmarks, diagnostics); empty when the board does not speak. */
  announcements(): readonly AnnouncementRecord[];
}

export interface HallFaceDeps {
  readonly config: Config;
  readonly hub: HubLink | null;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly onChange: () => void;
  /** The device's journal: each announcement is recorded there (hall.announced). */
  readonly store: JournalStore;
  readonly counters: Counters;
  /** null: this board has no voice (none started yet, or it failed to start): it stays silent. */
  readonly speech: SpeechService | null;
  /** An announcement's id; randomUUID by default (tests give their own). */
  readonly newId?: () => string;
}

const callView = (call: HallCall): HallCallView => ({
  ticketId: call.ticketId,
  number: call.number,
  window: call.window,
  windowLabel: call.windowLabel,
  at: call.at,
  recall: call.recall,
});

const NO_ANNOUNCEMENTS: Readonly<AnnouncerCounters> = { announced: 0, failed: 0, dropped: 0 };

export function createHallFace(deps: HallFaceDeps): HallFace {
  const { config, store } = deps;
  let locale: Locale = config.ui.locale;

  /** hall.announced in the board's journal; a failed write is counted and shown like any, and the board goes on. */
  const recordAnnouncement = (record: AnnouncementRecord): void => {
    try {
      store.journal().append('hall.announced', {
        announcementId: record.id,
        ticketId: record.ticketId,
        number: record.number,
        recall: record.recall,
        deviceId: config.device.id,
        outcome: record.outcome,
        reason: record.reason,
        at: new Date(record.startedAtMs).toISOString(),
      });
      store.noteWrite(null);
    } catch (error) {
      deps.counters.storageWriteFailures += 1;
      store.noteWrite(error);
    }
  };

  const announcer: Announcer | null =
    deps.speech && config.speech.announce
      ? createAnnouncer({
          speech: deps.speech,
          phrase: (call) => announcementText(config.speech, config.ui, call),
          chime: config.speech.chime,
          clock: deps.clock,
          scheduler: deps.scheduler,
          newId: deps.newId ?? randomUUID,
          onChange: deps.onChange,
          onRecord: recordAnnouncement,
        })
      : null;

  let office: ShownOffice | null = null;
  /** Every snapshot the board takes goes past the announcer first, so a new call is queued before it is shown. */
  const observe = (): void => {
    const calls = office?.snapshot()?.calls;
    if (calls) announcer?.observe(calls);
  };
  office = watchOffice({
    hub: deps.hub,
    clock: deps.clock,
    scheduler: deps.scheduler,
    onChange: () => {
      observe();
      deps.onChange();
    },
  });
  const shown = office;
  // A snapshot the link already had is what was on the board before: the announcer's baseline.
  observe();


  const hallView = (): HallView => {
    const snapshot = shown.snapshot();
    const [current, ...recent] = snapshot?.calls ?? [];
    return {
      connection: shown.connection(),
      staleSince: shown.staleSince(),
      synced: snapshot !== null,
      services: (snapshot?.services ?? []).map((service) => ({ id: service.id, prefix: service.prefix, name: service.name, waiting: service.waiting })),
      current: current ? callView(current) : null,
      recent: recent.map(callView),
      announcement: announcer?.current() ?? null,
    };
  };

  const view = (): FaceView => ({ session: { phase: 'idle', locale }, tickets: null, hall: hallView(), problems: [] });
  const silent = () => fail('not-accepting', 'this hall board does not announce (speech.announce is false, or it has no voice)');

  return {
    name: 'hall',
    view,
    handlers: {
      setLocale: (input) => {
        if (!config.ui.locales.includes(input.locale)) return fail('unknown-locale', `locale ${input.locale} is not enabled on this device`);
        locale = input.locale;
        deps.onChange();
        return ok(null);
      },
      announcementClip: (input) => (announcer ? announcer.clip(input.id, input.part) : silent()),
      announcementDone: (input) => (announcer ? announcer.done(input.id, input.outcome, input.reason) : silent()),
    },
    announcementCounters: () => announcer?.counters ?? NO_ANNOUNCEMENTS,
    announcements: () => announcer?.history() ?? [],
    close() {
      announcer?.close();
      shown.close();
    },
  };
}
