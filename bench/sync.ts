/**
 * The sync figures of docs/benchmarks.md (`npm run bench` runs them after the others; alone:
 * `npm run build && node bench/sync.ts`). Not a test: it measures and prints.
 *   - drain 100,000 queued events to the reference collector on loopback: events/s, and peak RSS
 *     of the device process (which must not load the backlog into memory)
 *   - the same with one event per request (the naive way), on fewer events, in the same run
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournalStore } from '../electron/core/store/journalStore.ts';
import { JOURNAL_FILE } from '../electron/core/dataDir.ts';
import { systemClock } from '../electron/core/clock.ts';
import { ROOT } from '../tests/helpers/okno.ts';
import { mib } from './stats.ts';

const EVENTS = Number(process.env.OKNO_BENCH_SYNC_EVENTS ?? 100_000);
const NAIVE_EVENTS = Number(process.env.OKNO_BENCH_SYNC_NAIVE_EVENTS ?? 2_000);
const DEVICE_ID = 'bench-w05';
const TOKEN = 'bench-w05-token-0123456789abcdef';

type Report = (name: string, value: string) => void;

/** Writes `count` events into a new journal in one transaction (the backlog of a long offline spell). */
function fillJournal(dataDir: string, count: number): void {
  const store = openJournalStore({ file: join(dataDir, JOURNAL_FILE), deviceId: DEVICE_ID, timeZone: 'Europe/Moscow', clock: systemClock });
  try {
    store.database().transaction(() => {
      for (let i = 0; i < count; i += 1) {
        if (i % 10 === 9) store.journal().append('rating.suppressed', { score: 1 + (i % 5), source: 'serial', reason: 'cooldown' });
        else store.journal().append('rating.submitted', { score: 1 + (i % 5), scale: 5, source: 'serial', window: '5' });
      }
    })();
  } finally {
    store.close();
  }
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${what}" within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what}: process exited with ${code}:\n${out}`)));
  });
}

const peakRss = (pid: number): number => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** One drain: a fresh journal of `count` events, a device process, the collector; events/s and peak RSS. */
interface Drained {
  perSecond: number;
  peak: number;
  ms: number;
  heapAfterGc: number;
  /** With presses during the drain: count, p50, p99, max in ms. */
  presses: [number, number, number, number] | null;
}

async function drain(work: string, collectorUrl: string, name: string, count: number, maxEvents: number, press = false): Promise<Drained> {
  const dataDir = join(work, name);
  fillJournal(dataDir, count);
  const configPath = join(work, `${name}.json`);
  writeFileSync(configPath, JSON.stringify({ device: { id: DEVICE_ID, office: 'Bench', window: '5' }, sync: { endpoint: collectorUrl, token: TOKEN, intervalSeconds: 60 } }));
  const device = spawn(process.execPath, ['--expose-gc', join(import.meta.dirname, 'syncDevice.js'), configPath, dataDir, String(maxEvents), press ? 'press' : ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const pressed = press ? waitForLine(device, /^presses (\d+) ([\d.]+) ([\d.]+) ([\d.]+)$/m, `${name} presses`, 600_000) : null;
    const drained = await waitForLine(device, /^drained (\d+) ([\d.]+) (\d+)$/m, `${name} drained`, 600_000);
    const presses = pressed ? ((await pressed).slice(1, 5).map(Number) as Drained['presses']) : null;
    const events = Number(drained[1]);
    const ms = Number(drained[2]);
    return { perSecond: (events / ms) * 1000, peak: peakRss(device.pid!), ms, heapAfterGc: Number(drained[3]), presses };
  } finally {
    await stop(device);
  }
}

export async function syncBenchmarks(report: Report): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'okno-bench-sync-'));
  const devices = join(work, 'devices.json');
  writeFileSync(devices, JSON.stringify({ devices: { [DEVICE_ID]: { token: TOKEN } } }));
  const collector = spawn(process.execPath, [join(ROOT, 'bin', 'okno.js'), 'collector', '--db', join(work, 'collector.db'), '--devices', devices, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = (await waitForLine(collector, /^okno: collector listening (\S+)$/m, 'collector listening', 20_000))[1]!;
    const small = await drain(work, url, 'small', 1_000, 500);
    const batched = await drain(work, url, 'batched', EVENTS, 500);
    const naive = await drain(work, url, 'naive', NAIVE_EVENTS, 1);
    const busy = await drain(work, url, 'pressing', EVENTS, 500, true);
    report(`sync drain ${EVENTS.toLocaleString('en')} events, batches of 500`, `${Math.round(batched.perSecond).toLocaleString('en')} events/s (${(batched.ms / 1000).toFixed(2)} s)`);
    report(`sync one event per request (${NAIVE_EVENTS.toLocaleString('en')} events)`, `${Math.round(naive.perSecond).toLocaleString('en')} events/s`);
    report('sync batched ÷ one per request', `${(batched.perSecond / naive.perSecond).toFixed(0)}×`);
    report(`sync device peak RSS, ${EVENTS.toLocaleString('en')}-event backlog`, mib(batched.peak));
    report('sync device peak RSS, 1,000-event backlog', mib(small.peak));
    const [presses, p50, p99, max] = busy.presses!;
    report(`press → committed during a ${EVENTS.toLocaleString('en')}-event drain (${presses} presses)`, `p50 ${p50} ms, p99 ${p99} ms, max ${max} ms`);
    report('sync device JS heap after drain + GC (100k / 1k)', `${mib(batched.heapAfterGc)} / ${mib(small.heapAfterGc)}`);
  } finally {
    await stop(collector);
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await syncBenchmarks((name, value) => console.log(`${name.padEnd(52)} ${value}`));
}
