/**
 * Child process of the crash test: records ratings through the real core as fast as it can and
 * prints `ok <eventId>` after each submit call has returned. The parent kills it with SIGKILL.
 * Run directly by Node (type stripping), so it exercises the same modules as the host.
 */
import { writeSync } from 'node:fs';
import { startRunningDevice } from '../helpers/runningDevice.ts';
import { systemClock, type Clock } from '../../electron/core/clock.ts';

const [configPath, dataDir] = process.argv.slice(2);
if (!configPath || !dataDir) {
  console.error('usage: ratingWriter.ts CONFIG DATA_DIR');
  process.exit(2);
}

// Each press belongs to a new visit: jump the monotonic clock past the thanks screen and the cooldown.
let visitOffsetMs = 0;
const clock: Clock = { now: () => systemClock.now(), monotonicMs: () => systemClock.monotonicMs() + visitOffsetMs };

const running = await startRunningDevice({ configPath, dataDir, clock });
writeSync(1, 'ready\n');
for (let i = 0; ; i += 1) {
  visitOffsetMs += 3_600_000;
  const result = running.rating!.press(1 + (i % 5), 'serial');
  if (!result.ok) {
    writeSync(1, `error ${result.error.code}\n`);
    process.exit(1);
  }
  if (result.value.outcome !== 'recorded') {
    writeSync(1, `unexpected ${result.value.outcome}\n`);
    process.exit(1);
  }
  writeSync(1, `ok ${result.value.eventId}\n`);
}
