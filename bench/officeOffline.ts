/**
 * Tickets issued while the hub is down (issue #13, item 11): a dispenser (`okno serve`, mode tickets,
 * its pinned link to the hub) issues `count` tickets through its browser host, as taps do, with its hub
 * down; then the hub starts (startHub, on the port and with the certificate the dispenser knows) and is
 * timed until every ticket is in its queue. The dispenser's own link and outbox do the rest: its
 * reconnect backoff (≤ 1 s), then its batches (≤ 500 tickets a request). Checked: exactly once, in issue order.
 * Then, with the hub up, `liveCount` taps one at a time, each timed until its ticket is in the hub's queue.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHub, type Hub } from '../electron/hub/hub.ts';
import { hubConfigSchema } from '../electron/hub/hubConfig.ts';
import { startServe, type ServeProcess } from '../tests/helpers/okno.ts';
import { DISPENSER, officeConfig, TIMEZONE, tokenOf, writeJson } from './officeSetup.ts';
import { ms, percentile } from './stats.ts';

type Report = (name: string, value: string) => void;

const SERVICE = { id: 'passport', prefix: 'П' } as const;
const ALL_IN_TIMEOUT_MS = 120_000;

/**
 * `downSeconds`: how long the hub stays down after the last ticket. Long enough, the dispenser's retries
 * are at their longest (its link's reconnect backoff is capped at 1 s, its delivery's at 2 s, jittered),
 * as after a real outage; the figure then includes the wait for its next try.
 */
export async function benchOfficeOffline(work: string, count: number, downSeconds: number, report: Report, liveCount = 100): Promise<void> {
  const dir = join(work, 'office-offline');
  mkdirSync(dir, { recursive: true });
  const config = hubConfigSchema.parse(await officeConfig(1, [SERVICE]));
  const dataDir = join(dir, 'hub');
  // A first start makes the certificate and picks the port; the dispenser is set up to both, as in an office.
  const first = await startHub({ config, dataDir });
  const { port, fingerprint } = first;
  await first.close();

  const dispenserConfig = writeJson(join(dir, 'dispenser.json'), {
    device: { id: DISPENSER, office: 'МФЦ бенчмарк', window: 'зал', mode: 'tickets', timezone: TIMEZONE },
    queue: { services: [{ id: SERVICE.id, prefix: SERVICE.prefix, range: [1, 9999], name: { ru: 'Паспорт', en: 'Passport' } }] },
    hub: { url: `https://127.0.0.1:${port}/`, token: tokenOf(DISPENSER), fingerprint },
  });
  let dispenser: ServeProcess | null = null;
  let hub: Hub | null = null;
  try {
    dispenser = await startServe(['--config', dispenserConfig, '--data-dir', join(dir, 'dispenser')]);
    const url = new URL('/api/issueTicket', dispenser.url);
    /** A tap on the dispenser's screen, through its browser host: the ticket's number. */
    const issue = async (): Promise<string> => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: SERVICE.id }) });
      const body = (await response.json()) as { ok: boolean; value?: { number?: string } };
      if (!body.ok || typeof body.value?.number !== 'string') throw new Error(`a ticket was not issued: ${JSON.stringify(body)}`);
      return body.value.number;
    };
    const issued: string[] = [];
    const issueStart = performance.now();
    for (let i = 0; i < count; i += 1) issued.push(await issue());

    const issuing = performance.now() - issueStart;
    await new Promise((resolve) => setTimeout(resolve, downSeconds * 1000));

    const received: string[] = [];
    let firstAt = Number.NaN;
    /** Live tickets (below): number → told when it is in the hub's queue. */
    const arrived = new Map<string, () => void>();
    let allIn: () => void = () => undefined;
    const everyone = new Promise<void>((resolve) => (allIn = resolve));
    const t0 = performance.now();
    hub = await startHub({ config, dataDir, port });
    const ready = performance.now();
    // Before any request can reach it: the continuation of the await runs before the next I/O callback.
    hub.queue.onCommitted((events) => {
      for (const event of events) {
        if (event.type !== 'ticket.received') continue;
        received.push(event.payload.number);
        arrived.get(event.payload.number)?.();
      }
      if (Number.isNaN(firstAt) && received.length > 0) firstAt = performance.now();
      if (received.length >= count) allIn();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      everyone,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} tickets reached the hub within ${ALL_IN_TIMEOUT_MS} ms`)), ALL_IN_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    const done = performance.now();
    const inOrder = received.length === issued.length && received.every((number, index) => number === issued[index]);
    const once = new Set(received).size === received.length;
    report(`hub down: ${count} tickets issued at the dispenser in`, ms(issuing));
    report(`hub down ${downSeconds} s more, then start → all ${count} in its queue`, ms(done - t0));
    report('  of which: hub start → serving', ms(ready - t0));
    report('  serving → first ticket in the queue (the dispenser reconnects)', ms(firstAt - ready));
    report('  first → last ticket in the queue', ms(done - firstAt));
    report('  exactly once, in issue order', `${once && inOrder ? 'yes' : 'NO'} (${received.length} received, ${hub.counters.duplicateTickets} repeated deliveries taken once)`);
    if (!once || !inOrder) throw new Error(`the tickets did not arrive exactly once in issue order: ${received.slice(0, 10).join(' ')} … against ${issued.slice(0, 10).join(' ')} …`);

    // With the hub up: tap → the ticket in the hub's queue, one at a time (issue #13, item 3: within 200 ms).
    const live: number[] = [];
    for (let i = 0; i < liveCount; i += 1) {
      const t = performance.now();
      let inQueue: () => void = () => undefined;
      const queued = new Promise<void>((resolve) => (inQueue = resolve));
      const number = await issue();
      arrived.set(number, inQueue);
      // The hub may have taken it before the answer reached us: then it is in `received` already.
      if (received.includes(number)) inQueue();
      await Promise.race([queued, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`ticket ${number} did not reach the hub within 10 s`)), 10_000).unref())]);
      live.push(performance.now() - t);
      arrived.delete(number);
    }
    report(`hub up: tap → ticket in the hub's queue, p50/p99 (${liveCount})`, `${ms(percentile(live, 50))} / ${ms(percentile(live, 99))}`);
  } finally {
    await dispenser?.stop();
    await hub?.close();
  }
}
