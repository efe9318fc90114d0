import { join } from 'node:path';
import { startCollector, type Collector, type CollectorOptions } from '../../electron/collector/collectorServer.ts';
import type { CollectorStorage } from '../../electron/collector/collectorStorage.ts';
import { openCollectorStore, type CollectorStore } from '../../electron/collector/collectorStore.ts';
import { deviceTokens, sha256 } from '../../electron/collector/deviceTokens.ts';

/** The reference collector in the test's process, on 127.0.0.1, with two devices and an admin token. */
export const DEVICE = 'mfc-tverskoy-w05';
export const TOKEN = 'tverskoy-w05-token-0123456789';
export const OTHER_DEVICE = 'mfc-arbat-w01';
export const OTHER_TOKEN = 'arbat-w01-token-0123456789abc';
export const ADMIN = 'admin-token-0123456789';

export interface TestCollector<S extends CollectorStorage = CollectorStore> {
  readonly collector: Collector;
  readonly store: S;
  readonly logged: string[];
  close(): Promise<void>;
}

export type TestCollectorOptions = Partial<Omit<CollectorOptions, 'tokens' | 'store'>>;

/** On a new SQLite file in `dir`. */
export async function startTestCollector(dir: string, options: TestCollectorOptions = {}): Promise<TestCollector & { readonly dbFile: string }> {
  const dbFile = join(dir, 'collector.db');
  return { ...(await serveTestCollector(openCollectorStore(dbFile), options)), dbFile };
}

/** On the store given (either engine, or a fake); closing the collector ends the store. */
export async function serveTestCollector<S extends CollectorStorage>(store: S, options: TestCollectorOptions = {}): Promise<TestCollector<S>> {
  const tokens = deviceTokens({ devices: { [DEVICE]: { token: TOKEN }, [OTHER_DEVICE]: { tokenSha256: sha256(OTHER_TOKEN).toString('hex') } } });
  const logged: string[] = [];
  const collector = await startCollector({ adminToken: ADMIN, log: (line) => logged.push(line), ...options, store, tokens });
  return {
    collector,
    store,
    logged,
    async close() {
      await collector.close();
      await store.end();
    },
  };
}

/** A UUIDv7-shaped id, different for each n. */
export const eventId = (n: number, prefix = '01936f5e-1111-7000-8000'): string => `${prefix}-${n.toString(16).padStart(12, '0')}`;
export const batchId = (n: number): string => eventId(n, '01936f5e-7a2b-7c3d-8e4f');

/** A batch body as text, from event texts kept as they are (so a test controls every byte). */
export const batchText = (n: number, eventTexts: readonly string[], deviceId = DEVICE): string =>
  `{"deviceId":${JSON.stringify(deviceId)},"batchId":"${batchId(n)}","sentAt":"2026-11-23T10:15:02.120+03:00","events":[${eventTexts.join(',')}]}`;

/** An ordinary event's text with the payload text given. */
export const eventText = (n: number, seq: number, payload = '{"score":5}'): string =>
  `{"id":"${eventId(n)}","seq":${seq},"type":"rating.submitted","occurredAt":"2026-11-23T10:14:58.004+03:00","payload":${payload}}`;
