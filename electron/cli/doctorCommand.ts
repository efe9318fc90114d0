import { defaultDataDir } from '../core/dataDir.ts';
import { loadConfigFile } from '../core/config/loadConfig.ts';
import { buildDoctorReport, formatDoctorReport } from '../core/doctor/doctorReport.ts';
import { parseCommandArgs } from './usage.ts';

const HELP = `usage: okno doctor [--config FILE] [--data-dir DIR] [--json]

Diagnostics of a device, read from its journal and status file; safe while the kiosk runs.

  --config FILE    also validate this configuration file and report its problems
  --data-dir DIR   the kiosk's data directory (default: $OKNO_DATA_DIR or ${defaultDataDir()})
  --json           machine-readable output (a stable contract for scripts)`;

export async function runDoctor(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  let config: { ok: boolean; problems: readonly string[] } | null = null;
  if (flags.config) {
    try {
      loadConfigFile(flags.config);
      config = { ok: true, problems: [] };
    } catch (error) {
      config = { ok: false, problems: (error as { issues?: readonly string[] }).issues ?? [String(error)] };
    }
  }
  const report = { ...buildDoctorReport(flags['data-dir'] ?? defaultDataDir()), ...(config ? { config } : {}) };
  if (flags.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(formatDoctorReport(report));
    if (config && !config.ok) console.log(`  config:      INVALID\n${config.problems.map((p) => `    - ${p}`).join('\n')}`);
  }
  return report.needsTechnician || (config !== null && !config.ok) ? 1 : 0;
}
