import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Config } from '../../shared/config.ts';
import { isoWithOffset } from '../core/clock.ts';
import { ConfigError, loadConfigFile } from '../core/config/loadConfig.ts';
import { defaultDataDir, JOURNAL_FILE } from '../core/dataDir.ts';
import { LATEST_SCHEMA_VERSION } from '../core/store/migrations.ts';
import { listQuarantined, requeueQuarantined, type QuarantineEntry } from '../core/sync/outbox.ts';
import { parseCommandArgs } from './usage.ts';

const HELP = `usage: okno sync [--requeue-quarantined] [--config FILE] [--data-dir DIR]

The device's okno-sync/1 outbox. Without an action: lists the batches the collector refused
(kept in the journal's sync_quarantine). Safe while the kiosk runs: it is one short write to the
journal, and the running kiosk sends the requeued batches on its next cycle (or at its next start).

  --requeue-quarantined  send every quarantined batch again, once (after the collector was fixed);
                         each leaves the quarantine when the collector acknowledges it
  --config FILE          also say which requeued batches have no token in this config
                         (their device id is neither device.id nor in sync.previousTokens)
  --data-dir DIR         the kiosk's data directory (default: $OKNO_DATA_DIR or ${defaultDataDir()})

Exit codes: 0 done (also when nothing is quarantined), 1 no journal, a journal this okno's kiosk
has not upgraded yet, or it cannot be written, 2 bad usage, 78 the --config file is invalid.`;

const describe = (entry: QuarantineEntry): string =>
  `  ${entry.batchId}  ${entry.deviceId ?? '?'}  seq ${entry.firstSeq}–${entry.lastSeq} (${entry.count} event(s))  ${entry.reason}` +
  (entry.requeuedAt ? `  [requeued ${entry.requeuedAt}]` : '');

/** Device ids with quarantined batches that the config has no token for: those would wait. */
function withoutToken(entries: readonly QuarantineEntry[], config: Config): string[] {
  const tokens = new Set([...(config.sync ? [config.device.id] : []), ...Object.keys(config.sync?.previousTokens ?? {})]);
  return [...new Set(entries.map((entry) => entry.deviceId ?? '?'))].filter((id) => !tokens.has(id));
}

export async function runSync(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    'requeue-quarantined': { type: 'boolean' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  let config: Config | null = null;
  if (flags.config) {
    try {
      config = loadConfigFile(flags.config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(`okno sync: ${flags.config} is invalid:\n${error.issues.map((issue) => `  - ${issue}`).join('\n')}`);
      return 78;
    }
  }
  const dataDir = flags['data-dir'] ?? defaultDataDir();
  const file = join(dataDir, JOURNAL_FILE);
  if (!existsSync(file)) {
    console.error(`okno sync: no journal at ${file} (the kiosk has not run with this data directory)`);
    return 1;
  }
  // Not openDatabase: no integrity check or recovery here (the running kiosk owns that), and no
  // data-directory lock (this is one short write that the running uploader reads on its next cycle).
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    console.error(`okno sync: cannot open ${file}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      console.error(`okno sync: the journal's schema ${version} is newer than this okno (${LATEST_SCHEMA_VERSION}); use the okno that wrote it`);
      return 1;
    }
    if (version < 2) {
      console.log('nothing quarantined (this journal has never synced)');
      return 0;
    }
    // The requeue mark is schema 4. Upgrading here could lock out an older kiosk running on this file
    // (it refuses a newer schema), so the kiosk of this version upgrades it, at its start.
    if (version < 4) {
      console.error(`okno sync: the journal is at schema ${version}; start the kiosk of this okno once (it upgrades the journal to ${LATEST_SCHEMA_VERSION}), then run this again`);
      return 1;
    }
    const entries = listQuarantined(db);
    if (!flags['requeue-quarantined']) {
      console.log(entries.length === 0 ? 'nothing quarantined' : [`${entries.length} quarantined batch(es):`, ...entries.map(describe)].join('\n'));
      return 0;
    }
    const at = isoWithOffset(new Date(), config?.device.timezone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'));
    const marked = requeueQuarantined(db, at);
    if (marked.batches === 0) {
      console.log(entries.length === 0 ? 'nothing quarantined' : 'every quarantined batch is requeued already; the kiosk sends them on its next cycle');
      return 0;
    }
    console.log(
      `requeued ${marked.batches} batch(es), ${marked.events} event(s): the running kiosk sends them on its next cycle (within sync.intervalSeconds), else at its next start`,
    );
    const missing = config ? withoutToken(entries, config) : [];
    if (missing.length > 0) console.log(`note: no token for ${missing.map((id) => `"${id}"`).join(', ')} in ${flags.config}: those wait until sync.previousTokens has it`);
    return 0;
  } catch (error) {
    console.error(`okno sync: the journal ${file} cannot be written: ${(error as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}
