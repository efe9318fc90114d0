import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { startCollector } from './collectorServer.ts';
import { openCollectorStore, type CollectorStore } from './collectorStore.ts';
import { deviceTokens, type DevicesFile } from './deviceTokens.ts';

export interface DemoCollector {
  readonly url: string;
  /** The demo device's token, for the `sync` section of the demo config. */
  readonly token: string;
  readonly dbFile: string;
  close(): Promise<void>;
}

export interface DemoCollectorOf {
  readonly url: string;
  /** Each device's fresh token, by device id, for its `sync` section. */
  readonly tokens: ReadonlyMap<string, string>;
  readonly dbFile: string;
  close(): Promise<void>;
}

/**
 * `okno demo`'s own collector: a database and a devices file under the demo's data directory, a
 * fresh token for the demo device each run, and one console line per batch so the demo shows the
 * events arriving.
 */
export async function startDemoCollector(dataDir: string, deviceId: string, log: (line: string) => void): Promise<DemoCollector> {
  const collector = await startDemoCollectorOf(dataDir, [deviceId], log);
  const token = collector.tokens.get(deviceId);
  if (token === undefined) throw new Error(`the demo collector made no token for ${deviceId}`);
  return { url: collector.url, token, dbFile: collector.dbFile, close: () => collector.close() };
}

/**
 * The same collector for several devices (the office demo: the hub and every device of the office).
 * With `showRatings`, each rating it receives is printed too, with the visit it is linked to: the
 * office demo's point is that the press at window 2 arrives as a rating of that ticket.
 */
export async function startDemoCollectorOf(
  dataDir: string,
  deviceIds: readonly string[],
  log: (line: string) => void,
  options: { readonly showRatings?: boolean } = {},
): Promise<DemoCollectorOf> {
  const dir = join(dataDir, 'collector');
  mkdirSync(dir, { recursive: true });
  const tokens = new Map(deviceIds.map((id) => [id, randomBytes(24).toString('base64url')]));
  const devices: DevicesFile = { devices: Object.fromEntries([...tokens].map(([id, token]) => [id, { token }])) };
  writeFileSync(join(dir, 'devices.json'), `${JSON.stringify(devices, null, 2)}\n`, { mode: 0o600 });
  const dbFile = join(dir, 'collector.db');
  const store = openCollectorStore(dbFile);
  const ratings = options.showRatings ? ratingLines(store) : null;
  const collector = await startCollector({
    store,
    tokens: deviceTokens(devices),
    log,
    onBatch: (batch) => {
      log(`okno: collector received ${batch.events} event(s) from ${batch.deviceId}: ${batch.accepted} new, ${batch.duplicates} duplicate(s); ${store.count(batch.deviceId)} in its database`);
      for (const line of ratings?.(batch.deviceId) ?? []) log(line);
    },
  });
  return {
    url: collector.url,
    tokens,
    dbFile,
    async close() {
      await collector.close();
      store.close();
    },
  };
}

/** The part of a stored event the demo prints: a rating and the visit it is linked to (shared/events.ts). */
const storedRating = z.object({
  type: z.literal('rating.submitted'),
  payload: z.object({
    score: z.number(),
    scale: z.number(),
    window: z.string(),
    ticketNumber: z.string().optional(),
    serviceId: z.string().optional(),
    operatorId: z.string().optional(),
  }),
});

/** One line per rating a device's batches brought since the last look (the store's cursor remembers where). */
function ratingLines(store: CollectorStore): (deviceId: string) => string[] {
  const cursors = new Map<string, number>();
  return (deviceId) => {
    const lines: string[] = [];
    for (const item of store.eventsAfter(deviceId, cursors.get(deviceId) ?? 0)) {
      cursors.set(deviceId, item.cursor);
      const rating = storedRating.safeParse(parsedOrNull(item.event));
      if (!rating.success) continue;
      const { score, scale, window, ticketNumber, serviceId, operatorId } = rating.data.payload;
      const visit = ticketNumber === undefined ? 'not linked to a visit' : `ticket ${ticketNumber}, service ${serviceId ?? '?'}, operator ${operatorId ?? '?'}`;
      lines.push(`okno: collector: rating ${score}/${scale} from ${deviceId} at window ${window} — ${visit}`);
    }
    return lines;
  };
}

/** The collector stored only what parsed as JSON; still, a demo line is not worth a crash. */
function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
