/**
 * ESC/POS real-time status (DLE EOT n), asked before every ticket. Each answer is one byte whose
 * fixed bits (0 and 7 clear, 1 and 4 set) tell a status byte from noise. Pure.
 */
export const ASK_OFFLINE_CAUSE = Uint8Array.of(0x10, 0x04, 0x02);
export const ASK_PAPER_SENSOR = Uint8Array.of(0x10, 0x04, 0x04);

export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

export interface PrinterStatus {
  readonly coverOpen: boolean;
  readonly paperOut: boolean;
  readonly paperNearEnd: boolean;
  /** Stopped by an error the printer reports (cutter jam, overheating…). */
  readonly error: boolean;
}

export function parsePrinterStatus(offlineCause: number, paperSensor: number): PrinterStatus {
  return {
    coverOpen: (offlineCause & 0x04) !== 0,
    paperOut: (offlineCause & 0x20) !== 0 || (paperSensor & 0x60) === 0x60,
    paperNearEnd: (paperSensor & 0x0c) === 0x0c,
    error: (offlineCause & 0x40) !== 0,
  };
}

export type PrinterFaultKind = 'paper-out' | 'cover-open' | 'offline';

/** What stops printing, or null when a ticket can be printed. Near-end still prints. */
export function faultOf(status: PrinterStatus): PrinterFaultKind | null {
  if (status.coverOpen) return 'cover-open';
  if (status.paperOut) return 'paper-out';
  if (status.error) return 'offline';
  return null;
}

/** The answer a printer in this state gives to DLE EOT 2 and DLE EOT 4 (the simulator speaks it). */
export function statusBytes(status: Partial<PrinterStatus>): [offlineCause: number, paperSensor: number] {
  const offline = 0x12 | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0) | (status.error ? 0x40 : 0);
  const paper = 0x12 | (status.paperNearEnd || status.paperOut ? 0x0c : 0) | (status.paperOut ? 0x60 : 0);
  return [offline, paper];
}
