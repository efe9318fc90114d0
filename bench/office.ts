/**
 * The office queue's figures of docs/benchmarks.md (issue #13, item 11). `npm run bench` runs them
 * after the others; alone: `npm run build && node bench/office.ts`. Not a test: it measures and prints.
 *   1. call → window terminal painted, and → hall board painted (bench/officePaint.ts)
 *   2. a simulated office day against `okno hub` (bench/officeDay.ts)
 *   3. tickets issued while the hub is down: until all are in its queue after it starts (bench/officeOffline.ts)
 * Sizes: OKNO_BENCH_OFFICE_CALLS, OKNO_BENCH_OFFICE_WINDOWS, OKNO_BENCH_OFFICE_TICKETS,
 * OKNO_BENCH_OFFICE_DAY_SECONDS, OKNO_BENCH_OFFICE_SEED, OKNO_BENCH_OFFICE_OFFLINE, OKNO_BENCH_OFFICE_DOWN_SECONDS;
 * OKNO_BENCH_OFFICE_PARTS=paint,day,offline picks parts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOfficeDay } from './officeDay.ts';
import { benchOfficeOffline } from './officeOffline.ts';
import { benchOfficePaint } from './officePaint.ts';

type Report = (name: string, value: string) => void;

const CALLS = Number(process.env.OKNO_BENCH_OFFICE_CALLS ?? 500);
const DAY = {
  windows: Number(process.env.OKNO_BENCH_OFFICE_WINDOWS ?? 60),
  tickets: Number(process.env.OKNO_BENCH_OFFICE_TICKETS ?? 3_000),
  daySeconds: Number(process.env.OKNO_BENCH_OFFICE_DAY_SECONDS ?? 90),
  dispensers: 3,
  seed: Number(process.env.OKNO_BENCH_OFFICE_SEED ?? 13),
  ...(process.env.OKNO_BENCH_OFFICE_WATCHERS === undefined ? {} : { watchers: Number(process.env.OKNO_BENCH_OFFICE_WATCHERS) }),
};
const OFFLINE = Number(process.env.OKNO_BENCH_OFFICE_OFFLINE ?? 500);
const DOWN_SECONDS = Number(process.env.OKNO_BENCH_OFFICE_DOWN_SECONDS ?? 5);
const PARTS = new Set((process.env.OKNO_BENCH_OFFICE_PARTS ?? 'paint,day,offline').split(','));

export async function benchOffice(report: Report): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'okno-bench-office-'));
  try {
    if (PARTS.has('paint')) await benchOfficePaint(work, CALLS, report);
    if (PARTS.has('day')) await benchOfficeDay(work, DAY, report);
    if (PARTS.has('offline')) await benchOfficeOffline(work, OFFLINE, DOWN_SECONDS, report);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  console.log(`okno bench (office) — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`);
  await benchOffice((name, value) => console.log(`${name.padEnd(52)} ${value}`));
}
