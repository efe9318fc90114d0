import type { Config } from '../../../shared/config.ts';
import type { DiagnosticsView } from '../../../shared/technicianApi.ts';
import { buildDoctorReport, type DoctorReport } from '../doctor/doctorReport.ts';
import { logDir as defaultLogDir, REDACTED } from '../logging/logger.ts';
import { readLogTail } from '../logging/readLogTail.ts';
import type { HostStatusInput } from '../status/statusFile.ts';
import { oknoVersion } from '../version.ts';

/**
 * The technician's diagnostics screen: what `okno doctor` reads (journal, read-only; status), plus
 * the running host's own facts (version, uptime) and the last log lines. Built on demand; nothing
 * here throws (a damaged journal or a missing log is shown as such, not as an error).
 */
export interface DiagnosticsInput {
  readonly dataDir: string;
  readonly configPath: string | null;
  /** The config in force, or null (first run: no config yet). */
  readonly config: Config | null;
  readonly startedAt: Date | string;
  readonly now: Date;
  /** Default `<dataDir>/logs`. */
  readonly logDir?: string;
  /**
   * The host's status as it is now (the status writer's snapshot). Without it, status.json is read:
   * it can be a second old.
   */
  readonly status?: HostStatusInput | null;
  /** Default: this okno's package version. */
  readonly version?: string;
  /** Default 100. */
  readonly logLines?: number;
}

export const DIAGNOSTICS_LOG_LINES = 100;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const numbers = (value: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries(value && typeof value === 'object' ? (value as Record<string, unknown>) : {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));

function buttonsView(status: Record<string, unknown> | null | undefined, config: Config | null): DiagnosticsView['buttons'] {
  if (status) {
    return {
      path: str(status.path) ?? str(status.configuredPath) ?? config?.buttons?.path ?? '',
      state: str(status.state) ?? 'unknown',
      lastError: str(status.lastError),
      counters: numbers(status.counters),
    };
  }
  // Configured, but the host did not report it (it is not running, or runs another mode).
  return config?.buttons ? { path: config.buttons.path, state: 'not running', lastError: null, counters: {} } : null;
}

function printerView(status: Record<string, unknown> | null | undefined, config: Config | null): DiagnosticsView['printer'] {
  if (status) {
    return {
      path: str(status.path) ?? config?.printer?.path ?? '',
      connected: status.connected === true,
      lastFault: str(status.lastFault),
      counters: numbers(status.counters),
    };
  }
  return config?.printer ? { path: config.printer.path, connected: false, lastFault: null, counters: {} } : null;
}

/** The status to show: the live snapshot if given, else the status file if its host is alive. */
function hostParts(input: DiagnosticsInput, report: DoctorReport): { buttons: Record<string, unknown> | null; printer: Record<string, unknown> | null } {
  if (input.status) return { buttons: input.status.buttons ?? null, printer: input.status.printer ?? null };
  return { buttons: report.buttons, printer: report.printer };
}

export function buildDiagnostics(input: DiagnosticsInput): DiagnosticsView {
  const { dataDir, config, now } = input;
  const startedAt = typeof input.startedAt === 'string' ? input.startedAt : input.startedAt.toISOString();
  const startedMs = Date.parse(startedAt);
  const report = buildDoctorReport(dataDir, now, {
    // The log is read below with the screen's own length.
    logLines: 0,
    ...(config ? { timeZone: config.device.timezone } : {}),
  });
  const host = hostParts(input, report);
  const eventsToday = report.today?.byType ?? {};
  let version = input.version ?? 'unknown';
  if (input.version === undefined) {
    try {
      version = oknoVersion();
    } catch {
      // Bundled without its package.json: the status file may still know.
      version = report.host?.version ?? 'unknown';
    }
  }
  return {
    version,
    startedAt,
    uptimeSeconds: Number.isNaN(startedMs) ? 0 : Math.max(0, Math.floor((now.getTime() - startedMs) / 1000)),
    configPath: input.configPath,
    dataDir,
    schemaVersion: report.schemaVersion,
    databaseBytes: report.databaseBytes,
    eventsToday,
    suppressedToday: eventsToday['rating.suppressed'] ?? 0,
    sync: {
      configured: config?.sync !== undefined && config?.sync !== null,
      pending: report.sync.pending,
      oldestPendingAt: report.sync.oldestPendingAt,
      lastSuccessAt: report.sync.lastSuccessAt,
      lastError: report.sync.lastError,
      lastErrorAt: report.sync.lastErrorAt,
      paused: report.sync.paused,
      pausedKind: report.sync.pausedKind,
      quarantinedBatches: report.sync.quarantinedBatches,
      quarantinedEvents: report.sync.quarantinedEvents,
      requeuedBatches: report.sync.requeuedBatches,
      waitingForToken: report.sync.devices.filter((device) => device.pausedKind === 'no-token').map((device) => ({ deviceId: device.deviceId, pending: device.pending })),
    },
    clockOffsetMs: report.sync.clockOffsetMs,
    buttons: buttonsView(host.buttons, config),
    printer: printerView(host.printer, config),
    logLines: withoutKnownSecrets(readLogTail(input.logDir ?? defaultLogDir(dataDir), input.logLines ?? DIAGNOSTICS_LOG_LINES), config),
  };
}

/**
 * The log is redacted when written; these lines go to the screen, so the config's own secrets are
 * taken out once more, in case one reached the log as bare text (a message nobody thought of).
 */
function withoutKnownSecrets(lines: string[], config: Config | null): string[] {
  const secrets = [config?.sync?.token, ...Object.values(config?.sync?.previousTokens ?? {}), config?.technician?.pinHash].filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
  if (secrets.length === 0) return lines;
  return lines.map((line) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), line));
}
