/**
 * `npm run bench`: the figures of docs/benchmarks.md. Not a test: it measures and prints.
 *   1. submit → committed, over 10,000 ratings (core + journal on disk, synchronous=FULL)
 *   2. submit → thank-you painted in Chromium, over 200 presses (browser host, HTTP + SSE, React)
 *   3. `okno serve` start → first paint of the rating screen
 *   4. host RSS idle and after 10,000 ratings
 *   5. serial press on a pty → committed, and → thank-you painted (bench/serial.ts)
 *   6. ticket tap → committed, and → first byte at the printer (bench/tickets.ts)
 *   7. sync: drain 100,000 queued events to the collector, against one event per request (bench/sync.ts)
 *   8. technician mode: PIN check, start with a 100,000-event journal, diagnostics, export, config save (bench/technician.ts)
 *   9. the bytes a citizen's first load fetches, raw, compressed and over the wire (bench/firstLoad.ts)
 *  10. the office queue: call → painted, a simulated office day, tickets delivered after a hub outage (bench/office.ts)
 *  11. the central side: ingest into PostgreSQL from 200 devices with 1 and 2 collector instances (bench/centralIngest.ts),
 *      and a city day of 7,000 windows (bench/cityDay.ts; OKNO_BENCH_CITY_WINDOWS scales it)
 *  12. speech: the bundled voice's cold start, a phrase uncached and cached (bench/speechSynthesis.ts)
 *  13. the hall board's announcements: call → first audio sample, and the board idle (bench/hallAnnouncement.ts)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost } from '../electron/browserHost/browserHost.ts';
import { startDevice, type ServedDevice } from '../electron/core/device/device.ts';
import { packageRoot } from '../electron/core/version.ts';
import { launchChromium } from '../tests/helpers/chromium.ts';
import { startServe } from '../tests/helpers/okno.ts';
import { mib, ms, percentile } from './stats.ts';
import { benchFirstLoad } from './firstLoad.ts';
import { benchOffice } from './office.ts';
import { benchHallAnnouncement } from './hallAnnouncement.ts';
import { benchCentralIngest } from './centralIngest.ts';
import { benchCentralQueries } from './centralQueries.ts';
import { benchCityDay } from './cityDay.ts';
import { benchSerial } from './serial.ts';
import { benchSpeechSynthesis } from './speechSynthesis.ts';
import { benchTechnician } from './technician.ts';
import { benchTickets } from './tickets.ts';
import { syncBenchmarks } from './sync.ts';
import { timeLapse } from './timeLapse.ts';

const RATINGS = Number(process.env.OKNO_BENCH_RATINGS ?? 10_000);
const PAINTS = Number(process.env.OKNO_BENCH_PAINTS ?? 200);
const STARTS = Number(process.env.OKNO_BENCH_STARTS ?? 5);
const SERIAL_PRESSES = Number(process.env.OKNO_BENCH_SERIAL ?? 1_000);
const TICKET_TAPS = Number(process.env.OKNO_BENCH_TICKETS ?? 1_000);

const work = mkdtempSync(join(tmpdir(), 'okno-bench-'));
const configPath = join(work, 'config.json');
writeFileSync(configPath, JSON.stringify({ device: { id: 'bench-w05', office: 'Bench', window: '5' }, rating: { followUp: { enabled: false } } }));
const results: Record<string, string> = {};
const report = (name: string, value: string): void => {
  results[name] = value;
  console.log(`${name.padEnd(44)} ${value}`);
};

/** Until the rating session is back at its start screen (bounded: a stuck session fails the bench). */
async function untilIdle(kiosk: ServedDevice): Promise<void> {
  for (let i = 0; i < 10_000 && kiosk.getState().session.phase !== 'idle'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (kiosk.getState().session.phase !== 'idle') throw new Error('the rating session did not go back to idle');
}

async function committedLatency(): Promise<void> {
  const lapse = timeLapse(1_000_000);
  const device = await startDevice({ configPath, dataDir: join(work, 'committed'), clock: lapse, scheduler: lapse });
  const samples: number[] = [];
  for (let i = 0; i < RATINGS; i += 1) {
    const t0 = performance.now();
    const result = await device.handle('press', { score: 1 + (i % 5), source: 'touch' });
    samples.push(performance.now() - t0);
    if (!result.ok || result.value.outcome !== 'recorded') throw new Error(`press ${i} was not recorded: ${JSON.stringify(result)}`);
    // Each press is a new visit: wait until the time-lapsed thank-you screen is over (its timer, at
    // least a real millisecond). Only yielding once let a fast machine press during it (suppressed).
    await untilIdle(device);
  }
  await device.close();
  report(`submit → committed p50 (${RATINGS} ratings)`, ms(percentile(samples, 50)));
  report(`submit → committed p99 (${RATINGS} ratings)`, ms(percentile(samples, 99)));
  report('submit → committed max', ms(Math.max(...samples)));
}

async function paintedLatency(): Promise<void> {
  // Time runs 100× faster in the core: the thanks screen lasts 40 ms, so it is still painted.
  const lapse = timeLapse(100);
  const device = await startDevice({ configPath, dataDir: join(work, 'painted'), clock: lapse, scheduler: lapse });
  const host = await startBrowserHost({ core: device, rendererDir: join(packageRoot(), 'dist', 'renderer') });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.locator('.screen--idle').waitFor();
    const samples: number[] = [];
    for (let i = 0; i < PAINTS; i += 1) {
      await page.locator('.screen--idle').waitFor();
      await page.waitForTimeout(110); // past the time-lapsed 10 s cooldown
      const elapsed = await page.evaluate(
        (key) =>
          new Promise<number>((resolve, reject) => {
            const t0 = performance.now();
            const painted = (): void => {
              // rAF runs before the frame is drawn; the task after it runs once it is.
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
            };
            const observer = new MutationObserver(() => {
              if (document.querySelector('.screen--thanks-voted')) {
                observer.disconnect();
                painted();
              }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            setTimeout(() => reject(new Error('no thank-you screen within 5 s')), 5_000);
            window.dispatchEvent(new KeyboardEvent('keydown', { key, code: `Digit${key}` }));
          }),
        String(3 + (i % 3)),
      );
      samples.push(elapsed);
    }
    report(`submit → thank-you painted p50 (${PAINTS} presses)`, ms(percentile(samples, 50)));
    report(`submit → thank-you painted p99 (${PAINTS} presses)`, ms(percentile(samples, 99)));
  } finally {
    await browser.close();
    await host.close();
    await device.close();
  }
}

async function startToFirstPaint(): Promise<void> {
  const browser = await launchChromium();
  const toServing: number[] = [];
  const toPaint: number[] = [];
  try {
    for (let i = 0; i < STARTS; i += 1) {
      const t0 = performance.now();
      const serve = await startServe(['--config', configPath, '--data-dir', join(work, `start-${i}`)]);
      toServing.push(performance.now() - t0);
      const page = await browser.newPage();
      await page.goto(serve.url);
      await page.locator('.screen--idle').waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      toPaint.push(performance.now() - t0);
      await page.close();
      await serve.stop();
    }
  } finally {
    await browser.close();
  }
  report(`okno serve start → "serving" (median of ${STARTS})`, ms(percentile(toServing, 50)));
  report(`okno serve start → rating screen painted (median)`, ms(percentile(toPaint, 50)));
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

async function hostMemory(): Promise<void> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'hostProcess.js'), configPath, join(work, 'rss')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^ready (\S+)$/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idle = rssOf(child.pid!);
    let recorded = 0;
    for (let i = 0; i < RATINGS; i += 1) {
      const response = await fetch(new URL('/api/press', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ score: 1 + (i % 5), source: 'touch' }),
      });
      const body = (await response.json()) as { ok: boolean; value?: { outcome: string } };
      if (body.ok && body.value?.outcome === 'recorded') recorded += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = rssOf(child.pid!);
    report('host RSS idle', mib(idle.rss));
    report(`host RSS after ${recorded} ratings over HTTP`, `${mib(after.rss)} (peak ${mib(after.hwm)})`);
  } finally {
    child.kill('SIGTERM');
  }
}

console.log(`okno bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`);
try {
  await committedLatency();
  await paintedLatency();
  await startToFirstPaint();
  await hostMemory();
  await benchSerial(work, SERIAL_PRESSES, report);
  await benchTickets(work, TICKET_TAPS, report);
  await syncBenchmarks(report);
  await benchTechnician(work, report);
  await benchFirstLoad(report);
  await benchOffice(report);
  await benchHallAnnouncement(report);
  await benchCentralIngest(report);
  await benchCityDay(report);
  await benchSpeechSynthesis(report);
  // Last and longest (10 million events generated, then the rollups built: ~10–15 minutes here).
  await benchCentralQueries(report);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`\n${JSON.stringify(results)}`);
