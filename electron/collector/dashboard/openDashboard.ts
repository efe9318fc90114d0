import pg from 'pg';
import { centralAlerts } from '../central/alertStore.ts';
import { centralReadModel } from '../central/centralReadModel.ts';
import { centralDevices } from '../central/deviceList.ts';
import { dashboardAccounts } from './accounts.ts';
import { createDashboard, type Dashboard } from './dashboardPlugin.ts';

/**
 * The dashboard of a collector on PostgreSQL: its accounts, the read model over the rollups, the
 * alerts, and the page, on a small pool of their own, so a manager's question never waits behind
 * devices' batches (and a city's ingest never waits for a report).
 */
export interface DashboardDatabase {
  readonly url: string;
  /** The built page: dist/dashboard. */
  readonly pageDir: string;
  /** The session cookie is `Secure`: people reach the collector over https (TLS here or at a load balancer). */
  readonly secureCookies: boolean;
  readonly log: (line: string) => void;
  /** Connections for the dashboard, per instance (default 4). */
  readonly maxConnections?: number;
}

export interface OpenedDashboard extends Dashboard {
  close(): Promise<void>;
}

export function openDashboard(options: DashboardDatabase): OpenedDashboard {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 5000,
    query_timeout: 30_000,
    application_name: 'okno collector dashboard',
  });
  // A database restart ends idle and busy connections alike: the request in flight answers 503 and
  // the pool takes a new connection next time; without these listeners the process would exit.
  pool.on('error', (error) => options.log(`okno: dashboard database connection lost: ${error.message}`));
  pool.on('connect', (client) => client.on('error', () => undefined));
  const dashboard = createDashboard({
    accounts: dashboardAccounts(pool),
    readModel: centralReadModel(pool, { devices: centralDevices(pool) }),
    alerts: centralAlerts(pool),
    pageDir: options.pageDir,
    secureCookies: options.secureCookies,
    log: options.log,
  });
  return { plugin: dashboard.plugin, counters: () => dashboard.counters(), close: () => pool.end() };
}
