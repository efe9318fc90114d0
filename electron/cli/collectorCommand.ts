import { isIP } from 'node:net';
import pg from 'pg';
import { AlertRulesFileError, loadAlertRules } from '../collector/central/alertRulesFile.ts';
import { DEFAULT_ALERT_INTERVAL_MS, startAlertEvaluator, type AlertEvaluator } from '../collector/central/alertEvaluator.ts';
import { centralProjections } from '../collector/central/projections.ts';
import { startCollector } from '../collector/collectorServer.ts';
import { CollectorStoreError } from '../collector/collectorMigrations.ts';
import { StorageUnavailableError } from '../collector/collectorStorage.ts';
import { DevicesFileError, loadDevicesFile } from '../collector/deviceTokens.ts';
import { chooseStorage, openStorage } from '../collector/openStorage.ts';
import { openDashboard, type OpenedDashboard } from '../collector/dashboard/openDashboard.ts';
import { runCollectorUser } from './collectorUserCommand.ts';
import { dashboardDir, untilSignal } from './serveCommand.ts';
import { parseCommandArgs, parsePort, UsageError } from './usage.ts';

const HELP = `usage: okno collector (--db FILE | --store postgres://…) --devices FILE [--port N] [--host ADDR] [--admin-token T]
                      [--alerts FILE] [--secure-cookies] [--trust-proxy ADDRS] [--max-body-bytes N] [--quiet]
       okno collector user add|remove|list …   the dashboard's accounts ("okno collector user --help")

The reference collector of okno-sync/1 (docs/protocol-sync.md): receives the devices' batches on
POST /v1/batches, keeps each event once in its store, and prints
"okno: collector listening http://HOST:PORT/" when ready.

  --db FILE          the collector's SQLite file (created if missing): one office, a trial
  --store URL        postgres://user@host:port/database instead: a city, any number of
                     collector instances on one database (docs/central.md); the password may
                     come from $PGPASSWORD
  --devices FILE     JSON: { "devices": { "<device id>": { "token": "…" } | { "tokenSha256": "<hex>" } } };
                     each may name its "office" (the dashboard groups by it)
  --port N           port to listen on; 0 or none: a free port
  --host ADDR        address to listen on (default 127.0.0.1)
  --admin-token T    enables GET /v1/devices/{id}/events?after=CURSOR (export, paged by the
                     collector's cursor) with "Authorization: Bearer T";
                     also read from $OKNO_COLLECTOR_ADMIN_TOKEN
  --alerts FILE      JSON: the alert rules of the dashboard (docs/central.md, "Alerts"); without
                     it, the defaults. Alerts are kept with --store postgres://… only
  --secure-cookies   the dashboard's session cookie is marked Secure: set it when people reach
                     the collector over https (the collector speaks plain HTTP: TLS ends at a
                     load balancer or reverse proxy in front of it)
  --trust-proxy ADDRS
                     behind a load balancer: its addresses or networks, comma-separated
                     (10.0.0.0/8,192.168.1.5); a request from one of them gives the client's
                     address in X-Forwarded-For (the dashboard's login limit is per address).
                     Only these are believed, so a client cannot name an address of its choice
  --max-body-bytes N body limit, compressed and decompressed (default 1048576)
  --quiet            no line per batch`;

/** `--trust-proxy 10.0.0.0/8,192.168.1.5`: addresses or CIDR networks (proxy-addr's forms, which Fastify uses). */
export function parseTrustedProxies(text: string): string[] {
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || rest.length > 0) {
      throw new UsageError(`--trust-proxy: "${entry}" is not an IP address or network (e.g. 10.0.0.0/8,192.168.1.5)`);
    }
  }
  return entries;
}

export async function runCollector(args: string[]): Promise<number> {
  if (args[0] === 'user') return runCollectorUser(args.slice(1));
  const flags = parseCommandArgs(args, {
    db: { type: 'string' },
    store: { type: 'string' },
    devices: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'admin-token': { type: 'string' },
    alerts: { type: 'string' },
    'secure-cookies': { type: 'boolean' },
    'trust-proxy': { type: 'string' },
    'max-body-bytes': { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const choice = chooseStorage(flags);
  if (typeof choice === 'string') throw new UsageError(choice);
  if (!flags.devices) throw new UsageError('--devices FILE is required (which device may send with which token)');
  const maxBodyBytes = flags['max-body-bytes'] === undefined ? undefined : Number(flags['max-body-bytes']);
  if (maxBodyBytes !== undefined && (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024)) throw new UsageError('--max-body-bytes must be an integer ≥ 1024');
  let tokens;
  try {
    tokens = loadDevicesFile(flags.devices);
  } catch (error) {
    if (error instanceof DevicesFileError) {
      console.error(`okno: ${error.message}`);
      return 78;
    }
    throw error;
  }
  let rules;
  try {
    rules = loadAlertRules(flags.alerts);
  } catch (error) {
    if (error instanceof AlertRulesFileError) {
      console.error(`okno: ${error.message}`);
      return 78;
    }
    throw error;
  }
  const trustProxy = flags['trust-proxy'] === undefined ? undefined : parseTrustedProxies(flags['trust-proxy']);
  const adminToken = flags['admin-token'] ?? process.env.OKNO_COLLECTOR_ADMIN_TOKEN;
  let store;
  try {
    store = await openStorage(choice, (line) => console.error(line), centralProjections(rules));
  } catch (error) {
    if (error instanceof CollectorStoreError || error instanceof StorageUnavailableError) {
      console.error(`okno: ${error.message}`);
      return 1;
    }
    throw error;
  }
  // The dashboard at /dashboard needs the city's database: with SQLite, /dashboard says so.
  const log = (line: string): void => console.error(line);
  let dashboard: OpenedDashboard | null = null;
  if (choice.engine === 'postgres') dashboard = openDashboard({ url: choice.url, pageDir: dashboardDir(), secureCookies: flags['secure-cookies'] === true, log });
  const collector = await startCollector({
    store,
    tokens,
    ...(dashboard ? { dashboard: dashboard.plugin, dashboardCounters: () => ({ ...dashboard.counters() }) } : {}),
    ...(trustProxy ? { trustProxy } : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(flags.host ? { host: flags.host } : {}),
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    port: parsePort(flags.port),
    log: (line) => console.error(line),
    onBatch: flags.quiet
      ? undefined
      : (batch) => console.log(`okno: collector batch ${batch.batchId} from ${batch.deviceId}: ${batch.accepted} accepted, ${batch.duplicates} duplicates`),
  });
  // The time-based alert rules (a silent device, an office's day) run in every instance; the
  // database lets one evaluate at a time. Their own small pool: an evaluation never waits for batches.
  let evaluator: { readonly pool: pg.Pool; readonly timer: AlertEvaluator } | null = null;
  if (choice.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: choice.url, max: 1, application_name: 'okno collector alerts' });
    pool.on('error', (error) => console.error(`okno: alert evaluator database connection lost: ${error.message}`));
    evaluator = { pool, timer: startAlertEvaluator({ pool, rules, intervalMs: DEFAULT_ALERT_INTERVAL_MS, log }) };
  }
  const stopped = untilSignal();
  console.log(`okno: collector listening ${collector.url}`);
  await stopped;
  await evaluator?.timer.close();
  await evaluator?.pool.end();
  await collector.close();
  await dashboard?.close();
  await store.end();
  return 0;
}
