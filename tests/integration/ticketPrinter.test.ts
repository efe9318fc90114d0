import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import { startPrinterSimulator } from '../../electron/simulators/printerSimulator.ts';
import { openPtyPair } from '../../electron/simulators/ptyPair.ts';
import { runOkno, startServe } from '../helpers/okno.ts';
import { requireSocat } from '../helpers/socat.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const tempDir = useTempDirs();

describe('ticket printer on a real pseudo-terminal', () => {
  it('prints the ticket in CP866; paper out, cover open and silence issue the ticket unprinted and are counted', async () => {
    requireSocat();
    const dir = tempDir();
    const pair = await openPtyPair();
    const printer = await startPrinterSimulator(systemSerialPorts, pair.devicePath);
    const config = join(dir, 'config.json');
    const dataDir = join(dir, 'data');
    writeFileSync(
      config,
      JSON.stringify({
        device: { id: 'disp-w00', office: 'МФЦ района Тверской', window: 'зал 1', mode: 'tickets' },
        printer: { path: pair.hostPath, statusTimeoutMs: 300 },
        queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }], hint: { ru: 'Ожидайте вызова на табло' } },
      }),
    );
    const serve = await startServe(['--config', config, '--data-dir', dataDir]);
    const issue = async () =>
      (await (await fetch(new URL('/api/issueTicket', serve.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'passport' }) })).json()) as {
        ok: boolean;
        value: { number: string; printed: string };
      };
    try {
      expect(await issue()).toMatchObject({ ok: true, value: { number: 'П-001', printed: 'yes' } });
      await waitFor(() => printer.text().includes('П-001') && printer.text().includes('✂'), 'the ticket on paper');
      const text = printer.text();
      for (const part of ['МФЦ района Тверской', 'П-001', 'Паспорт', 'Ожидайте вызова на табло']) expect(text).toContain(part);
      expect(printer.received().includes(Buffer.from([0x8f, 0xa0, 0xe1, 0xaf, 0xae, 0xe0, 0xe2]))).toBe(true); // "Паспорт" in CP866

      const printedBytes = printer.received().length;
      printer.set({ paperOut: true });
      expect(await issue()).toMatchObject({ ok: true, value: { number: 'П-002', printed: 'failed' } });
      printer.set({ paperOut: false, coverOpen: true });
      expect(await issue()).toMatchObject({ ok: true, value: { number: 'П-003', printed: 'failed' } });
      printer.set({ coverOpen: false, silent: true });
      expect(await issue()).toMatchObject({ ok: true, value: { number: 'П-004', printed: 'failed' } });
      expect(printer.received().length).toBe(printedBytes);

      printer.set({ silent: false });
      expect(await issue()).toMatchObject({ ok: true, value: { number: 'П-005', printed: 'yes' } });
      await waitFor(() => printer.text().includes('П-005'), 'the next ticket on paper');

      const report = await waitFor(() => {
        const parsed = JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as {
          printer: { counters: Record<string, number> } | null;
          events: { byType: Record<string, number> };
          tickets: { issued: number; byService: Record<string, { lastNumber: number }> };
        };
        return parsed.printer?.counters.printed === 2 ? parsed : undefined;
      }, 'doctor to show the printer');
      expect(report.printer?.counters).toMatchObject({ printed: 2, paperOut: 1, coverOpen: 1, noAnswer: 1 });
      expect(report.events.byType).toMatchObject({ 'ticket.issued': 5, 'printer.fault': 3 });
      expect(report.tickets).toMatchObject({ issued: 5, byService: { passport: { lastNumber: 5, issued: 5 } } });
    } finally {
      await serve.stop();
      await printer.close();
      await pair.close();
    }
  });
});
