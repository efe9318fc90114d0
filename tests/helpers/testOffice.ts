import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../electron/collector/collectorServer.ts';
import { openCollectorStore, type CollectorStore } from '../../electron/collector/collectorStore.ts';
import { deviceTokens } from '../../electron/collector/deviceTokens.ts';
import type { ConfigInput } from '../../shared/config.ts';
import { z } from 'zod';
import { commandAnswerSchema, OFFICE_PATHS, type CommandAnswer, type CommandBody, type DeliveredTicket } from '../../shared/office/officeProtocol.ts';
import { officeSnapshotSchema, type OfficeSnapshot } from '../../shared/office/officeSnapshot.ts';
import { consoleOf, DISPENSER, officeConfig, startHubProcess, TIMEZONE, tokenOf, writeConfig, type HubProcess } from '../integration/hub/hubFixtures.ts';
import { callHub } from './officeContract.ts';
import { startServe, type ServeProcess } from './okno.ts';

/**
 * A whole office on 127.0.0.1 for the integration and end-to-end tests: a real `okno hub` child
 * (config with device tokens and operators' PIN hashes, from hubFixtures), the device configs of its
 * faces (each with the hub's pinned fingerprint and its own token), and `okno serve` for each face.
 * The hub can be SIGKILLed and started again on the same port and data directory, as a crash and a
 * restart by systemd would.
 */

export { DISPENSER, PIN, operatorOf, consoleOf, tokenOf } from '../integration/hub/hubFixtures.ts';
export const BOARD = 'hall-board';
export const terminalOf = (window: number): string => `terminal-${window}`;
export const OFFICE_NAME = 'МФЦ тест';

/** Where a face sends its journal upstream (okno-sync/1), with timings that make a test take seconds. */
export interface SyncTarget {
  readonly endpoint: string;
  readonly token: string;
}
const syncSection = (target: SyncTarget) => ({ ...target, intervalSeconds: 1, timeoutSeconds: 3, backoffMinSeconds: 0.02, backoffMaxSeconds: 0.25 });

export interface TestOffice {
  readonly dir: string;
  readonly hubDataDir: string;
  readonly hubConfigPath: string;
  /** The running hub; throws while it is down. */
  hub(): HubProcess;
  /** Starts the hub: a free port the first time, the same port (and data directory) after. */
  startHub(): Promise<HubProcess>;
  /** SIGKILL: no clean shutdown, as a power cut or the OOM killer. */
  killHub(): Promise<void>;
  /** The device's `hub` section: the hub's URL, this device's token, the pinned fingerprint. */
  hubSection(deviceId: string): NonNullable<ConfigInput['hub']>;
  /** Writes `config` as the device's config.json and runs `okno serve` on it (its data in DIR/deviceId/data). */
  serve(deviceId: string, config: ConfigInput): Promise<ServeProcess>;
  /** The hub's whole state, as a hall board reads it (from the running hub unless `via` names another). */
  state(via?: HubProcess): Promise<OfficeSnapshot>;
  /** A queue command at a window, as that window's console sends it. */
  command(window: number, body: CommandBody, via?: HubProcess): Promise<CommandAnswer>;
  signIn(window: number, operatorId: string, pin: string, via?: HubProcess): Promise<CommandAnswer>;
  /** Tickets delivered as the hall's dispenser delivers them. */
  deliver(tickets: readonly DeliveredTicket[]): Promise<void>;
  /** Stops every face started here (SIGTERM), then the hub. */
  close(): Promise<void>;
}

export async function startTestOffice(dir: string, options: { readonly windows?: number; readonly sync?: SyncTarget; readonly officeId?: string } = {}): Promise<TestOffice> {
  const base = await officeConfig(options.windows ?? 2);
  const hubConfig = writeConfig(dir, {
    ...base,
    office: { ...base.office, id: options.officeId ?? base.office.id },
    ...(options.sync ? { sync: syncSection(options.sync) } : {}),
  });
  const hubDataDir = join(dir, 'hub-data');
  const faces: ServeProcess[] = [];
  let running: HubProcess | null = null;
  let port = 0;
  let fingerprint: string | null = null;

  const hub = (): HubProcess => {
    if (!running) throw new Error('the hub is not running');
    return running;
  };
  const office: TestOffice = {
    dir,
    hubDataDir,
    hubConfigPath: hubConfig,
    hub,
    async startHub() {
      if (running) throw new Error('the hub is running already');
      running = await startHubProcess(['--config', hubConfig, '--data-dir', hubDataDir, '--port', String(port)]);
      port = running.port;
      if (fingerprint !== null && running.fingerprint !== fingerprint) throw new Error('the hub came back with another certificate');
      fingerprint = running.fingerprint;
      return running;
    },
    async killHub() {
      await hub().kill();
      running = null;
    },
    hubSection(deviceId) {
      if (fingerprint === null || port === 0) throw new Error('start the hub first: a device pins its fingerprint');
      return { url: `https://127.0.0.1:${port}/`, token: tokenOf(deviceId), fingerprint };
    },
    async serve(deviceId, config) {
      const home = join(dir, deviceId);
      mkdirSync(home, { recursive: true });
      const configPath = join(home, 'config.json');
      writeFileSync(configPath, JSON.stringify(config, null, 2));
      const face = await startServe(['--config', configPath, '--data-dir', join(home, 'data')]);
      faces.push(face);
      return face;
    },
    async state(current = hub()) {
      return officeSnapshotSchema.parse((await callHub(current.url, current.fingerprint, OFFICE_PATHS.state, { token: tokenOf(BOARD) })).json);
    },
    async command(window, body, current = hub()) {
      return commandAnswerSchema.parse((await callHub(current.url, current.fingerprint, OFFICE_PATHS.command, { token: tokenOf(consoleOf(window)), body })).json);
    },
    async signIn(window, operatorId, pin, current = hub()) {
      return commandAnswerSchema.parse((await callHub(current.url, current.fingerprint, OFFICE_PATHS.signIn, { token: tokenOf(consoleOf(window)), body: { operatorId, pin } })).json);
    },
    async deliver(tickets) {
      const current = hub();
      const answer = await callHub(current.url, current.fingerprint, OFFICE_PATHS.tickets, { token: tokenOf(DISPENSER), body: { deviceId: DISPENSER, tickets } });
      if (answer.status !== 200) throw new Error(`the hub refused the tickets: ${answer.text}`);
    },
    async close() {
      for (const face of faces.splice(0).reverse()) await face.stop();
      if (running) await running.stop();
      running = null;
    },
  };
  await office.startHub();
  return office;
}

// ---- the faces' configs ----

const PASSPORT = { id: 'passport', prefix: 'П', range: [1, 499] as [number, number], name: { ru: 'Паспорт', en: 'Passport' } };

/** The hall's ticket dispenser: the office's passport service, the office's time zone (the hub's day). */
export function dispenserConfig(office: TestOffice): ConfigInput {
  return {
    device: { id: DISPENSER, office: OFFICE_NAME, window: 'зал', mode: 'tickets', timezone: TIMEZONE },
    queue: { services: [PASSPORT] },
    hub: office.hubSection(DISPENSER),
  };
}

/** The operator's console at `window`. */
export function consoleConfig(office: TestOffice, window: number): ConfigInput {
  return {
    device: { id: consoleOf(window), office: OFFICE_NAME, window: String(window), mode: 'operator', timezone: TIMEZONE },
    ui: { locale: 'ru', locales: ['ru', 'en'] },
    hub: office.hubSection(consoleOf(window)),
  };
}

/** The hall board. */
export function boardConfig(office: TestOffice): ConfigInput {
  return {
    device: { id: BOARD, office: OFFICE_NAME, window: 'зал', mode: 'hall', timezone: TIMEZONE },
    ui: { locale: 'ru', locales: ['ru', 'en'] },
    hub: office.hubSection(BOARD),
  };
}

/** The rating terminal at `window`, with a serial button box at `buttonsPath` and its journal sent to `sync`. */
export function terminalConfig(office: TestOffice, window: number, options: { readonly buttonsPath?: string; readonly sync?: SyncTarget } = {}): ConfigInput {
  return {
    device: { id: terminalOf(window), office: OFFICE_NAME, window: String(window), mode: 'rating', timezone: TIMEZONE },
    rating: { scale: 5, cooldownSeconds: 60, thanksSeconds: 1, followUp: { enabled: false } },
    // debounceMs 0: the test presses once; debounce has its own tests.
    ...(options.buttonsPath ? { buttons: { path: options.buttonsPath, debounceMs: 0 } } : {}),
    ...(options.sync ? { sync: syncSection(options.sync) } : {}),
    hub: office.hubSection(terminalOf(window)),
  };
}

// ---- the central collector the office reports to ----

export const ADMIN_TOKEN = 'office-admin-token-0123456789';
export const collectorTokenOf = (deviceId: string): string => `collector-token-of-${deviceId}-0123456789`;

export interface OfficeCollector {
  readonly collector: Collector;
  readonly store: CollectorStore;
  target(deviceId: string): SyncTarget;
  /** Every event the collector holds for the device, read through its export (GET /v1/devices/{id}/events). */
  exported(deviceId: string): Promise<ExportedEvent[]>;
  close(): Promise<void>;
}

const exportedEventSchema = z.object({ id: z.string(), seq: z.number(), type: z.string(), payload: z.record(z.string(), z.unknown()) });
export type ExportedEvent = z.infer<typeof exportedEventSchema>;
const exportPageSchema = z.object({ items: z.array(z.object({ event: exportedEventSchema })), nextAfter: z.number().nullable() });

/** The reference collector in the test's process, on 127.0.0.1, knowing the given devices. */
export async function startOfficeCollector(dir: string, deviceIds: readonly string[]): Promise<OfficeCollector> {
  const store = openCollectorStore(join(dir, 'collector.db'));
  const tokens = deviceTokens({ devices: Object.fromEntries(deviceIds.map((id) => [id, { token: collectorTokenOf(id) }])) });
  const collector = await startCollector({ adminToken: ADMIN_TOKEN, store, tokens });
  return {
    collector,
    store,
    target: (deviceId) => ({ endpoint: collector.url, token: collectorTokenOf(deviceId) }),
    async exported(deviceId) {
      const events: ExportedEvent[] = [];
      let after: number | null = 0;
      // Bounded: one page per 1000 events is far more than any test sends.
      for (let page = 0; after !== null && page < 100; page += 1) {
        const response = await fetch(new URL(`v1/devices/${encodeURIComponent(deviceId)}/events?after=${after}`, collector.url), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        if (response.status !== 200) throw new Error(`the collector's export answered ${response.status}: ${await response.text()}`);
        const body = exportPageSchema.parse(await response.json());
        events.push(...body.items.map((item) => item.event));
        after = body.nextAfter;
      }
      return events;
    },
    async close() {
      await collector.close();
      store.close();
    },
  };
}

// ---- what a face shows, read from its browser host (GET /api/state) ----

const connectionSchema = z.object({ state: z.enum(['connected', 'connecting', 'refused']), problem: z.string().nullable() });
const callSchema = z.object({ number: z.string(), window: z.string(), windowLabel: z.string() });
const officeFaceSchema = z.object({
  connection: connectionSchema,
  staleSince: z.string().nullable(),
  synced: z.boolean(),
  services: z.array(z.object({ id: z.string(), waiting: z.number() })),
});
const faceStateSchema = z.object({
  operator: officeFaceSchema.extend({ window: z.object({ status: z.string(), current: z.object({ number: z.string(), phase: z.string() }).nullable() }).nullable() }).nullable(),
  hall: officeFaceSchema.extend({ current: callSchema.nullable(), recent: z.array(callSchema) }).nullable(),
});
export type FaceState = z.infer<typeof faceStateSchema>;

/** The part of a console's or a board's state these tests read, as its browser host serves it to the page. */
export async function faceState(face: ServeProcess): Promise<FaceState> {
  const response = await fetch(new URL('api/state', face.url));
  if (response.status !== 200) throw new Error(`GET /api/state answered ${response.status}`);
  return faceStateSchema.parse(await response.json());
}
