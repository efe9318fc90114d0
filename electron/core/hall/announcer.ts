import type { HallAnnouncementView, SpeechClip } from '../../../shared/kioskApi.ts';
import type { HallCall } from '../../../shared/office/officeSnapshot.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import type { SpeechService, SpokenPart } from '../speech/speechService.ts';

/**
 * The hall board's announcements (issue #15, item 3): one at a time, in the order the calls came. A
 * call, or a recall (HallCall.recall grew), that the board sees in the office's snapshot is queued once
 * (by ticket id and recall); the calls already on the board when it starts are not said, they were said
 * before (or by a board that ran then). With a chime, the head is shown as `hall.announcement` at once and
 * its words are synthesized meanwhile: the page plays the chime (ready) and then the words, so the hall
 * hears the call begin within a moment of the click, however long the voice takes (the chime lasts about
 * as long as a phrase takes to synthesize). Without a chime it is shown once its words are ready. The page
 * plays and reports; the next one starts only after that report, or after a deadline (the clips' length
 * and a margin) for a page that never reports: so two never overlap, and a stuck page cannot stop the board.
 */

export type AnnouncementOutcome = 'played' | 'failed';

/** One announcement's end, for the board's journal (hall.announced) and the no-overlap check. */
export interface AnnouncementRecord {
  readonly id: string;
  readonly ticketId: string;
  readonly number: string;
  readonly recall: number;
  readonly outcome: AnnouncementOutcome;
  /** Why it was not played: the page's words, "no report …", "synthesis: …", "dropped: …"; null when played. */
  readonly reason: string | null;
  /** When it was shown to the page (device clock, ms since the epoch); for one that never was, when it was given up. */
  readonly startedAtMs: number;
  /** When the page reported, the deadline passed, or it was given up. */
  readonly endedAtMs: number;
  /** Dropped from a backlog the board could not keep up with: never synthesized or shown. */
  readonly dropped: boolean;
}

export interface AnnouncerCounters {
  /** Played: the page reported it played. */
  announced: number;
  /** Synthesis failed, the page reported a failure, or it never reported. */
  failed: number;
  /** Dropped unplayed because the backlog was full (the oldest go first). */
  dropped: number;
}

export interface AnnouncerOptions {
  readonly speech: SpeechService;
  /** What to say for a call (announcementText with the config). */
  readonly phrase: (call: HallCall) => readonly SpokenPart[];
  readonly chime: boolean;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** A new announcement's id (a UUID: the hub counts a repeated report once by it). */
  readonly newId: () => string;
  /** What is shown changed: the board's state is published again. */
  readonly onChange: () => void;
  /** Each announcement's end, once: the face records it in the journal. */
  readonly onRecord: (record: AnnouncementRecord) => void;
  /** Waiting announcements beyond this drop the oldest. */
  readonly backlog?: number;
  /** How long past the clip's own length the page has to report. */
  readonly marginMs?: number;
}

export interface Announcer {
  /** The calls in the office's newest snapshot (newest first, as the snapshot lists them). */
  observe(calls: readonly HallCall[]): void;
  /** Shown now; null while silent or synthesizing. */
  current(): HallAnnouncementView | null;
  /** The audio of the announcement shown now, its chime or its words (answered when synthesized); refused for any other id. */
  clip(id: string, part: 'chime' | 'words'): Result<SpeechClip> | Promise<Result<SpeechClip>>;
  /** The page's report for the announcement shown now; refused for any other id (a late or repeated report). */
  done(id: string, outcome: AnnouncementOutcome, reason: string | null): Result<null>;
  /** Every announcement that ended, oldest first (the last HISTORY_LIMIT). */
  history(): readonly AnnouncementRecord[];
  /** Waiting to be said (not counting the one being said). */
  pending(): number;
  readonly counters: Readonly<AnnouncerCounters>;
  close(): void;
}

export const DEFAULT_BACKLOG = 20;
/** A page that plays the clip reports within its length plus this; more means it never will. */
export const DEFAULT_MARGIN_MS = 5_000;
/** Shown with a chime before its words are ready: how long the voice may take before the page's report is overdue anyway. */
export const SYNTHESIS_ALLOWANCE_MS = 30_000;
/** Ended announcements kept for the no-overlap checks and diagnostics. */
const HISTORY_LIMIT = 200;
/** Calls (ticket id and recall) remembered as seen: far more than the 10 a snapshot lists. */
const SEEN_LIMIT = 2_000;

interface Queued {
  readonly id: string;
  readonly call: HallCall;
}

interface Shown {
  readonly phase: 'shown';
  readonly item: Queued;
  /** Played first, while the words are synthesized; null without a chime. */
  readonly chime: SpeechClip | null;
  /** The words: ready, or on their way (a rejection ends the announcement as failed). */
  readonly words: Promise<SpeechClip>;
  readonly shownAtMs: number;
  deadline: unknown;
}

type Playing = { readonly phase: 'synthesizing'; readonly item: Queued } | Shown;

const callKey = (call: Pick<HallCall, 'ticketId' | 'recall'>): string => `${call.ticketId}/${call.recall}`;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 250);

export function createAnnouncer(options: AnnouncerOptions): Announcer {
  const { clock, scheduler } = options;
  const backlog = options.backlog ?? DEFAULT_BACKLOG;
  const marginMs = options.marginMs ?? DEFAULT_MARGIN_MS;
  const counters: AnnouncerCounters = { announced: 0, failed: 0, dropped: 0 };
  const seen = new Set<string>();
  const queue: Queued[] = [];
  const records: AnnouncementRecord[] = [];
  let playing: Playing | null = null;
  // The first snapshot is what was on the board before this device started: seen, not said.
  let baseline = true;
  let closed = false;

  const remember = (key: string): void => {
    seen.add(key);
    if (seen.size > SEEN_LIMIT) {
      const oldest = seen.values().next();
      if (!oldest.done) seen.delete(oldest.value);
    }
  };

  const record = (item: Queued, outcome: AnnouncementOutcome, reason: string | null, startedAtMs: number, dropped = false): void => {
    if (dropped) counters.dropped += 1;
    else if (outcome === 'played') counters.announced += 1;
    else counters.failed += 1;
    const entry: AnnouncementRecord = {
      id: item.id,
      ticketId: item.call.ticketId,
      number: item.call.number,
      recall: item.call.recall,
      outcome,
      reason,
      startedAtMs,
      endedAtMs: clock.now().getTime(),
      dropped,
    };
    records.push(entry);
    if (records.length > HISTORY_LIMIT) records.shift();
    options.onRecord(entry);
  };

  /** The head ended (played, failed or timed out): the next one starts. */
  const finish = (outcome: AnnouncementOutcome, reason: string | null): void => {
    if (playing?.phase !== 'shown') return;
    scheduler.clearTimeout(playing.deadline);
    const { item, shownAtMs } = playing;
    playing = null;
    record(item, outcome, reason, shownAtMs);
    options.onChange();
    next();
  };

  /** The page must report within `waitMs` from now, or the announcement counts as failed. */
  const reportWithin = (shown: Shown, waitMs: number): void => {
    scheduler.clearTimeout(shown.deadline);
    shown.deadline = scheduler.setTimeout(() => {
      if (playing === shown) finish('failed', `no report from the page within ${Math.round(waitMs)} ms`);
    }, waitMs);
  };

  const show = (item: Queued, chime: SpeechClip | null, words: Promise<SpeechClip>): Shown => {
    const shown: Shown = { phase: 'shown', item, chime, words, shownAtMs: clock.now().getTime(), deadline: undefined };
    playing = shown;
    options.onChange();
    return shown;
  };

  /** Synthesis failed: recorded as failed, the next one starts (whether or not the page saw it yet). */
  const synthesisFailed = (item: Queued, error: unknown): void => {
    if (closed || playing?.item.id !== item.id) return;
    if (playing.phase === 'shown') {
      finish('failed', `synthesis: ${errorText(error)}`);
      return;
    }
    playing = null;
    record(item, 'failed', `synthesis: ${errorText(error)}`, clock.now().getTime());
    next();
  };

  function next(): void {
    if (closed || playing !== null) return;
    const item = queue.shift();
    if (!item) return;
    let said: Promise<SpeechClip>;
    try {
      said = options.speech.say(options.phrase(item.call));
    } catch (error) {
      said = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (options.chime) {
      const chime = options.speech.chime();
      const shown = show(item, chime, said);
      reportWithin(shown, chime.durationMs + SYNTHESIS_ALLOWANCE_MS + marginMs);
      said.then(
        (words) => {
          // From the words' arrival: the chime has played or is playing; the words follow it.
          if (playing === shown) reportWithin(shown, chime.durationMs + words.durationMs + marginMs);
        },
        (error: unknown) => synthesisFailed(item, error),
      );
      return;
    }
    playing = { phase: 'synthesizing', item };
    said.then(
      (words) => {
        if (closed || playing?.item.id !== item.id) return;
        reportWithin(show(item, null, Promise.resolve(words)), words.durationMs + marginMs);
      },
      (error: unknown) => synthesisFailed(item, error),
    );
  }

  const enqueue = (call: HallCall): void => {
    queue.push({ id: options.newId(), call });
    // A board that cannot keep up says the newest calls: the oldest waiting are the likeliest to be at their window already.
    while (queue.length > backlog) {
      const dropped = queue.shift();
      if (dropped) record(dropped, 'failed', `dropped: more than ${backlog} announcements were waiting`, clock.now().getTime(), true);
    }
  };

  return {
    observe(calls) {
      if (closed) return;
      // Oldest first: the snapshot lists the newest first, and calls are said in the order they were made.
      const fresh = [...calls].reverse().filter((call) => !seen.has(callKey(call)));
      for (const call of fresh) remember(callKey(call));
      if (baseline) {
        baseline = false;
        return;
      }
      for (const call of fresh) enqueue(call);
      next();
    },
    current() {
      if (playing?.phase !== 'shown') return null;
      const { item } = playing;
      return { id: item.id, ticketId: item.call.ticketId, number: item.call.number, recall: item.call.recall, chime: playing.chime !== null };
    },
    clip(id, part) {
      const notNow = () => fail('not-accepting', `announcement ${id} is not the one being said now`);
      if (playing?.phase !== 'shown' || playing.item.id !== id) return notNow();
      const shown = playing;
      if (part === 'chime') return shown.chime ? ok(shown.chime) : fail('not-accepting', `announcement ${id} has no chime`);
      return shown.words.then(
        (words) => (playing === shown ? ok(words) : notNow()),
        (error: unknown) => fail('speech-failed', `the words of announcement ${id} could not be synthesized: ${errorText(error)}`),
      );
    },
    done(id, outcome, reason) {
      if (playing?.phase !== 'shown' || playing.item.id !== id) return fail('not-accepting', `announcement ${id} is not the one being said now (finished, or never shown)`);
      finish(outcome, outcome === 'played' ? null : (reason ?? 'the page gave no reason'));
      return ok(null);
    },
    history: () => records,
    pending: () => queue.length,
    counters,
    close() {
      closed = true;
      if (playing?.phase === 'shown') scheduler.clearTimeout(playing.deadline);
      playing = null;
      queue.length = 0;
    },
  };
}
