import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../../../../../electron/core/clock.ts';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { createJournal } from '../../../../../electron/core/store/journal.ts';
import { openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { createTicketLedger } from '../../../../../electron/core/tickets/ticketLedger.ts';

/** One of the two connections of ticketLedger.concurrency.test.ts: issues `count` tickets as fast as it can. */
const { file, count, day } = workerData as { file: string; count: number; day: string };
const service = parseConfig(
  { device: { id: 'disp-01', office: 'O', window: 'зал', mode: 'tickets' }, queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт' } }] } },
  'worker',
).queue!.services[0]!;
const { db } = openDatabase({ file });
const ledger = createTicketLedger(db, createJournal(db, 'disp-01', 'Europe/Moscow', systemClock));
const numbers: string[] = [];
const errors: string[] = [];
for (let i = 0; i < count; i += 1) {
  try {
    const result = ledger.issue(service, day, 'no');
    if ('ticket' in result) numbers.push(result.ticket.number);
    else errors.push(result.refused);
  } catch (error) {
    errors.push(String((error as { code?: unknown }).code ?? error));
  }
}
db.close();
parentPort?.postMessage({ numbers, errors });
