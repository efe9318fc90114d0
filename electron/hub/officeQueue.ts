import Database from 'better-sqlite3';
import type { AheadAnswer, CommandAnswer, CommandBody, DeliveredTicket, OfficeRefusal, TicketsAnswer } from '../../shared/office/officeProtocol.ts';
import type { OfficeSnapshot } from '../../shared/office/officeSnapshot.ts';
import { isoWithOffset } from '../core/clock.ts';
import type { Journal } from '../core/store/journal.ts';
import { localTime } from '../core/tickets/localTime.ts';
import { commandLog } from './commandLog.ts';
import type { DecisionClock } from './decisionClock.ts';
import type { HubConfig } from './hubConfig.ts';
import type { HubCounters } from './hubCounters.ts';
import { foldJournal } from './hubJournal.ts';
import { decide, evolve, officeSnapshot, peopleAhead, refusalMessage, stamp, type Decision, type HubEvent, type QueueCommand, type QueueState } from './queue/queueState.ts';

/** A queue event as committed: its seq is the revision it makes. */
interface Recorded {
  readonly seq: number;
  readonly event: HubEvent;
}

/**
 * The office's queue as the hub keeps it: the rules' state (electron/hub/queue/, pure), the journal
 * that makes it durable, and the one place where the two meet. Every change is: decide with the
 * current state → append the decision's events in ONE transaction (with the command's answer, when
 * it has an idempotency key) → only after the commit, fold them into the state. So the state is
 * always the fold of what is committed, and a restart (even after SIGKILL) folds the same events
 * back into the same state. Node runs this synchronously, between two requests: 50 call-next
 * requests at once are 50 decisions one after another, never two on the same state.
 */
export interface OfficeQueue {
  /** The journal's last seq: grows with every committed change, also across restarts. */
  revision(): number;
  state(): QueueState;
  snapshot(): OfficeSnapshot;
  ahead(serviceId: string): AheadAnswer;
  /** Tickets a dispenser delivered, in issue order, committed together before the answer (a repeated one is a duplicate). */
  receive(dispenserId: string, tickets: readonly DeliveredTicket[]): TicketsAnswer;
  /** A console's command; the same idempotency key acts once. `conflict`: the key was used at another window. */
  command(window: string, body: CommandBody): CommandAnswer | 'conflict';
  /** After the PIN was checked. */
  signIn(window: string, operatorId: string): CommandAnswer;
  signOut(window: string): CommandAnswer;
  /** Ends the queue's day when the office's local midnight has passed; false when there was nothing to do. */
  rolloverIfDue(): boolean;
  /** Told after every committed change, with its events. Returns the unsubscribe. */
  onCommitted(listener: (events: readonly HubEvent[]) => void): () => void;
}

const isUniqueViolation = (error: unknown): boolean => error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';

export function openOfficeQueue(options: { db: Database.Database; journal: Journal; config: HubConfig; clock: DecisionClock; counters: HubCounters }): OfficeQueue {
  const { db, journal, config, clock, counters } = options;
  const timeZone = config.office.timezone;
  const commands = commandLog(db);
  const listeners = new Set<(events: readonly HubEvent[]) => void>();
  const today = (at: Date): string => localTime(at, timeZone).day;

  const folded = foldJournal(db, today(clock.now()));
  let state = folded.state;
  counters.unreadableEvents += folded.unreadable;
  let revision = journal.lastSeq();

  const nowIso = (at: Date): string => isoWithOffset(at, timeZone);
  const context = (at: Date) => ({ config, now: nowIso(at) });

  const notify = (events: readonly HubEvent[]): void => {
    for (const listener of listeners) {
      try {
        listener(events);
      } catch {
        // A listener (the live streams) must not undo a committed change.
      }
    }
  };

  /** Appends the events with occurredAt = the decision's time; inside the caller's transaction. */
  const appendAll = (decision: Decision, at: Date): Recorded[] =>
    clock.heldAt(at, () =>
      decision.events.map((draft) => {
        const recorded = journal.append(draft.type, draft.payload);
        return { seq: recorded.seq, event: stamp(draft, recorded.occurredAt) };
      }),
    );

  /** After the commit: the state takes the events, the revision moves, the streams are told. */
  const committed = (events: readonly Recorded[]): void => {
    for (const { seq, event } of events) {
      state = evolve(state, event);
      revision = Math.max(revision, seq);
    }
    if (events.length > 0) notify(events.map(({ event }) => event));
  };

  /** Decides and commits a command without idempotency key (sign-in, sign-out, rollover). */
  const act = (command: QueueCommand): CommandAnswer => {
    const at = clock.now();
    const result = decide(state, command, context(at));
    if (!result.ok) return refusedAnswer(result.error);
    const events = db.transaction(() => appendAll(result.value, at)).immediate();
    committed(events);
    return { ok: true, revision, ticket: result.value.ticket };
  };

  const refusedAnswer = (refusal: OfficeRefusal): CommandAnswer => ({ ok: false, refusal, message: refusalMessage(refusal) });

  return {
    revision: () => revision,
    state: () => state,
    snapshot: () => officeSnapshot(state, { config, now: nowIso(clock.now()), revision }),
    ahead: (serviceId) => peopleAhead(state, serviceId, { config, now: nowIso(clock.now()) }),

    receive(dispenserId, tickets) {
      let accepted = 0;
      let duplicates = 0;
      const refused: TicketsAnswer['refused'] = [];
      const at = clock.now();
      // One transaction (one fsync) per request, each ticket in a savepoint of its own: a ticket taken
      // before rolls back alone. The state moves only once the whole request is committed.
      const events = db
        .transaction(() => {
          let next = state;
          const recorded: Recorded[] = [];
          for (const ticket of tickets) {
            const result = decide(next, { kind: 'receive', ticket, dispenserId, sourceEventId: ticket.eventId }, context(at));
            // The rules refuse nothing a dispenser sends (an unknown service is a ticket.refused event); an empty decision is a ticket they already hold.
            if (!result.ok || result.value.events.length === 0) {
              duplicates += 1;
              continue;
            }
            const decision = result.value;
            let taken: Recorded[];
            try {
              taken = db.transaction(() => appendAll(decision, at))();
            } catch (error) {
              // The unique index events_ticket_source: this dispenser event was taken before (an earlier day's state does not hold it).
              if (!isUniqueViolation(error)) throw error;
              duplicates += 1;
              continue;
            }
            for (const { event } of taken) next = evolve(next, event);
            recorded.push(...taken);
          }
          return recorded;
        })
        .immediate();
      committed(events);
      for (const { event } of events) {
        if (event.type === 'ticket.received') accepted += 1;
        if (event.type === 'ticket.refused') refused.push({ ticketId: event.payload.ticketId, reason: event.payload.reason });
      }
      counters.duplicateTickets += duplicates;
      return { accepted, duplicates, refused };
    },

    command(window, body) {
      const stored = commands.find(body.idempotencyKey);
      if (stored) {
        if (stored.window !== window) return 'conflict';
        counters.repeatedCommands += 1;
        return stored.answer;
      }
      const command: QueueCommand = body.command === 'redirect' ? { kind: 'redirect', window, to: body.to } : { kind: body.command, window };
      const at = clock.now();
      const result = decide(state, command, context(at));
      const decision = result.ok ? result.value : null;
      const { answer, events } = db
        .transaction(() => {
          const appended = decision ? appendAll(decision, at) : [];
          const last = appended.at(-1)?.seq ?? revision;
          const answer: CommandAnswer = decision ? { ok: true, revision: last, ticket: decision.ticket } : refusedAnswer(result.ok ? 'unknown-window' : result.error);
          commands.record(body.idempotencyKey, window, answer, nowIso(at));
          return { answer, events: appended };
        })
        .immediate();
      committed(events);
      return answer;
    },

    signIn: (window, operatorId) => act({ kind: 'sign-in', window, operatorId }),
    signOut: (window) => act({ kind: 'sign-out', window }),

    rolloverIfDue() {
      const day = today(clock.now());
      if (day <= state.day) return false;
      const answer = act({ kind: 'rollover', day });
      return answer.ok;
    },

    onCommitted(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
