/**
 * Child process of the ticket crash test: issues tickets through the real core as fast as it can and
 * prints `ok <local day> <number>` after each issue call has returned. The parent kills it with SIGKILL.
 */
import { writeSync } from 'node:fs';
import { startRunningDevice } from '../helpers/runningDevice.ts';

const [configPath, dataDir] = process.argv.slice(2);
if (!configPath || !dataDir) {
  console.error('usage: ticketWriter.ts CONFIG DATA_DIR');
  process.exit(2);
}
const running = await startRunningDevice({ configPath, dataDir });
writeSync(1, 'ready\n');
for (;;) {
  const result = await running.device.handle('issueTicket', { serviceId: 'passport' });
  if (!result.ok) {
    writeSync(1, `error ${result.error.code} ${result.error.message}\n`);
    process.exit(1);
  }
  writeSync(1, `ok ${result.value.issuedAt.slice(0, 10)} ${result.value.number}\n`);
}
