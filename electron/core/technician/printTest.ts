import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterConfig } from '../../../shared/config.ts';
import type { PrintTestView } from '../../../shared/technicianApi.ts';
import { createReceiptPrinter } from '../printer/receiptPrinter.ts';
import type { SerialPorts } from '../serial/serialPort.ts';

/** A test page: who printed it and when, a ruler of the line width, and Cyrillic to check the code page. */
export function encodeTestPage(page: { readonly deviceId: string; readonly time: string; readonly columns: number }): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: page.columns, feedBeforeCut: 4 });
  const ruler = Array.from({ length: page.columns }, (_, index) => String((index + 1) % 10)).join('');
  encoder.initialize().codepage('cp866').align('center').bold(true).line('okno — тестовая печать').bold(false);
  encoder.line('test print').newline().align('left').line(ruler);
  encoder.line(`device: ${page.deviceId}`).line(`time: ${page.time}`).line('Съешь же ещё этих мягких французских булок.');
  return encoder.newline().cut('partial').encode();
}

/** Asks the printer's status, prints the test page when it can, and says what happened. Never throws. */
export async function printTestPage(config: PrinterConfig, deps: { ports: SerialPorts; now: () => Date; deviceId: string; timeZone: string }): Promise<PrintTestView> {
  const printer = createReceiptPrinter({ config, ports: deps.ports, now: deps.now });
  try {
    const check = await printer.check();
    if (!check.ready) return { outcome: check.fault, detail: check.detail };
    const time = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium', timeZone: deps.timeZone }).format(deps.now());
    const printed = await printer.print(encodeTestPage({ deviceId: deps.deviceId, time, columns: config.columns }));
    return printed
      ? { outcome: 'printed', detail: check.status === null ? 'sent (this printer does not report its status)' : 'printed' }
      : { outcome: 'write-failed', detail: printer.status().lastFault ?? 'the printer did not take the page' };
  } finally {
    await printer.close();
  }
}
