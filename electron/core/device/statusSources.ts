import type { DeviceMode } from '../../../shared/configRules.ts';
import type { StorageState } from '../../../shared/events.ts';
import type { Clock } from '../clock.ts';
import type { HubLink } from '../office/hubLink.ts';
import type { ReceiptPrinter } from '../printer/receiptPrinter.ts';
import type { ButtonDevice } from '../serial/buttonDevice.ts';
import type { JournalStore, JournalSyncAccess, StorageHealth } from '../store/journalStore.ts';
import { readSyncReport } from '../sync/syncReport.ts';
import { oknoVersion } from '../version.ts';
import type { StatusSources } from './statusReporter.ts';

/** What a device.status of a running `okno serve` reads: its box, printer, journal and hub link. */
export interface StatusParts {
  readonly mode: DeviceMode;
  readonly store: JournalStore & JournalSyncAccess;
  readonly clock: Clock;
  readonly buttons: ButtonDevice | null;
  readonly printer: ReceiptPrinter | null;
  readonly hub: HubLink | null;
}

const PROBLEM_CHARS = 300;

/** A journal never opened is `unavailable`; one that is open but whose last write failed is `failing`. */
export const storageStateOf = (health: StorageHealth): StorageState =>
  health.available ? 'ok' : health.schemaVersion === null ? 'unavailable' : 'failing';

export function deviceStatusSources(parts: StatusParts): StatusSources {
  const { store } = parts;
  return {
    states: () => ({
      buttons: parts.buttons?.status().state ?? 'none',
      printer: parts.printer?.status().condition ?? 'none',
      storage: storageStateOf(store.health()),
      hub: parts.hub?.status().state ?? 'none',
    }),
    details: () => {
      const health = store.health();
      return {
        version: oknoVersion(),
        mode: parts.mode,
        ...backlogOf(parts),
        storageProblem: health.available || health.lastError === null ? null : health.lastError.slice(0, PROBLEM_CHARS),
      };
    },
  };
}

/** The uploader's view, as okno doctor reads it; nothing when the journal cannot be read (the storage state says why). */
function backlogOf(parts: StatusParts): { backlog: number | null; oldestUnsentAt: string | null; clockOffsetMs: number | null } {
  try {
    const report = readSyncReport(parts.store.database(), parts.store.health().schemaVersion ?? 0, parts.clock.now());
    return { backlog: report.pending, oldestUnsentAt: report.oldestPendingAt, clockOffsetMs: report.clockOffsetMs === null ? null : Math.round(report.clockOffsetMs) };
  } catch {
    return { backlog: null, oldestUnsentAt: null, clockOffsetMs: null };
  }
}
