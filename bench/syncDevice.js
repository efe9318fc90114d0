// A device process for the sync benchmark: the built core (dist/) with its `sync` section, draining
// the journal it finds to the collector. Prints `drained <events> <ms>` once the collector has
// acknowledged everything up to the last seq, then waits to be killed (so its peak RSS can be read).
// Plain JavaScript on the compiled code, so the figures are those of `okno serve`, not of a TS loader.
import { writeSync } from 'node:fs';
import { startDevice } from '../dist/electron/core/device/device.js';

const [configPath, dataDir, maxEventsArg, pressArg] = process.argv.slice(2);
if (!configPath || !dataDir) throw new Error('usage: syncDevice.js CONFIG DATA_DIR [MAX_EVENTS_PER_BATCH] [press]');
// With "press": a touch press every 10 ms while the drain runs, timed from the call to its return
// (after the commit), to show what the drain costs the kiosk.
const pressing = pressArg === 'press';
const pressMs = [];
const maxEvents = Number(maxEventsArg ?? 500);
const t0 = performance.now();
let target = Infinity;
let events = 0;
let presser;
const device = await startDevice({
  configPath,
  dataDir,
  sync: {
    limits: { maxEvents, maxBytes: 256 * 1024 },
    onAcknowledged: (batch) => {
      events += batch.count;
      if (batch.lastSeq < target) return;
      const ms = (performance.now() - t0).toFixed(1);
      clearInterval(presser);
      if (pressing) {
        pressMs.sort((a, b) => a - b);
        const at = (p) => pressMs[Math.min(pressMs.length - 1, Math.ceil((p / 100) * pressMs.length) - 1)].toFixed(2);
        writeSync(1, `presses ${pressMs.length} ${at(50)} ${at(99)} ${pressMs.at(-1).toFixed(2)}\n`);
      }
      // What the process still holds once the garbage of the drain is collected (run with --expose-gc).
      globalThis.gc?.();
      writeSync(1, `drained ${events} ${ms} ${process.memoryUsage().heapUsed}\n`);
    },
  },
});
const running = device.running();
target = running.store.journal().lastSeq();
writeSync(1, `ready ${target}\n`);
if (pressing) {
  let i = 0;
  presser = setInterval(() => {
    const started = performance.now();
    const result = running.rating.press(1 + (i++ % 5), 'touch');
    pressMs.push(performance.now() - started);
    if (!result.ok) throw new Error(`a press failed during the drain: ${JSON.stringify(result)}`);
  }, 10);
}
process.on('SIGTERM', () => {
  void device.close().then(() => process.exit(0));
});
