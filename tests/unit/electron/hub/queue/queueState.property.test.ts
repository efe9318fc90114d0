import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hubConfigSchema, type HubConfig } from '../../../../../electron/hub/hubConfig.ts';
import { toHubEvent, type HubEventDraft, type QueueCommand, type QueueState } from '../../../../../electron/hub/queue/queueState.ts';
import * as lanes from '../../../../../electron/hub/queue/lane.ts';
import * as pmap from '../../../../../electron/hub/queue/persistentMap.ts';
import { laneKey, windowLaneKey } from '../../../../../electron/hub/queue/queueRecords.ts';
import { eventPayloadSchemas } from '../../../../../shared/events.ts';
import { officeSnapshotSchema } from '../../../../../shared/office/officeSnapshot.ts';
import { applyDecision, decide, emptyQueue, evolve, officeSnapshot, peopleAhead } from './queueDriver.ts';
import { PIN_HASH, uuid } from './queueFixtures.ts';

/**
 * The queue's rules under random days: random offices (services, priorities, windows, rules) and random
 * sequences of commands from random windows, the clock moving (sometimes back). After every step the
 * invariants hold; at the end a replay of the journal (as stored: JSON, checked by its schema) gives the
 * very same state, which is what makes a hub restart lose nothing.
 */

const configArbitrary = fc
  .record({
    services: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
    windows: fc.integer({ min: 1, max: 4 }),
    operators: fc.integer({ min: 1, max: 4 }),
    queue: fc.record({
      order: fc.constantFrom('strict' as const, 'longest-wait' as const),
      maxPriorityInRow: fc.integer({ min: 1, max: 4 }),
      noShowAfterRecalls: fc.integer({ min: 0, max: 3 }),
      redirectTo: fc.constantFrom('head' as const, 'tail' as const),
      estimateMinSamples: fc.integer({ min: 1, max: 5 }),
      rateSeconds: fc.integer({ min: 5, max: 600 }),
    }),
  })
  .chain((shape) => {
    const serviceIds = shape.services.map((_, index) => `s${index}`);
    return fc.record({
      shape: fc.constant(shape),
      windowServices: fc.array(fc.shuffledSubarray(serviceIds, { minLength: 1 }), { minLength: shape.windows, maxLength: shape.windows }),
    });
  })
  .map(({ shape, windowServices }): HubConfig =>
    hubConfigSchema.parse({
      office: { id: 'office', name: 'Office', timezone: 'Europe/Moscow' },
      services: shape.services.map((priority, index) => ({ id: `s${index}`, prefix: `${String.fromCharCode(65 + index)}`, name: { en: `Service ${index}` }, ...(priority ? { priority: 'prio' } : {}) })),
      priorities: [{ id: 'prio', name: { en: 'Priority' } }],
      windows: windowServices.map((services, index) => ({ id: `w${index}`, label: `window ${index}`, services })),
      operators: Array.from({ length: shape.operators }, (_, index) => ({ id: `op${index}`, name: `Operator ${index}`, pinHash: PIN_HASH })),
      queue: shape.queue,
    }),
  );

type Step =
  | { step: 'receive'; service: number; dayShift: number; issuedOffset: number }
  | { step: 'repeat'; pick: number }
  | { step: 'sign-in'; window: number; operator: number }
  | { step: 'window'; kind: 'sign-out' | 'call-next' | 'recall' | 'no-show' | 'start' | 'finish' | 'pause' | 'resume'; window: number }
  | { step: 'redirect'; window: number; toService: number | null; toWindow: number }
  | { step: 'rollover' }
  | { step: 'advance'; seconds: number };

/** An index into the config's list, now and then one past it (unknown): mostly the office's own. */
const known = (max: number): fc.Arbitrary<number> => fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.constant(99) });
const windowIndex = known(3);
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ step: fc.constant('receive' as const), service: known(3), dayShift: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 1), issuedOffset: fc.integer({ min: -900, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ step: fc.constant('repeat' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ step: fc.constant('sign-in' as const), window: windowIndex, operator: known(3) }) },
  {
    weight: 12,
    arbitrary: fc.record({
      step: fc.constant('window' as const),
      kind: fc.constantFrom(...(['call-next', 'call-next', 'call-next', 'call-next', 'finish', 'finish', 'finish', 'start', 'recall', 'recall', 'no-show', 'pause', 'resume', 'resume'] as const), 'sign-out'),
      window: windowIndex,
    }),
  },
  { weight: 2, arbitrary: fc.record({ step: fc.constant('redirect' as const), window: windowIndex, toService: fc.option(known(3)), toWindow: windowIndex }) },
  { weight: 1, arbitrary: fc.constantFrom<Step>({ step: 'rollover' }, { step: 'advance', seconds: 60 }, { step: 'advance', seconds: 60 }, { step: 'advance', seconds: 60 }) },
  { weight: 4, arbitrary: fc.record({ step: fc.constant('advance' as const), seconds: fc.integer({ min: -120, max: 900 }) }) },
);

const FIRST_DAY = '2026-11-23';
const nextDay = (day: string, shift: number): string => new Date(Date.parse(`${day}T12:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10);

interface Recorded {
  readonly type: string;
  readonly occurredAt: string;
  readonly payload: unknown;
}

/** What the office looked like for a window just before it called: to restate the selection rules independently. */
interface CallCheck {
  readonly window: string;
  readonly config: HubConfig;
  readonly before: QueueState;
  readonly ticketId: string;
  readonly inRow: number;
}

function laneTickets(state: QueueState, key: string): string[] {
  const lane = state.lanes.get(key);
  return lane === undefined ? [] : [...lanes.ticketIds(lane)];
}

/** Every invariant of a state: each ticket in exactly one place, as its status says. */
function checkInvariants(state: QueueState): void {
  const placed = new Map<string, string>();
  for (const [key, lane] of state.lanes) {
    const ids = laneTickets(state, key);
    expect(ids.length, `lane ${key} count`).toBe(lane.count);
    expect(lane.count).toBeGreaterThan(0);
    for (const id of ids) {
      expect(placed.get(id), `ticket ${id} in two places`).toBeUndefined();
      placed.set(id, key);
      const ticket = pmap.get(state.tickets, id);
      expect(ticket?.status, `ticket ${id} in lane ${key}`).toBe('waiting');
      expect(ticket?.lane).toBe(key);
    }
  }
  for (const window of state.windows.values()) {
    if (window.current === null) continue;
    expect(placed.get(window.current), `ticket ${window.current} current at two places`).toBeUndefined();
    placed.set(window.current, `window ${window.id}`);
    const ticket = pmap.get(state.tickets, window.current);
    expect(['called', 'serving']).toContain(ticket?.status);
    expect(ticket?.window).toBe(window.id);
  }
  let size = 0;
  for (const ticket of pmap.values(state.tickets)) {
    size++;
    const where = placed.get(ticket.ticketId);
    if (ticket.status === 'waiting') expect(where).toBe(ticket.lane);
    else if (ticket.status === 'called' || ticket.status === 'serving') expect(where).toBe(`window ${ticket.window ?? ''}`);
    else expect(where).toBeUndefined();
  }
  expect(size).toBe(state.tickets.size);
}

/** The selection rules restated on the state before a call (not through the code that chose). */
function checkCall(check: CallCheck, maxInRow: number): void {
  const { before, config, window, ticketId } = check;
  const ticket = pmap.get(before.tickets, ticketId);
  expect(ticket?.status).toBe('waiting');
  if (ticket === undefined) return;
  const direct = laneTickets(before, windowLaneKey(window));
  if (direct.length > 0) {
    expect(ticketId, 'a ticket redirected to this window first').toBe(direct[0]);
    return;
  }
  const services = config.windows.find((candidate) => candidate.id === window)?.services ?? [];
  expect(services).toContain(ticket.serviceId);
  const priority = ticket.priority !== null;
  const heads = (prio: boolean): { service: string; id: string; since: number }[] =>
    services.flatMap((service) => {
      const id = laneTickets(before, laneKey(service, prio))[0];
      const head = id === undefined ? undefined : pmap.get(before.tickets, id);
      return head === undefined || id === undefined ? [] : [{ service, id, since: head.waitingSinceMs }];
    });
  const regularWaits = heads(false).length > 0;
  const priorityWaits = heads(true).length > 0;
  if (priority && regularWaits) expect(check.inRow, 'at most maxPriorityInRow priority calls in a row while a regular ticket waits').toBeLessThan(maxInRow);
  if (!priority && priorityWaits) expect(check.inRow, 'a regular ticket before a priority one only after maxPriorityInRow').toBeGreaterThanOrEqual(maxInRow);
  const candidates = heads(priority);
  // First come first served within a line: the called ticket is its line's head.
  expect(candidates.map((head) => head.id)).toContain(ticketId);
  if (config.queue.order === 'strict') expect(candidates[0]?.id, 'strict: the first service in the window’s list').toBe(ticketId);
  else expect(ticket.waitingSinceMs, 'longest-wait: nobody of the window’s services waited longer').toBe(Math.min(...candidates.map((head) => head.since)));
}

function run(config: HubConfig, steps: readonly Step[]): void {
  let state = emptyQueue(FIRST_DAY);
  let day = FIRST_DAY;
  let nowMs = Date.parse(`${FIRST_DAY}T09:00:00+03:00`);
  const journal: Recorded[] = [];
  const delivered: Extract<QueueCommand, { kind: 'receive' }>[] = [];
  /** The tickets received (and not ended before a new day): each must be in the state, in one place. */
  const received = new Set<string>();
  const model: Model = { inRow: new Map(), out: new Set(), recalls: new Map(), hall: [] };
  // An index past the config's list is a window, operator or service the office does not have.
  const windowId = (index: number): string => config.windows[index]?.id ?? (index === 99 ? 'nowhere' : (config.windows[index % config.windows.length]?.id ?? 'nowhere'));
  let n = 0;
  for (const [index, step] of steps.entries()) {
    const now = new Date(nowMs).toISOString();
    let command: QueueCommand;
    switch (step.step) {
      case 'advance':
        nowMs += step.seconds * 1000;
        continue;
      case 'receive': {
        n++;
        const service = step.service === 99 ? 'unknown' : (config.services[step.service % config.services.length]?.id ?? 'unknown');
        const ticket = { eventId: uuid(900_000_000 + n), ticketId: uuid(800_000_000 + n), number: `T-${n}`, serviceId: service, day: nextDay(day, step.dayShift), issuedAt: new Date(nowMs + step.issuedOffset * 1000).toISOString() };
        command = { kind: 'receive', ticket, dispenserId: 'disp', sourceEventId: ticket.eventId };
        delivered.push(command);
        break;
      }
      case 'repeat': {
        const earlier = delivered[step.pick % Math.max(1, delivered.length)];
        if (earlier === undefined) continue;
        command = earlier;
        break;
      }
      case 'sign-in':
        command = { kind: 'sign-in', window: windowId(step.window), operatorId: step.operator === 99 ? 'nobody' : `op${step.operator % config.operators.length}` };
        break;
      case 'window':
        command = { kind: step.kind, window: windowId(step.window) };
        break;
      case 'redirect':
        command = { kind: 'redirect', window: windowId(step.window), to: step.toService === null ? { window: windowId(step.toWindow) } : { service: step.toService === 99 ? 'unknown' : (config.services[step.toService % config.services.length]?.id ?? 'unknown') } };
        break;
      case 'rollover':
        day = nextDay(day, 1);
        command = { kind: 'rollover', day };
        break;
    }
    const before = state;
    // Comparing whole states is the slow part of this test: every few steps is enough to catch a change in place.
    const frozen = index % 7 === 0 ? structuredClone(before) : null;
    const result = decide(state, command, { config, now });
    if (!result.ok) {
      if (result.error === 'queue-empty' && command.kind === 'call-next') {
        const services = config.windows.find((window) => window.id === command.window)?.services ?? [];
        const keys = [windowLaneKey(command.window), ...services.flatMap((service) => [laneKey(service, true), laneKey(service, false)])];
        expect(keys.every((key) => laneTickets(state, key).length === 0), 'queue-empty with nobody waiting').toBe(true);
      }
      continue;
    }
    for (const draft of result.value.events) {
      expect(eventPayloadSchemas[draft.type].safeParse(draft.payload).error?.issues ?? [], draft.type).toEqual([]);
      journal.push(JSON.parse(JSON.stringify({ type: draft.type, occurredAt: now, payload: draft.payload })));
      checkEvent(draft, { state, config, model, at: now });
      const kept = draft.type === 'queue.dayStarted' ? [...received].filter((id) => isOpen(state, id, draft.payload.day)) : null;
      state = applyDecision(state, [draft], now);
      if (draft.type === 'ticket.received') received.add(draft.payload.ticketId);
      if (kept !== null) {
        // A new day keeps the tickets still at a window and those of the new day; the rest had ended.
        received.clear();
        for (const id of kept) received.add(id);
      }
    }
    for (const id of received) expect(pmap.has(state.tickets, id), `received ticket ${id} is in the state`).toBe(true);
    // evolve makes a new state: the one before is as it was.
    if (frozen !== null) expect(before).toEqual(frozen);
    expect(state.ignored, 'every event decide makes fits the state').toBe(0);
    checkInvariants(state);
  }
  const snapshot = officeSnapshot(state, { config, now: new Date(nowMs).toISOString(), revision: journal.length });
  expect(officeSnapshotSchema.safeParse(snapshot).error?.issues ?? []).toEqual([]);
  expect(snapshot.calls.map(({ number, window, at, recall }) => ({ number, window, at, recall }))).toEqual(model.hall.slice(0, 10));
  for (const window of snapshot.windows) {
    if (window.current !== null) expect(window.current.recalls).toBe(model.recalls.get(window.current.ticketId));
  }
  for (const service of config.services) {
    const ahead = peopleAhead(state, service.id, { config, now: new Date(nowMs).toISOString() });
    expect(ahead.ahead).toBe(snapshot.services.find((candidate) => candidate.id === service.id)?.waiting);
    if (ahead.estimateMinutes !== null) expect(ahead.estimateMinutes % 5).toBe(0);
  }
  // A restart: the journal as stored (JSON), each row checked by its schema, folded from the first day.
  const replayed = journal.reduce((folded, row) => {
    const event = toHubEvent(row);
    expect(event).not.toBeNull();
    return event === null ? folded : evolve(folded, event);
  }, emptyQueue(FIRST_DAY));
  expect(replayed).toEqual(state);
}

/** Whether a ticket is still open across midnight into `day`: at a window, or waiting with a number of that day. */
function isOpen(state: QueueState, ticketId: string, day: string): boolean {
  const ticket = pmap.get(state.tickets, ticketId);
  return ticket !== undefined && (ticket.status === 'called' || ticket.status === 'serving' || (ticket.status === 'waiting' && ticket.day >= day));
}

/** What the test keeps of the journal, to check the rules without the code under test. */
interface Model {
  /** Priority calls in a row per window (a regular call resets it; so does a new day). */
  readonly inRow: Map<string, number>;
  /** Tickets called and not yet released (finished, no-show, redirected, expired): none is called again meanwhile. */
  readonly out: Set<string>;
  /** Recalls of each ticket since its last call. */
  readonly recalls: Map<string, number>;
  /** Calls and recalls of the day, newest first: the hall board. */
  readonly hall: { number: string; window: string; at: string; recall: number }[];
}

/** The rules about one event, on the state just before it. */
function checkEvent(
  draft: HubEventDraft,
  context: { state: QueueState; config: HubConfig; model: Model; at: string },
): void {
  const { state, config, model } = context;
  const { inRow, recalls, hall } = model;
  const out = model.out;
  switch (draft.type) {
    case 'ticket.called': {
      const { ticketId, window } = draft.payload;
      expect(out.has(ticketId), `${ticketId} called again without a redirect`).toBe(false);
      out.add(ticketId);
      recalls.set(ticketId, 0);
      hall.unshift({ number: draft.payload.number, window, at: context.at, recall: 0 });      checkCall({ window, config, before: state, ticketId, inRow: inRow.get(window) ?? 0 }, config.queue.maxPriorityInRow);
      const priority = pmap.get(state.tickets, ticketId)?.priority ?? null;
      inRow.set(window, priority === null ? 0 : (inRow.get(window) ?? 0) + 1);
      break;
    }
    case 'ticket.recalled': {
      const { ticketId, recall, number, window } = draft.payload;
      expect(out.has(ticketId)).toBe(true);
      expect(recall, 'recalls are counted from 1 after each call').toBe((recalls.get(ticketId) ?? 0) + 1);
      recalls.set(ticketId, recall);
      hall.unshift({ number, window, at: context.at, recall });
      break;
    }
    case 'ticket.noShow':
      expect(recalls.get(draft.payload.ticketId) ?? 0, 'a no-show only after noShowAfterRecalls recalls').toBeGreaterThanOrEqual(config.queue.noShowAfterRecalls);
      expect(out.delete(draft.payload.ticketId)).toBe(true);
      break;
    case 'service.finished':
    case 'ticket.redirected':
      expect(out.delete(draft.payload.ticketId)).toBe(true);
      break;
    case 'ticket.expired':
      out.delete(draft.payload.ticketId);
      break;
    case 'queue.dayStarted':
      inRow.clear();
      hall.length = 0;
      break;
    default:
      break;
  }
}

describe('the queue under random days (fast-check)', () => {
  it('decide never throws, every event it makes fits, each ticket is in exactly one place, the call rules hold, a replay gives the same state', () => {
    fc.assert(
      fc.property(configArbitrary, fc.array(stepArbitrary, { minLength: 1, maxLength: 200, size: 'max' }), (config, steps) => {
        run(config, steps);
      }),
      { numRuns: 200 },
    );
  });

  it('decide never throws on any command, however odd (unknown windows, services, operators; bad days and times)', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('w0', 'w1', 's0', 'op0', ''));
    const commandArbitrary: fc.Arbitrary<QueueCommand> = fc.oneof(
      fc.record({ kind: fc.constantFrom('call-next' as const, 'recall' as const, 'no-show' as const, 'start' as const, 'finish' as const, 'pause' as const, 'resume' as const, 'sign-out' as const), window: text }),
      fc.record({ kind: fc.constant('sign-in' as const), window: text, operatorId: text }),
      fc.record({ kind: fc.constant('redirect' as const), window: text, to: fc.oneof(fc.record({ service: text }), fc.record({ window: text })) }),
      fc.record({ kind: fc.constant('rollover' as const), day: fc.oneof(fc.string(), fc.constantFrom('2026-11-24', '2026-11-22', '9999-99-99')) }),
      fc.record({
        kind: fc.constant('receive' as const),
        ticket: fc.record({ eventId: fc.uuid(), ticketId: fc.uuid(), number: fc.string(), serviceId: text, day: fc.string(), issuedAt: fc.string() }),
        dispenserId: fc.string(),
        sourceEventId: fc.uuid(),
      }),
    );
    fc.assert(
      fc.property(configArbitrary, fc.array(commandArbitrary, { maxLength: 40 }), fc.oneof(fc.string(), fc.constant('2026-11-23T10:00:00+03:00')), (config, commands, now) => {
        let state = emptyQueue(FIRST_DAY);
        for (const command of commands) {
          const result = decide(state, command, { config, now });
          if (result.ok) state = applyDecision(state, result.value.events, '2026-11-23T10:00:00+03:00');
        }
        officeSnapshot(state, { config, now, revision: 0 });
      }),
      { numRuns: 200 },
    );
  });
});
