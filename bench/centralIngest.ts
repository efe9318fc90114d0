/**
 * The central side's ingest figures (issue #14, item 8; `npm run bench` runs them last; alone:
 * `npm run build && node bench/centralIngest.ts`). Not a test: it measures and prints.
 *   - 200 simulated devices send their backlog in batches of 250 events (gzip, as the uploader sends)
 *     to 1, then 2, `okno collector --store postgres://…` processes over real HTTP on 127.0.0.1:
 *     events/s from the first request to the last acknowledgement.
 * The PostgreSQL server is the bench's own, run as a city would (bench/centralPostgres.ts): fsync,
 * full-page writes and synchronous_commit on, so every 200 means the batch is on disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { batchBody, type BatchDraft } from '../electron/core/sync/batching.ts';
import { ROOT } from '../tests/helpers/okno.ts';
import type { TestPostgres } from '../tests/helpers/postgres.ts';
import { deliver, drafts, journalRows, newTally, ratingPayload, simulatedDevices, withTransport, writeFleetDevicesFile, type SimulatedDevice } from '../tests/helpers/simulatedFleet.ts';
import { startCityPostgres } from './centralPostgres.ts';

const DEVICES = Number(process.env.OKNO_BENCH_INGEST_DEVICES ?? 200);
const PER_BATCH = Number(process.env.OKNO_BENCH_INGEST_BATCH ?? 250);
const BATCHES_PER_DEVICE = Number(process.env.OKNO_BENCH_INGEST_BATCHES ?? 5);

type Report = (name: string, value: string) => void;

const gzip = promisify(gzipCallback);

export interface CollectorProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** CPU seconds the process used so far (user + system), from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const TICKS = 100;
export const cpuSecondsOf = (pid: number): number => {
  // Fields after the command's parenthesis: utime and stime are the 12th and 13th (proc(5)).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
};

/** `okno collector --store URL --devices FILE --quiet`, once it says it listens. */
export function startCollectorProcess(store: string, devicesFile: string): Promise<CollectorProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'okno.js'), 'collector', '--store', store, '--devices', devicesFile, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`okno collector did not listen within 30 s:\n${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^okno: collector listening (\S+)$/m.exec(out)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({
        url,
        child,
        cpuSeconds: () => cpuSecondsOf(child.pid!),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`okno collector exited with ${code}:\n${out}`)));
  });
}

/** One device's backlog as gzipped request bodies, built before the clock starts (a device's own CPU does this, not the collector's). */
export async function preparedBodies(device: SimulatedDevice, batches: readonly BatchDraft[]): Promise<Buffer[]> {
  return Promise.all(batches.map((draft) => gzip(batchBody(device.id, uuidv7(), new Date().toISOString(), draft))));
}

export interface Fleet {
  readonly device: SimulatedDevice;
  readonly batches: readonly BatchDraft[];
  readonly bodies: readonly Buffer[];
}

/** Every device sends its batches one after another (one request in flight each), all devices at once; ms until the last is acknowledged. */
export async function sendAll(fleet: readonly Fleet[], endpoints: readonly string[], from = 0, to = Infinity): Promise<number> {
  const tally = newTally();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    fleet.map(({ device, batches, bodies }) =>
      withTransport(async (transport) => {
        for (let i = from; i < Math.min(to, batches.length); i += 1) {
          const body = bodies[i]!;
          await deliver(transport, device, batches[i]!, () => Promise.resolve(body), {
            // Round robin, as a load balancer does.
            endpoint: () => endpoints[(next += 1) % endpoints.length]!,
            backoff: { minMs: 50, maxMs: 1_000 },
            timeoutMs: 60_000,
            maxAttempts: 20,
            tally,
          });
        }
      }),
    ),
  );
  const elapsed = performance.now() - t0;
  if (tally.retries.size > 0) console.log(`  (retries: ${JSON.stringify(Object.fromEntries(tally.retries))})`);
  return elapsed;
}

const windowOf = (device: SimulatedDevice): string => String(Number(device.id.slice(-3)));

async function ingestRun(server: TestPostgres, devicesFile: string, devices: readonly SimulatedDevice[], instances: number, report: Report): Promise<void> {
  const database = await server.createDatabase();
  const collectors = await Promise.all(Array.from({ length: instances }, () => startCollectorProcess(database, devicesFile)));
  try {
    // One batch more than measured: the first warms up each instance (connections, the month's partition, V8's JIT).
    const fleet: Fleet[] = await Promise.all(
      devices.map(async (device, d) => {
        const rows = journalRows(PER_BATCH * (BATCHES_PER_DEVICE + 1), Date.UTC(2026, 10, 23, 6, 0) + d * 1000, (i) => ({ type: 'rating.submitted', payload: ratingPayload(i, windowOf(device)) }));
        const batches = drafts(rows, PER_BATCH);
        return { device, batches, bodies: await preparedBodies(device, batches) };
      }),
    );
    const endpoints = collectors.map((collector) => collector.url);
    await sendAll(fleet, endpoints, 0, 1);
    const cpu0 = collectors.map((collector) => collector.cpuSeconds());
    const load0 = loadavg()[0]!;
    const ms = await sendAll(fleet, endpoints, 1);
    const cpu = collectors.reduce((sum, collector, i) => sum + collector.cpuSeconds() - cpu0[i]!, 0);
    const events = DEVICES * PER_BATCH * BATCHES_PER_DEVICE;
    const bytes = fleet.reduce((sum, { bodies }) => sum + bodies.slice(1).reduce((s, body) => s + body.length, 0), 0);
    report(
      `ingest into PostgreSQL, ${instances} collector instance${instances > 1 ? 's' : ''}`,
      `${Math.round((events / ms) * 1000).toLocaleString('en')} events/s (${events.toLocaleString('en')} events in ${(ms / 1000).toFixed(2)} s, ` +
        `collector CPU ${((cpu / events) * 1e6).toFixed(1)} µs/event, ${(bytes / events).toFixed(0)} B/event gzipped, load ${load0.toFixed(1)}→${loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    await Promise.all(collectors.map((collector) => collector.stop()));
  }
}

export async function benchCentralIngest(report: Report): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'okno-bench-central-'));
  const server = await startCityPostgres();
  try {
    const devices = simulatedDevices(DEVICES, Math.max(1, Math.round(DEVICES / 50)), 'bench');
    const devicesFile = writeFleetDevicesFile(work, devices);
    console.log(`central ingest: ${DEVICES} devices, batches of ${PER_BATCH} events, ${BATCHES_PER_DEVICE} batches each; ${cpus().length} CPUs`);
    await ingestRun(server, devicesFile, devices, 1, report);
    await ingestRun(server, devicesFile, devices, 2, report);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await benchCentralIngest((name, value) => console.log(`${name.padEnd(52)} ${value}`));
}
