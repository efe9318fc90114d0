import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_FILE } from '../dataDir.ts';
import { logDir } from '../logging/logger.ts';
import { readLogTail } from '../logging/readLogTail.ts';
import { readHostStatus, type HostStatus } from '../status/statusFile.ts';
import { openDatabase } from '../store/openDatabase.ts';
import { LATEST_SCHEMA_VERSION } from '../store/migrations.ts';
import { EMPTY_SYNC_REPORT, formatSyncLine, readSyncReport, type SyncReport } from '../sync/syncReport.ts';
import { readEventsOfDay, type EventsOfDay } from './eventsOfDay.ts';
import { isProcessAlive } from '../processAlive.ts';
import { EMPTY_HUB_REPORT, HUB_ANNOUNCEMENTS_TARGET, readHubDeliveryReport, type HubDeliveryReport } from '../office/deliveryOutbox.ts';

/**
 * What `okno doctor` reports. Read straight from the journal (read-only, safe while the kiosk runs)
 * and from the status file the running host keeps. The `--json` shape is a contract for scripts:
 * add fields, rename none.
 */
export interface DoctorReport {
  readonly dataDir: string;
  readonly journalFile: string;
  readonly schemaVersion: number | null;
  readonly supportedSchemaVersion: number;
  readonly databaseBytes: number | null;
  readonly events: { readonly total: number; readonly byType: Record<string, number> };
  readonly ratings: { readonly submitted: number; readonly suppressed: number; readonly byScore: Record<string, number> };
  /** `pending` and `lastSuccessAt` are the original contract; the rest is documented in docs/doctor.md. */
  readonly sync: SyncReport;
  /**
   * The office hub: the dispenser's tickets not yet delivered (from the journal), and the link and the
   * delivery as the running host sees them (null when it is not running or has no hub).
   */
  /** The tickets' delivery at the top (a dispenser), the hall board's announcements' in `announcements`. */
  readonly hub: HubDeliveryReport & { readonly announcements: HubDeliveryReport; readonly link: { readonly state: string; readonly problem: string | null; readonly lastUpdateAt: string | null } | null; readonly delivery: { readonly state: string; readonly attempt: number; readonly lastError: string | null } | null };
  readonly storage: { readonly ok: boolean; readonly problem: string | null; readonly quarantinedFile: string | null };
  /** The running host, if its status file is there; `running` says whether its process is alive. */
  readonly host: (HostStatus & { readonly running: boolean }) | null;
  readonly counters: Record<string, number>;
  /** The serial button device as the running host sees it (state, last line, counters), or null. */
  readonly buttons: Record<string, unknown> | null;
  /** The ticket printer as the running host sees it (last status, last fault, counters), or null. */
  readonly printer: Record<string, unknown> | null;
  /** Ticket dispenser: tickets issued, and the counters of the latest local day by service. */
  readonly tickets: { readonly issued: number; readonly day: string | null; readonly byService: Record<string, { readonly lastNumber: number; readonly issued: number }> };
  readonly needsTechnician: boolean;
  /** Events of the local day (the config's device.timezone, else the system's), or null without a journal. */
  readonly today: EventsOfDay | null;
  /** The log directory (`<dataDir>/logs`) and its last lines, oldest first, formatted for people (docs/logging.md). */
  readonly logDir: string;
  readonly logTail: string[];
}

export interface DoctorOptions {
  /** The time zone of "today" (config device.timezone); default: the system's. */
  readonly timeZone?: string;
  /** How many log lines to include (default 20; 0: none). */
  readonly logLines?: number;
}

export const DEFAULT_DOCTOR_LOG_LINES = 20;

const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function buildDoctorReport(dataDir: string, now: Date = new Date(), options: DoctorOptions = {}): DoctorReport {
  const journalFile = join(dataDir, JOURNAL_FILE);
  const status = readHostStatus(dataDir, (path) => readFileSync(path, 'utf8'));
  const host = status ? { ...status, running: isProcessAlive(status.pid) } : null;
  const empty = { total: 0, byType: {} as Record<string, number> };
  let schemaVersion: number | null = null;
  let events = empty;
  let byScore: Record<string, number> = {};
  let sync: SyncReport = EMPTY_SYNC_REPORT;
  let hubDelivery: HubDeliveryReport = EMPTY_HUB_REPORT;
  let announcementDelivery: HubDeliveryReport = EMPTY_HUB_REPORT;
  let tickets: DoctorReport['tickets'] = { issued: 0, day: null, byService: {} };
  let today: EventsOfDay | null = null;
  let problem: string | null = null;

  if (!existsSync(journalFile)) {
    problem = `no journal at ${journalFile} (the kiosk has not run with this data directory)`;
  } else {
    try {
      const { db } = openDatabase({ file: journalFile, readonly: true });
      try {
        schemaVersion = db.pragma('user_version', { simple: true }) as number;
        if (schemaVersion > LATEST_SCHEMA_VERSION) {
          problem = `journal schema ${schemaVersion} is newer than this okno (${LATEST_SCHEMA_VERSION})`;
        } else {
          const byType: Record<string, number> = {};
          let total = 0;
          for (const row of db.prepare('SELECT type, count(*) AS n FROM events GROUP BY type').all() as { type: string; n: number }[]) {
            byType[row.type] = row.n;
            total += row.n;
          }
          events = { total, byType };
          byScore = Object.fromEntries(
            (
              db
                .prepare("SELECT json_extract(payload, '$.score') AS score, count(*) AS n FROM events WHERE type = 'rating.submitted' GROUP BY score ORDER BY score")
                .all() as { score: number; n: number }[]
            ).map((row) => [String(row.score), row.n]),
          );
          sync = readSyncReport(db, schemaVersion, now);
          hubDelivery = readHubDeliveryReport(db, schemaVersion);
          announcementDelivery = readHubDeliveryReport(db, schemaVersion, HUB_ANNOUNCEMENTS_TARGET);
          if (schemaVersion >= 3) tickets = readTickets(db, events.byType['ticket.issued'] ?? 0);
          today = eventsOfDayOrNull(db, now, options.timeZone ?? systemTimeZone());
        }
      } finally {
        db.close();
      }
    } catch (error) {
      problem = (error as Error).message;
    }
  }

  const hostStorageProblem = host?.running && !host.storage.available ? host.storage.lastError ?? 'storage unavailable' : null;
  const storageProblem = hostStorageProblem ?? problem;
  const hubStatus = host?.running ? host.hub : null;
  const hub: DoctorReport['hub'] = { ...hubDelivery, announcements: announcementDelivery, link: hubStatus?.link ?? null, delivery: hubStatus?.delivery ?? null };
  // A refusing hub (wrong fingerprint, unknown token, a 4xx on the tickets) is a configuration problem.
  const hubRefused = hub.link?.state === 'refused' || hub.delivery?.state === 'refused';
  return {
    dataDir,
    journalFile,
    schemaVersion,
    supportedSchemaVersion: LATEST_SCHEMA_VERSION,
    databaseBytes: existsSync(journalFile) ? statSync(journalFile).size : null,
    events,
    ratings: { submitted: events.byType['rating.submitted'] ?? 0, suppressed: events.byType['rating.suppressed'] ?? 0, byScore },
    sync,
    hub,
    storage: { ok: storageProblem === null, problem: storageProblem, quarantinedFile: host?.storage.quarantinedFile ?? null },
    host,
    counters: host?.counters ?? {},
    buttons: host?.running ? host.buttons : null,
    printer: host?.running ? host.printer : null,
    tickets,
    // A refused token stops all shipping; refused batches are data the centre does not have.
    needsTechnician: storageProblem !== null || sync.paused !== null || sync.quarantinedBatches > 0 || hubRefused,
    today,
    logDir: logDir(dataDir),
    logTail: readLogTail(logDir(dataDir), Math.max(0, options.logLines ?? DEFAULT_DOCTOR_LOG_LINES)),
  };
}

/** A config file doctor was asked to check (`--config`). */
export interface ConfigCheck {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** The human-readable report: what a technician reads on site. */
export function formatDoctorReport(report: DoctorReport & { readonly config?: ConfigCheck }): string {
  const lines = [
    `okno doctor — ${report.dataDir}`,
    `  host:        ${report.host ? `${report.host.running ? 'running' : 'not running'} (pid ${report.host.pid}, v${report.host.version}${report.host.url ? `, ${report.host.url}` : ''})` : 'no status file'}`,
    `  storage:     ${report.storage.ok ? 'ok' : `PROBLEM: ${report.storage.problem}`}`,
    `  journal:     ${report.journalFile} (schema ${report.schemaVersion ?? '—'}/${report.supportedSchemaVersion}, ${report.databaseBytes ?? 0} bytes)`,
    `  events:      ${report.events.total}`,
    ...Object.entries(report.events.byType).map(([type, n]) => `    ${type.padEnd(20)} ${n}`),
    `  today:       ${describeToday(report.today)}`,
    `  ratings:     ${report.ratings.submitted} submitted, ${report.ratings.suppressed} suppressed (extra presses in one visit)`,
    `  sync:        ${formatSyncLine(report.sync)}`,
    `  hub:         ${describeHub(report.hub)}`,
    `  counters:    ${Object.entries(report.counters).map(([k, v]) => `${k}=${v}`).join(' ') || '—'}`,
    `  buttons:     ${describeButtons(report.buttons)}`,
    `  printer:     ${describePrinter(report.printer)}`,
    `  tickets:     ${report.tickets.issued} issued${report.tickets.day ? `; ${report.tickets.day}: ${Object.entries(report.tickets.byService).map(([id, c]) => `${id} last №${c.lastNumber} (${c.issued})`).join(', ')}` : ''}`,
  ];
  if (report.storage.quarantinedFile) lines.push(`  recovered:   damaged journal kept as ${report.storage.quarantinedFile}`);
  if (report.config && !report.config.ok) lines.push(`  config:      INVALID`, ...report.config.problems.map((p) => `    - ${p}`));
  if (report.needsTechnician) lines.push('  => the device needs a technician (see docs/errors.md)');
  lines.push('', `Last log lines (${report.logDir}):`);
  if (report.logTail.length === 0) lines.push('  (none)');
  else lines.push(...report.logTail.map((line) => `  ${line}`));
  return lines.join('\n');
}

function eventsOfDayOrNull(db: import('better-sqlite3').Database, now: Date, timeZone: string): EventsOfDay | null {
  try {
    return readEventsOfDay(db, now, timeZone);
  } catch {
    // An unknown time zone (a broken config) must not make the journal look damaged.
    return null;
  }
}

function describeToday(today: EventsOfDay | null): string {
  if (!today) return '—';
  const byType = Object.entries(today.byType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  return `${today.day} (${today.timeZone}): ${today.total} event(s)${byType ? ` — ${byType}` : ''}`;
}

/** A value of the status file (written by another process, so of any shape) as one line of text. */
function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value) ?? '';
}

function describeButtons(buttons: Record<string, unknown> | null): string {
  if (!buttons) return 'not configured (or the kiosk is not running)';
  const device = buttons.device as { model?: string; firmware?: string } | null;
  const counters = Object.entries((buttons.counters as Record<string, number> | undefined) ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
  return [
    `${String(buttons.state)} ${String(buttons.path ?? buttons.configuredPath)}`,
    device ? `(${device.model} ${device.firmware})` : '',
    buttons.lastError ? `— ${shown(buttons.lastError)}` : '',
    buttons.lastLine ? `last line "${shown(buttons.lastLine)}"` : '',
    counters,
  ]
    .filter(Boolean)
    .join(' ');
}

function describeHub(hub: DoctorReport['hub']): string {
  if (!hub.configured && !hub.announcements.configured && !hub.link) return 'not configured (or never used)';
  return [
    hub.link ? `link ${hub.link.state}${hub.link.problem ? ` (${hub.link.problem})` : ''}` : 'link: the kiosk is not running',
    ...describeDelivery(hub, 'ticket(s)'),
    ...describeDelivery(hub.announcements, 'announcement(s)'),
  ]
    .filter(Boolean)
    .join('; ');
}

/** One outbox target's delivery: nothing when this journal never delivered to it. */
function describeDelivery(delivery: HubDeliveryReport, what: string): string[] {
  if (!delivery.configured) return [];
  return [
    `${delivery.pending} ${what} to deliver${delivery.oldestPendingAt ? ` (oldest ${delivery.oldestPendingAt})` : ''}`,
    delivery.lastSuccessAt ? `last delivery ${delivery.lastSuccessAt}` : 'no delivery yet',
    delivery.lastError ? `last error: ${delivery.lastError} at ${delivery.lastErrorAt ?? '—'}` : '',
  ];
}

function readTickets(db: import('better-sqlite3').Database, issued: number): DoctorReport['tickets'] {
  const day = (db.prepare('SELECT max(day) AS day FROM ticket_counters').get() as { day: string | null }).day;
  if (day === null) return { issued, day: null, byService: {} };
  const rows = db.prepare('SELECT service_id AS id, last_number AS lastNumber, issued FROM ticket_counters WHERE day = ? ORDER BY service_id').all(day) as {
    id: string;
    lastNumber: number;
    issued: number;
  }[];
  return { issued, day, byService: Object.fromEntries(rows.map((row) => [row.id, { lastNumber: row.lastNumber, issued: row.issued }])) };
}

function describePrinter(printer: Record<string, unknown> | null): string {
  if (!printer) return 'not configured (or the kiosk is not running)';
  const counters = Object.entries((printer.counters as Record<string, number> | undefined) ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
  return [String(printer.path), printer.lastFault ? `last fault: ${shown(printer.lastFault)} at ${shown(printer.lastFaultAt)}` : 'no fault', counters].filter(Boolean).join(' — ');
}
