import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { PrinterConfig } from '../../../shared/config.ts';
import type { PrinterCondition } from '../../../shared/events.ts';
import { classifyOpenError, type SerialLink, type SerialPorts } from '../serial/serialPort.ts';
import { ASK_OFFLINE_CAUSE, ASK_PAPER_SENSOR, faultOf, isStatusByte, parsePrinterStatus, type PrinterFaultKind, type PrinterStatus } from './escposStatus.ts';

/**
 * The thermal ticket printer: a serial port (status asked with DLE EOT before each ticket) or a
 * printer device file such as /dev/usb/lp0 (written only: a device file gives no reliable answer,
 * so its status is "unknown" and the write itself is the test). Faults are counted and kept for
 * doctor and the technician; nothing here throws at the caller.
 */

export type PrinterCheck = { readonly ready: true; readonly status: PrinterStatus | null } | { readonly ready: false; readonly fault: PrinterFaultKind | 'no-answer' | 'open-failed'; readonly detail: string };

export interface PrinterCounters {
  printed: number;
  paperOut: number;
  coverOpen: number;
  offline: number;
  noAnswer: number;
  openFailed: number;
  writeFailed: number;
  paperNearEnd: number;
}

export interface ReceiptPrinterStatus {
  readonly path: string;
  readonly kind: 'serial' | 'file';
  readonly connected: boolean;
  readonly lastStatus: PrinterStatus | null;
  /**
   * What the last check or print says now (lastFault keeps the last fault even after it cleared): the
   * state a device.status reports. `unknown` before the first ticket: the printer is asked only then.
   */
  readonly condition: PrinterCondition;
  readonly lastFault: string | null;
  readonly lastFaultAt: string | null;
  readonly counters: Readonly<PrinterCounters>;
}

export interface ReceiptPrinter {
  /** Asks the printer whether it can print now. */
  check(): Promise<PrinterCheck>;
  /** Sends a ticket; resolves when the bytes are written (true) or the write failed (false). */
  print(bytes: Uint8Array): Promise<boolean>;
  status(): ReceiptPrinterStatus;
  close(): Promise<void>;
}

export interface ReceiptPrinterOptions {
  readonly config: PrinterConfig;
  readonly ports: SerialPorts;
  readonly now: () => Date;
  readonly onChange?: () => void;
}

/** Write-only, never created: a missing /dev/usb/lp0 is a fault, not a new regular file. */
const openDevice = (path: string): Promise<FileHandle> => open(path, constants.O_WRONLY | constants.O_APPEND);

const isDeviceFile = (path: string): boolean => /^\/dev\/(usb\/)?lp\d+$/.test(path) || path.startsWith('file:');

export function createReceiptPrinter(options: ReceiptPrinterOptions): ReceiptPrinter {
  const { config } = options;
  const kind: 'serial' | 'file' = isDeviceFile(config.path) ? 'file' : 'serial';
  const filePath = config.path.replace(/^file:/, '');
  const counters: PrinterCounters = { printed: 0, paperOut: 0, coverOpen: 0, offline: 0, noAnswer: 0, openFailed: 0, writeFailed: 0, paperNearEnd: 0 };
  let link: SerialLink | null = null;
  let file: FileHandle | null = null;
  let received: number[] = [];
  let waiter: (() => void) | null = null;
  let lastStatus: PrinterStatus | null = null;
  let lastFault: string | null = null;
  let lastFaultAt: string | null = null;
  let condition: PrinterCondition = 'unknown';

  /** A fault's own onChange tells of it; a check that went well tells only of a new condition (near end, cleared). */
  const settle = (next: PrinterCondition): void => {
    if (next === condition) return;
    condition = next;
    options.onChange?.();
  };

  const fault = (what: string, next: PrinterCondition): void => {
    condition = next;
    lastFault = what;
    lastFaultAt = options.now().toISOString();
    options.onChange?.();
  };

  const openSerial = async (): Promise<SerialLink> => {
    if (link?.isOpen) return link;
    const opened = await options.ports.open(config.path, config.baudRate);
    opened.on('data', (chunk) => {
      received.push(...chunk);
      waiter?.();
    });
    opened.on('close', () => {
      if (link === opened) link = null;
    });
    link = opened;
    return opened;
  };

  /** The next status byte, or null after the timeout. Other bytes (noise, echo) are skipped. */
  const readStatusByte = (deadline: number): Promise<number | null> =>
    new Promise((resolve) => {
      const look = (): boolean => {
        while (received.length > 0) {
          const byte = received.shift()!;
          if (isStatusByte(byte)) {
            resolve(byte);
            return true;
          }
        }
        return false;
      };
      if (look()) return;
      const timer = setTimeout(() => {
        waiter = null;
        resolve(null);
      }, Math.max(0, deadline - Date.now()));
      waiter = () => {
        if (look()) {
          clearTimeout(timer);
          waiter = null;
        }
      };
    });

  const write = (target: SerialLink, bytes: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => target.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve())));

  return {
    async check() {
      if (kind === 'file') {
        try {
          file ??= await openDevice(filePath);
          settle('ready');
          return { ready: true, status: null };
        } catch (error) {
          counters.openFailed += 1;
          fault(`open-failed: ${(error as Error).message}`, 'open-failed');
          return { ready: false, fault: 'open-failed', detail: (error as Error).message };
        }
      }
      let target: SerialLink;
      try {
        target = await openSerial();
      } catch (error) {
        counters.openFailed += 1;
        const detail = `${classifyOpenError(error)}: ${(error as Error).message}`;
        fault(`open-failed: ${detail}`, 'open-failed');
        return { ready: false, fault: 'open-failed', detail };
      }
      received = [];
      const deadline = Date.now() + config.statusTimeoutMs;
      try {
        await write(target, ASK_OFFLINE_CAUSE);
        const offlineCause = await readStatusByte(deadline);
        await write(target, ASK_PAPER_SENSOR);
        const paperSensor = offlineCause === null ? null : await readStatusByte(deadline);
        if (offlineCause === null || paperSensor === null) {
          counters.noAnswer += 1;
          fault('no-answer', 'no-answer');
          return { ready: false, fault: 'no-answer', detail: `no status answer within ${config.statusTimeoutMs} ms` };
        }
        lastStatus = parsePrinterStatus(offlineCause, paperSensor);
      } catch (error) {
        counters.writeFailed += 1;
        fault(`write-failed: ${(error as Error).message}`, 'write-failed');
        return { ready: false, fault: 'no-answer', detail: (error as Error).message };
      }
      if (lastStatus.paperNearEnd) counters.paperNearEnd += 1;
      const stop = faultOf(lastStatus);
      if (stop) {
        counters[stop === 'paper-out' ? 'paperOut' : stop === 'cover-open' ? 'coverOpen' : 'offline'] += 1;
        fault(stop, stop === 'offline' ? 'error' : stop);
        return { ready: false, fault: stop, detail: stop };
      }
      settle(lastStatus.paperNearEnd ? 'paper-near-end' : 'ready');
      return { ready: true, status: lastStatus };
    },
    async print(bytes) {
      try {
        if (kind === 'file') {
          file ??= await openDevice(filePath);
          await file.write(bytes);
        } else {
          await write(await openSerial(), bytes);
        }
        counters.printed += 1;
        // A device file is asked nothing: a write that went through is what "ready" means for it.
        if (condition === 'open-failed' || condition === 'write-failed' || condition === 'unknown') condition = 'ready';
        options.onChange?.();
        return true;
      } catch (error) {
        counters.writeFailed += 1;
        fault(`write-failed: ${(error as Error).message}`, 'write-failed');
        await file?.close().catch(() => undefined);
        file = null;
        return false;
      }
    },
    status: () => ({ path: config.path, kind, connected: kind === 'file' ? file !== null : link?.isOpen === true, lastStatus, condition, lastFault, lastFaultAt, counters: { ...counters } }),
    async close() {
      const open = link;
      link = null;
      if (open?.isOpen) await new Promise<void>((resolve) => open.close(() => resolve()));
      await file?.close().catch(() => undefined);
      file = null;
    },
  };
}
