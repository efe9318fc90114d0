import type { HostStatusInput } from '../status/statusFile.ts';
import type { UploaderStatus } from '../sync/uploader.ts';
import type { Logger } from './logger.ts';

/**
 * Turns the host status, sampled each time it is written, into log lines for its transitions only:
 * the button device coming and going, a printer fault appearing and clearing, storage lost and
 * back, sync failing, pausing and recovering. A state that does not change writes nothing, so a
 * device left unplugged for a week does not fill the log.
 *
 * The sync state is not in status.json (it lives in the journal), so the host passes the
 * uploader's own status beside the snapshot.
 */
export interface StatusExtras {
  /** `uploader.status()`, or null when sync is not configured. */
  readonly sync?: Pick<UploaderStatus, 'state' | 'lastError'> | null;
}

export type StatusLogger = (snapshot: HostStatusInput, extras?: StatusExtras) => void;

interface Seen {
  buttons: { state: string; path: string | null; lastError: string | null } | null;
  printer: { connected: boolean; faultAt: string | null; faulted: boolean; printed: number } | null;
  storage: { available: boolean; quarantinedFile: string | null };
  sync: { paused: boolean; lastError: string | null };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function logStatusChanges(logger: Logger): StatusLogger {
  const buttonsLog = logger.child({ module: 'buttons' });
  const printerLog = logger.child({ module: 'printer' });
  const storageLog = logger.child({ module: 'storage' });
  const syncLog = logger.child({ module: 'sync' });
  const seen: Seen = {
    buttons: null,
    printer: null,
    storage: { available: true, quarantinedFile: null },
    sync: { paused: false, lastError: null },
  };

  function buttons(status: Record<string, unknown> | null | undefined): void {
    if (!status) return;
    const state = str(status.state) ?? 'unknown';
    // "connecting" is the step between two states (each retry passes through it): not a change.
    if (state === 'connecting') return;
    const now = { state, path: str(status.path) ?? str(status.configuredPath), lastError: str(status.lastError) };
    const before = seen.buttons;
    seen.buttons = now;
    if (before && before.state === now.state && before.lastError === now.lastError && before.path === now.path) return;
    const fields = { path: now.path, ...(now.lastError ? { lastError: now.lastError } : {}) };
    if (before?.state !== now.state) {
      switch (now.state) {
        case 'connected': {
          const device = status.device as { model?: unknown; firmware?: unknown } | null | undefined;
          const model = device ? `${String(device.model)} ${String(device.firmware)}` : null;
          buttonsLog.info({ path: now.path, ...(model ? { device: model } : {}) }, 'button device connected');
          return;
        }
        case 'waiting':
          buttonsLog.warn(fields, before?.state === 'connected' ? 'button device unplugged' : 'button device not available');
          return;
        case 'error':
          buttonsLog.error(fields, 'button device cannot be opened');
          return;
        case 'stopped':
          buttonsLog.info(fields, 'button device stopped');
          return;
        default:
          buttonsLog.warn(fields, `button device ${now.state}`);
          return;
      }
    }
    if (now.lastError) buttonsLog.warn(fields, `button device ${now.state}: ${now.lastError}`);
  }

  function printer(status: Record<string, unknown> | null | undefined): void {
    if (!status) return;
    const path = str(status.path);
    const fault = str(status.lastFault);
    const faultAt = str(status.lastFaultAt);
    const printed = num((status.counters as Record<string, unknown> | undefined)?.printed);
    const connected = status.connected === true;
    const before = seen.printer ?? { connected: false, faultAt: null, faulted: false, printed };
    const now = { connected, faultAt, faulted: before.faulted, printed };
    if (faultAt !== null && faultAt !== before.faultAt && fault) {
      printerLog.warn({ path, fault }, 'printer fault');
      now.faulted = true;
    } else if (before.faulted && printed > before.printed) {
      // The last fault is kept in the status for doctor; a ticket printed after it means it cleared.
      printerLog.info({ path, lastFault: fault }, 'printer printing again');
      now.faulted = false;
    }
    if (connected !== before.connected && seen.printer !== null) {
      if (connected) printerLog.info({ path }, 'printer connected');
      else printerLog.warn({ path }, 'printer disconnected');
    }
    seen.printer = now;
  }

  function storage(status: HostStatusInput['storage']): void {
    const before = seen.storage;
    if (status.available !== before.available) {
      if (status.available) storageLog.info('journal writable again');
      else storageLog.error({ lastError: status.lastError }, 'journal unavailable: ratings and tickets cannot be saved');
    }
    if (status.quarantinedFile && status.quarantinedFile !== before.quarantinedFile) {
      storageLog.error({ quarantinedFile: status.quarantinedFile }, 'damaged journal moved aside; a new journal was started');
    }
    seen.storage = { available: status.available, quarantinedFile: status.quarantinedFile };
  }

  function sync(status: StatusExtras['sync']): void {
    if (!status) return;
    const before = seen.sync;
    const paused = status.state === 'paused';
    const failing = (): void => void syncLog.warn({ error: status.lastError }, 'sync failing; retrying with backoff');
    if (paused) {
      if (!before.paused) syncLog.error({ reason: status.lastError }, 'sync paused: the collector refused the token or the endpoint is wrong (see reason); check sync.token and sync.endpoint');
    } else if (before.paused) {
      syncLog.info('sync resumed');
      if (status.lastError !== null) failing();
    } else if (status.lastError !== before.lastError) {
      if (status.lastError === null) syncLog.info({ lastError: before.lastError }, 'sync recovered');
      else failing();
    }
    seen.sync = { paused, lastError: status.lastError };
  }

  return (snapshot, extras = {}) => {
    // A log line is never worth an exception in the status writer.
    try {
      storage(snapshot.storage);
      buttons(snapshot.buttons);
      printer(snapshot.printer);
      sync(extras.sync);
    } catch (error) {
      logger.warn({ err: error }, 'status changes could not be logged');
    }
  };
}
