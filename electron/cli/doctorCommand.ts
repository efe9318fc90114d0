import type { Config } from '../../shared/config.ts';
import { defaultDataDir } from '../core/dataDir.ts';
import { loadConfigFile } from '../core/config/loadConfig.ts';
import { buildDoctorReport, DEFAULT_DOCTOR_LOG_LINES, formatDoctorReport, type ConfigCheck } from '../core/doctor/doctorReport.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

const HELP = `usage: okno doctor [--config FILE] [--data-dir DIR] [--json] [--log-lines N]

Diagnostics of a device, read from its journal, status file and log; safe while the kiosk runs.

  --config FILE    also validate this configuration file and report its problems
                   (its device.timezone is then the time zone of "today")
  --data-dir DIR   the kiosk's data directory (default: $OKNO_DATA_DIR or ${defaultDataDir()})
  --json           machine-readable output (a stable contract for scripts)
  --log-lines N    how many of the last log lines to show (default ${DEFAULT_DOCTOR_LOG_LINES}; 0: none)`;

function parseLogLines(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DOCTOR_LOG_LINES;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000) throw new UsageError(`--log-lines must be 0–10000, got "${value}"`);
  return n;
}

export async function runDoctor(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    'log-lines': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const logLines = parseLogLines(flags['log-lines']);
  let config: ConfigCheck | null = null;
  let loaded: Config | null = null;
  if (flags.config) {
    try {
      loaded = loadConfigFile(flags.config);
      config = { ok: true, problems: [] };
    } catch (error) {
      config = { ok: false, problems: (error as { issues?: readonly string[] }).issues ?? [String(error)] };
    }
  }
  const built = buildDoctorReport(flags['data-dir'] ?? defaultDataDir(), new Date(), {
    logLines,
    ...(loaded ? { timeZone: loaded.device.timezone } : {}),
  });
  const report = { ...built, ...(config ? { config } : {}) };
  console.log(flags.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
  return report.needsTechnician || (config !== null && !config.ok) ? 1 : 0;
}
