/**
 * Ticket dispenser figures: a tap (POST /api/ticket to the browser host) → the ticket committed (the
 * answer arrives after the printer's status, the number and its event are committed), and → the
 * first byte of the ticket at the printer (a real pty and the printer simulator).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost } from '../electron/browserHost/browserHost.ts';
import { startDevice } from '../electron/core/device/device.ts';
import { systemSerialPorts } from '../electron/core/serial/serialPort.ts';
import { packageRoot } from '../electron/core/version.ts';
import { startPrinterSimulator } from '../electron/simulators/printerSimulator.ts';
import { openPtyPair } from '../electron/simulators/ptyPair.ts';
import { ms, percentile } from './stats.ts';

type Report = (name: string, value: string) => void;

export async function benchTickets(work: string, taps: number, report: Report): Promise<void> {
  const pair = await openPtyPair();
  const printer = await startPrinterSimulator(systemSerialPorts, pair.devicePath);
  const configPath = join(work, 'tickets.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      device: { id: 'bench-hall', office: 'МФЦ района Тверской', window: 'зал 1', mode: 'tickets' },
      printer: { path: pair.hostPath },
      queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 9999], name: { ru: 'Паспорт гражданина РФ' } }] },
    }),
  );
  const device = await startDevice({ configPath, dataDir: join(work, 'tickets') });
  const host = await startBrowserHost({ core: device, rendererDir: join(packageRoot(), 'dist', 'renderer') });
  const committed: number[] = [];
  const firstByte: number[] = [];
  let firstByteAt: ((at: number) => void) | null = null;
  printer.onData(() => {
    firstByteAt?.(performance.now());
    firstByteAt = null;
  });
  try {
    for (let i = 0; i < taps; i += 1) {
      const atPrinter = new Promise<number>((resolve) => (firstByteAt = resolve));
      const t0 = performance.now();
      const response = await fetch(new URL('/api/issueTicket', host.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: 'passport' }),
      });
      const body = (await response.json()) as { ok: boolean; value?: { printed: string } };
      committed.push(performance.now() - t0);
      if (!body.ok || body.value?.printed !== 'yes') throw new Error(`tap ${i} did not print: ${JSON.stringify(body)}`);
      firstByte.push((await atPrinter) - t0);
      // Let the printer take the rest of the ticket before the next tap.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await host.close();
    await device.close();
    await printer.close();
    await pair.close();
  }
  report(`tap → ticket committed p50 (${taps} taps)`, ms(percentile(committed, 50)));
  report(`tap → ticket committed p99 (${taps} taps)`, ms(percentile(committed, 99)));
  report(`tap → first byte at the printer p50 (${taps} taps)`, ms(percentile(firstByte, 50)));
  report(`tap → first byte at the printer p99 (${taps} taps)`, ms(percentile(firstByte, 99)));
}
