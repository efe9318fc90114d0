/**
 * A simulated office day (issue #13, item 11) against `okno hub` as a process of its own: `windows`
 * operators' consoles acting at random (bench/officeOperator.ts), dispensers delivering `tickets` over
 * the day, and a window terminal per window plus the hall board holding the live stream — every one a
 * client of its own over pinned HTTPS with its own token. Afterwards the hub's journal is audited
 * (bench/officeAudit.ts): no double call, no lost ticket; and the hub's request latency and RSS.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { JOURNAL_FILE } from '../electron/core/dataDir.ts';
import { createHubHttp } from '../electron/core/office/hubHttp.ts';
import { HUB_EVENT_TYPES, toHubEvent, type HubEvent } from '../electron/hub/queue/hubEvents.ts';
import { commandAnswerSchema, OFFICE_PATHS, ticketsAnswerSchema, type CommandAnswer, type DeliveredTicket } from '../shared/office/officeProtocol.ts';
import { officeSnapshotSchema } from '../shared/office/officeSnapshot.ts';
import { auditOfficeDay } from './officeAudit.ts';
import { afterAnswer, arrivalTimes, closingAction, commandBody, FREE, nextAction, seededRandom, type OperatorAction, type OperatorView } from './officeOperator.ts';
import { BOARD, benchClient, consoleOf, cpuSecondsOf, dispenserOf, officeConfig, operatorOf, PIN, rssOf, SERVICES, startHubProcess, terminalOf, TICKETS_PER_REQUEST, ticketsOf, tokenOf, writeJson, type BenchClient, type HubProcess } from './officeSetup.ts';
import { mib, ms, percentile } from './stats.ts';

type Report = (name: string, value: string) => void;

export interface OfficeDayOptions {
  readonly windows: number;
  readonly tickets: number;
  /** The day compressed into this much wall time: tickets arrive over its first 80 %. */
  readonly daySeconds: number;
  readonly dispensers: number;
  readonly seed: number;
  /** Devices holding the live stream: the hall board and this many window terminals (default: all). */
  readonly watchers?: number;
}

const sleep = (delayMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delayMs));
const healthSchema = z.object({ streams: z.number(), revision: z.number(), counters: z.record(z.string(), z.number()) });
/** How often a press is sent twice at once with the same idempotency key (a double click that got through). */
const DOUBLE_PRESS = 0.05;
/** Share of the tickets per service (passport, snils, tax, benefits). */
const SERVICE_WEIGHTS = [0.4, 0.25, 0.2, 0.15];

function serviceFor(random: () => number): (typeof SERVICES)[number] {
  let left = random();
  for (const [index, weight] of SERVICE_WEIGHTS.entries()) {
    left -= weight;
    if (left < 0) return SERVICES[index]!;
  }
  return SERVICES[SERVICES.length - 1]!;
}

/** The day's tickets: a service each, a dispenser each (round robin), an arrival time each. */
function dayTickets(options: OfficeDayOptions, random: () => number): { ticket: DeliveredTicket; dispenser: number; atMs: number }[] {
  const times = arrivalTimes(options.tickets, options.daySeconds * 800, random);
  const counters = new Map<string, number>();
  return times.map((atMs, index) => {
    const service = serviceFor(random);
    const dispenser = 1 + (index % options.dispensers);
    // Each dispenser numbers from its own range, as real ones do (dispenser 2: П-2001…).
    const next = (counters.get(`${dispenser}/${service.id}`) ?? 0) + 1;
    counters.set(`${dispenser}/${service.id}`, next);
    const [ticket] = ticketsOf(1, service, dispenser * 1000 + next);
    return { ticket: ticket!, dispenser, atMs };
  });
}

interface Samples {
  commands: number[];
  deliveries: number[];
  refusals: Map<string, number>;
  doublePressMismatches: number;
}

/** A dispenser's outbox, as the device's: one request at a time, every ticket due so far in it. */
async function dispenserLoop(client: BenchClient, deviceId: string, due: readonly { ticket: DeliveredTicket; atMs: number }[], start: number, samples: Samples): Promise<void> {
  let next = 0;
  while (next < due.length) {
    const wait = due[next]!.atMs - (performance.now() - start);
    if (wait > 0) await sleep(wait);
    const now = performance.now() - start;
    // A timer may fire a little before its time: the ticket it waited for goes in any case.
    let end = next + 1;
    while (end < due.length && due[end]!.atMs <= now && end - next < TICKETS_PER_REQUEST) end += 1;
    const batch = due.slice(next, end).map((item) => item.ticket);
    const { json, ms: took } = await client.post(OFFICE_PATHS.tickets, { deviceId, tickets: batch });
    const answer = ticketsAnswerSchema.parse(json);
    if (answer.accepted + answer.duplicates !== batch.length || answer.refused.length > 0) throw new Error(`${deviceId}: the hub did not queue a batch: ${JSON.stringify(answer)}`);
    samples.deliveries.push(took);
    next = end;
  }
}

/** One operator's day at window `window`: presses at random until the day ends, then leaves the window empty. */
async function operatorLoop(client: BenchClient, window: number, options: OfficeDayOptions, dayOver: () => boolean, samples: Samples): Promise<void> {
  const random = seededRandom(options.seed * 1000 + window);
  const shape = {
    window: String(window),
    windows: Array.from({ length: options.windows }, (_, i) => String(i + 1)),
    services: SERVICES.map((service) => service.id),
  };
  // Mean time between presses, so that the windows keep up with the arrivals (≈ 2.5 presses a ticket).
  const thinkMs = (options.daySeconds * 1000) / 360;
  const signedIn = commandAnswerSchema.parse((await client.post(OFFICE_PATHS.signIn, { operatorId: operatorOf(window), pin: PIN })).json);
  if (!signedIn.ok) throw new Error(`window ${window}: sign-in refused: ${signedIn.refusal}`);

  const press = async (action: OperatorAction): Promise<CommandAnswer> => {
    const body = commandBody(action, crypto.randomUUID());
    const send = async (): Promise<{ answer: CommandAnswer; text: string }> => {
      const { json, ms: took } = await client.post(OFFICE_PATHS.command, body);
      samples.commands.push(took);
      return { answer: commandAnswerSchema.parse(json), text: JSON.stringify(json) };
    };
    const [first, second] = await Promise.all([send(), random() < DOUBLE_PRESS ? send() : null]);
    // The same key twice: the second must be the first answer again, whichever the hub took first.
    if (second !== null && second.text !== first.text) samples.doublePressMismatches += 1;
    if (!first.answer.ok) samples.refusals.set(first.answer.refusal, (samples.refusals.get(first.answer.refusal) ?? 0) + 1);
    return first.answer;
  };

  let view: OperatorView = FREE;
  while (!dayOver()) {
    const action = nextAction(view, random, shape);
    const answer = await press(action);
    view = afterAnswer(view, action, answer);
    // A break lasts a while; after "nobody is waiting" the operator looks at the counts a while before pressing again.
    const pauseMs = view.phase === 'paused' ? 5 * thinkMs : !answer.ok && answer.refusal === 'queue-empty' ? 2 * thinkMs : 0;
    await sleep(pauseMs + -Math.log(1 - random()) * thinkMs);
  }
  for (let closing = closingAction(view); closing !== null; closing = closingAction(view)) {
    const answer = await press(closing);
    if (!answer.ok) throw new Error(`window ${window}: ${closing.command} at the day's end refused: ${answer.refusal}`);
    view = afterAnswer(view, closing, answer);
  }
}

/** A window terminal or the hall board: holds the live stream and counts its snapshots. */
function watch(hub: HubProcess, deviceId: string, signal: AbortSignal): Promise<number> {
  const http = createHubHttp({ url: hub.url, token: tokenOf(deviceId), fingerprint: hub.fingerprint }, { deviceId });
  return http.openStream(OFFICE_PATHS.stream, signal, 30_000).then(
    (opened) =>
      new Promise<number>((resolve, reject) => {
        if (opened.kind !== 'open') {
          reject(new Error(`${deviceId}: the live stream did not open: ${JSON.stringify(opened)}`));
          return;
        }
        let snapshots = 0;
        // The marker may be cut between two chunks: keep the end of the last one.
        let tail = '';
        opened.response.on('data', (chunk: Buffer) => {
          const text = tail + chunk.toString();
          snapshots += text.split('event: snapshot').length - 1;
          tail = text.slice(-15).includes('event: snapshot') ? '' : text.slice(-15);
        });
        opened.response.on('close', () => {
          http.close();
          resolve(snapshots);
        });
      }),
  );
}

function readJournal(dataDir: string): HubEvent[] {
  const db = new Database(join(dataDir, JOURNAL_FILE), { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT type, occurred_at AS occurredAt, payload FROM events WHERE type IN (${HUB_EVENT_TYPES.map(() => '?').join(', ')}) ORDER BY seq`)
      .all(...HUB_EVENT_TYPES) as { type: string; occurredAt: string; payload: string }[];
    return rows.map((row) => {
      const event = toHubEvent({ type: row.type, occurredAt: row.occurredAt, payload: JSON.parse(row.payload) as unknown });
      if (event === null) throw new Error(`the hub's journal holds an event that does not parse: ${row.type} ${row.payload}`);
      return event;
    });
  } finally {
    db.close();
  }
}

export async function benchOfficeDay(work: string, options: OfficeDayOptions, report: Report): Promise<void> {
  const dir = join(work, 'office-day');
  mkdirSync(dir, { recursive: true });
  const dataDir = join(dir, 'hub');
  const configPath = writeJson(join(dir, 'hub.json'), await officeConfig(options.windows, SERVICES, options.dispensers));
  const random = seededRandom(options.seed);
  const planned = dayTickets(options, random);
  const hub = await startHubProcess(configPath, dataDir);
  const samples: Samples = { commands: [], deliveries: [], refusals: new Map(), doublePressMismatches: 0 };
  const rss: number[] = [];
  const stopWatching = new AbortController();
  const clients: BenchClient[] = [];
  const client = (deviceId: string): BenchClient => {
    const made = benchClient(hub, deviceId);
    clients.push(made);
    return made;
  };
  let dayMs: number;
  let snapshotsSeen: number;
  let health: z.infer<typeof healthSchema>;
  let finalWaiting: number;
  let atWindows: number;
  let peak: number;
  let hubCpu: number;
  const idle = rssOf(hub.pid);
  try {
    const watchers = [BOARD, ...Array.from({ length: options.watchers ?? options.windows }, (_, i) => terminalOf(i + 1))].map((deviceId) => watch(hub, deviceId, stopWatching.signal));
    const sampler = setInterval(() => rss.push(rssOf(hub.pid).rss), 250);
    const start = performance.now();
    const cpuAtStart = cpuSecondsOf(hub.pid);
    const dayOver = (): boolean => performance.now() - start >= options.daySeconds * 1000;
    try {
      await Promise.all([
        ...Array.from({ length: options.dispensers }, (_, i) =>
          dispenserLoop(client(dispenserOf(i + 1)), dispenserOf(i + 1), planned.filter((item) => item.dispenser === i + 1), start, samples),
        ),
        ...Array.from({ length: options.windows }, (_, i) => operatorLoop(client(consoleOf(i + 1)), i + 1, options, dayOver, samples)),
      ]);
    } finally {
      clearInterval(sampler);
    }
    dayMs = performance.now() - start;
    hubCpu = cpuSecondsOf(hub.pid) - cpuAtStart;
    const board = client(BOARD);
    health = healthSchema.parse((await board.get(OFFICE_PATHS.health)).json);
    const snapshot = officeSnapshotSchema.parse((await board.get(OFFICE_PATHS.state)).json);
    finalWaiting = snapshot.services.reduce((sum, service) => sum + service.waiting, 0);
    atWindows = snapshot.windows.filter((window) => window.current !== null).length;
    rss.push(rssOf(hub.pid).rss);
    peak = rssOf(hub.pid).peak;
    stopWatching.abort();
    snapshotsSeen = (await Promise.all(watchers)).reduce((a, b) => a + b, 0);
  } finally {
    stopWatching.abort();
    for (const made of clients) made.close();
    await hub.stop();
  }

  const audit = auditOfficeDay(
    readJournal(dataDir),
    planned.map((item) => item.ticket.ticketId),
  );
  const all = [...samples.commands, ...samples.deliveries];
  const requests = all.length;
  const refusals = [...samples.refusals.entries()].sort((a, b) => b[1] - a[1]).map(([refusal, count]) => `${refusal} ${count}`).join(', ');
  report(
    `office day: ${options.windows} windows, ${options.tickets.toLocaleString('en')} tickets, wall time`,
    `${(dayMs / 1000).toFixed(1)} s (${requests.toLocaleString('en')} requests, ${Math.round((requests / dayMs) * 1000)}/s)`,
  );
  report('office day: double calls (from the hub journal)', String(audit.doubleCalls.length));
  report('office day: lost tickets (issued, never received)', String(audit.lost.length));
  report('office day: tickets received / received twice', `${audit.received} / ${audit.receivedTwice}`);
  report(
    'office day: outcomes',
    `finished ${audit.outcomes.finished}, no-show ${audit.outcomes['no-show']}, expired ${audit.outcomes.expired}, waiting ${audit.outcomes.waiting}, at a window ${audit.outcomes.called + audit.outcomes.serving}`,
  );
  report('office day: snapshot says waiting / at a window', `${finalWaiting} / ${atWindows}`);
  report('office day: calls, recalls, redirects', `${audit.calls}, ${audit.recalls}, ${audit.redirects}`);
  report('office day: refusals (the random presses that make no sense)', refusals);
  report('office day: double presses answered differently', String(samples.doublePressMismatches));
  report('office day: hub request p50 / p99 (all)', `${ms(percentile(all, 50))} / ${ms(percentile(all, 99))}`);
  report('office day: hub request max', ms(Math.max(...all)));
  report('office day: command p50 / p99', `${ms(percentile(samples.commands, 50))} / ${ms(percentile(samples.commands, 99))}`);
  report('office day: ticket delivery p50 / p99', `${ms(percentile(samples.deliveries, 50))} / ${ms(percentile(samples.deliveries, 99))}`);
  report('office day: hub RSS at start / during (max sample) / end', `${mib(idle.rss)} / ${mib(Math.max(...rss))} / ${mib(rss.at(-1) ?? Number.NaN)}`);
  report('office day: hub peak RSS (VmHWM)', mib(peak));
  report('office day: hub CPU time during the day', `${hubCpu.toFixed(1)} s (${Math.round((hubCpu / dayMs) * 100_000)} % of one core)`);
  report('office day: live streams, snapshots received in all', `${health.streams}, ${snapshotsSeen.toLocaleString('en')}`);
  const counters = Object.entries(health.counters).filter(([, value]) => value > 0).map(([name, value]) => `${name} ${value}`).join(', ');
  report('office day: hub counters', counters);
  const problems = [
    audit.doubleCalls.length > 0 ? `${audit.doubleCalls.length} double calls: ${JSON.stringify(audit.doubleCalls.slice(0, 3))}` : '',
    audit.lost.length > 0 ? `${audit.lost.length} lost tickets` : '',
    audit.receivedTwice > 0 ? `${audit.receivedTwice} tickets received twice` : '',
    audit.outcomes.waiting !== finalWaiting ? `the journal says ${audit.outcomes.waiting} waiting, the hub's snapshot ${finalWaiting}` : '',
    samples.doublePressMismatches > 0 ? `${samples.doublePressMismatches} double presses answered differently` : '',
  ].filter((problem) => problem !== '');
  if (problems.length > 0) throw new Error(`the office day went wrong: ${problems.join('; ')}`);
}
