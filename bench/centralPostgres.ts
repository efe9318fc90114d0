import { startPostgres, type TestPostgres } from '../tests/helpers/postgres.ts';

/**
 * The central benches' own PostgreSQL, set as a city's operations team would run it on a small
 * machine: durable (fsync, full-page writes and synchronous_commit stay on: a 200 means on disk), a
 * buffer cache sized for the working set, and WAL room so a checkpoint does not land mid-run every
 * minute. Nothing that trades durability for speed.
 */
export const CITY_SETTINGS: Readonly<Record<string, string>> = {
  synchronous_commit: 'on',
  shared_buffers: '1GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '15min',
  wal_compression: 'on',
};

export const startCityPostgres = (): Promise<TestPostgres> => startPostgres({ durable: true, settings: CITY_SETTINGS });
