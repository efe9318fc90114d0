import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { statusBytes, type PrinterStatus } from '../../../../../electron/core/printer/escposStatus.ts';
import { createReceiptPrinter } from '../../../../../electron/core/printer/receiptPrinter.ts';
import type { SerialLink, SerialPorts } from '../../../../../electron/core/serial/serialPort.ts';

/** A serial printer that answers DLE EOT 2 and 4 from a state the test sets (or stays silent). */
class FakePrinter extends EventEmitter implements SerialLink {
  isOpen = true;
  state: Partial<PrinterStatus> = {};
  silent = false;
  write(bytes: Buffer, callback?: (error?: Error | null) => void) {
    callback?.(null);
    if (!this.silent && bytes[0] === 0x10 && bytes[1] === 0x04) {
      const [offline, paper] = statusBytes(this.state);
      queueMicrotask(() => this.emit('data', Buffer.from([bytes[2] === 0x02 ? offline : paper])));
    }
    return true;
  }
  close(callback?: () => void) {
    this.isOpen = false;
    callback?.();
  }
}

function rig() {
  const device = new FakePrinter();
  const ports: SerialPorts = { open: () => Promise.resolve(device), list: () => Promise.resolve([]) };
  let changes = 0;
  const printer = createReceiptPrinter({ config: { path: '/dev/ttyPRN', baudRate: 19200, columns: 48, statusTimeoutMs: 50 }, ports, now: () => new Date(), onChange: () => (changes += 1) });
  return { device, printer, changes: () => changes };
}

describe('the receipt printer: its condition for device.status', () => {
  it('is unknown before the first check, then follows each check: near end, out, cover, silence, and back to ready', async () => {
    const r = rig();
    expect(r.printer.status().condition).toBe('unknown');
    const seen: string[] = [];
    for (const [state, silent] of [
      [{}, false],
      [{ paperNearEnd: true }, false],
      [{ paperOut: true }, false],
      [{ coverOpen: true }, false],
      [{ error: true }, false],
      [{}, true],
      [{}, false],
    ] as const) {
      r.device.state = state;
      r.device.silent = silent;
      await r.printer.check();
      seen.push(r.printer.status().condition);
    }
    expect(seen).toEqual(['ready', 'paper-near-end', 'paper-out', 'cover-open', 'error', 'no-answer', 'ready']);
    // lastFault stays the last fault for doctor; the condition says it cleared.
    expect(r.printer.status().lastFault).toBe('no-answer');
    await r.printer.close();
  });

  it('tells onChange when a check that went well changes the condition (paper near end is seen before the print)', async () => {
    const r = rig();
    await r.printer.check();
    const before = r.changes();
    await r.printer.check();
    expect(r.changes()).toBe(before);
    r.device.state = { paperNearEnd: true };
    await r.printer.check();
    expect(r.changes()).toBe(before + 1);
    await r.printer.close();
  });
});
