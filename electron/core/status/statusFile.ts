import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What the running host tells `okno doctor` that is not in the journal (counters, health), written
 * as `status.json` in the data directory: throttled, and by rename so a reader never sees half a file.
 */
export const hostStatusSchema = z.object({
  pid: z.number().int(),
  version: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  url: z.string().nullable(),
  storage: z.object({
    available: z.boolean(),
    lastError: z.string().nullable(),
    quarantinedFile: z.string().nullable(),
  }),
  counters: z.record(z.string(), z.number()),
  /** The serial button device's status (buttonDevice.ts), when one is configured. */
  buttons: z.record(z.string(), z.unknown()).nullable().default(null),
  /** The ticket printer's status (receiptPrinter.ts), when one is configured. */
  printer: z.record(z.string(), z.unknown()).nullable().default(null),
  /** The office hub as this host sees it (office/hubConnection.ts, office/ticketDelivery.ts), when `hub` is configured. */
  hub: z
    .object({
      link: z.object({ state: z.string(), problem: z.string().nullable(), lastUpdateAt: z.string().nullable() }),
      delivery: z.object({ state: z.string(), attempt: z.number(), lastError: z.string().nullable() }).nullable(),
    })
    .nullable()
    .default(null),
});
export type HostStatus = z.infer<typeof hostStatusSchema>;
export type HostStatusInput = z.input<typeof hostStatusSchema>;

export const STATUS_FILE = 'status.json';

export interface StatusWriter {
  /** Ask for a write soon; several requests within `minIntervalMs` make one write. */
  request(): void;
  /** Write now (at start and at shutdown). */
  flush(): void;
  close(): void;
}

export function createStatusWriter(dataDir: string, snapshot: () => HostStatusInput, minIntervalMs = 1000): StatusWriter {
  const file = join(dataDir, STATUS_FILE);
  let timer: NodeJS.Timeout | null = null;

  const write = (): void => {
    try {
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(snapshot(), null, 2));
      renameSync(temp, file);
    } catch {
      // A full or read-only disk: the status is a convenience, the journal health already says it.
    }
  };

  return {
    request() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        write();
      }, minIntervalMs);
      timer.unref();
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      write();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export function readHostStatus(dataDir: string, read: (path: string) => string): HostStatus | null {
  try {
    const parsed = hostStatusSchema.safeParse(JSON.parse(read(join(dataDir, STATUS_FILE))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
