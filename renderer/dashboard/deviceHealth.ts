import type { DeviceHealth } from '../../shared/central/dashboardApi.ts';

/**
 * What is wrong with a device, as the health table marks it. The limits are the alert rules'
 * defaults (docs/central.md): silent over an hour, the clock off by more than 60 s. The page names
 * each problem in words beside its highlight, so the colour is never the only signal.
 */

export const SILENT_AFTER_MS = 60 * 60 * 1000;
export const CLOCK_LIMIT_MS = 60 * 1000;

export type DeviceProblem = 'silent' | 'no-status' | 'paper-out' | 'paper-low' | 'printer' | 'buttons' | 'clock' | 'storage' | 'backlog';

/** A backlog worth a look on the health table (the backlog alert's limit is the collector's). */
export const BACKLOG_NOTICE = 100;

const PRINTER_FAULTS = new Set(['cover-open', 'error', 'no-answer', 'open-failed', 'write-failed']);
const BOX_FAULTS = new Set(['waiting', 'error']);

export function deviceProblems(device: DeviceHealth, nowMs: number): DeviceProblem[] {
  const problems: DeviceProblem[] = [];
  const lastSeen = Date.parse(device.lastSeenAt);
  if (!Number.isFinite(lastSeen) || nowMs - lastSeen > SILENT_AFTER_MS) problems.push('silent');
  const status = device.status;
  if (status === null) return [...problems, 'no-status'];
  if (status.printer === 'paper-out') problems.push('paper-out');
  else if (status.printer === 'paper-near-end') problems.push('paper-low');
  else if (PRINTER_FAULTS.has(status.printer)) problems.push('printer');
  if (BOX_FAULTS.has(status.buttons)) problems.push('buttons');
  if (status.clockOffsetMs !== null && Math.abs(status.clockOffsetMs) > CLOCK_LIMIT_MS) problems.push('clock');
  if (status.storage !== 'ok') problems.push('storage');
  if (status.backlog !== null && status.backlog >= BACKLOG_NOTICE) problems.push('backlog');
  return problems;
}
