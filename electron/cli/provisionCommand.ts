import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupPath, defaultConfigPath, installConfig } from '../core/config/installConfig.ts';
import { ConfigError, parseConfig } from '../core/config/loadConfig.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

/** Exit codes (sysexits.h), also in --help and docs/deployment.md. */
export const PROVISION_EXIT = { installed: 0, usage: 2, cannotRead: 66, cannotWrite: 73, invalidConfig: 78 } as const;

const HELP = `usage: okno provision --config FILE [--target PATH] [--replace-secrets] [--dry-run]

Validates a device configuration and installs it, without questions: for fleets and scripts.
An invalid file is refused with every bad field listed, and nothing changes.

  --config FILE       the configuration to install (JSON)
  --target PATH       where to install it (default: $OKNO_CONFIG, else ${defaultConfigPath({}, 'linux')}
                      on Linux, ${defaultConfigPath({}, 'win32')} on Windows; here: ${defaultConfigPath()})
  --replace-secrets   install FILE exactly as it is, dropping the device's own secrets (see below)
  --dry-run           validate only (with the secrets that would be kept); write nothing

Secrets: one file is meant for many devices, and each device keeps its own. When FILE has no
"sync.token" but has a "sync" section, the token of the installed config is kept; when FILE has no
"technician.pinHash", the installed PIN is kept. A secret that FILE does contain replaces the
device's. The output says what was kept; it never shows a secret.

The file is written atomically (a kill or a power cut leaves the old or the new config), the
previous one is kept as PATH.bak; a file equal to the installed config writes nothing. A new file gets mode 0600 (as root: owned by the directory's
owner); a replaced one keeps its mode and owner. The kiosk uses it from its next start.

exit codes:
  0   installed (with --dry-run: valid)
  2   usage error (a missing or unknown option)
  66  FILE cannot be read
  73  the target cannot be written (permissions: run it as root, or as the owner of the file)
  78  the configuration is invalid (every bad field is listed); nothing was changed`;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const secretOf = (section: unknown, key: string): string | null => {
  const value = isObject(section) ? section[key] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
};

/** JSON with object keys sorted: the same config written in another key order is not a change. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) => (isObject(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner));

export interface ProvisionPlan {
  /** The config to write: FILE with the device's secrets put back where FILE has none. */
  readonly json: Json;
  readonly keptToken: boolean;
  readonly keptPin: boolean;
  /** FILE brought its own secret, replacing the device's (or setting the first one). */
  readonly fileToken: boolean;
  readonly filePin: boolean;
  /** The device had one and the config written has none (--replace-secrets, or FILE without a sync section). */
  readonly droppedToken: boolean;
  readonly droppedPin: boolean;
  /** Top-level sections that differ from the installed config (names only). */
  readonly changed: readonly string[];
}

/**
 * What provisioning writes. `installed` is the config on the device (null: none, or unreadable).
 * The token is kept only where FILE still has a `sync` section (no `sync`: the device stops
 * sending, and a token without an endpoint means nothing). The PIN is kept whenever FILE has none:
 * the technician section always exists (its defaults), and a device without a PIN locks its
 * technicians out until `okno set-pin`.
 */
export function planProvision(file: Json, installed: Json | null, replaceSecrets: boolean): ProvisionPlan {
  const json = structuredClone(file);
  const installedToken = replaceSecrets ? null : secretOf(installed?.['sync'], 'token');
  const installedPin = replaceSecrets ? null : secretOf(installed?.['technician'], 'pinHash');
  const fileToken = secretOf(file['sync'], 'token') !== null;
  const filePin = secretOf(file['technician'], 'pinHash') !== null;
  let keptToken = false;
  let keptPin = false;
  if (!fileToken && installedToken !== null && isObject(json['sync'])) {
    json['sync'] = { ...json['sync'], token: installedToken };
    keptToken = true;
  }
  if (!filePin && installedPin !== null && (json['technician'] === undefined || isObject(json['technician']))) {
    json['technician'] = { ...(isObject(json['technician']) ? json['technician'] : {}), pinHash: installedPin };
    keptPin = true;
  }
  const keys = new Set([...Object.keys(installed ?? {}), ...Object.keys(json)]);
  const changed = [...keys].filter((key) => canonical(installed?.[key]) !== canonical(json[key])).sort();
  const droppedToken = secretOf(installed?.['sync'], 'token') !== null && secretOf(json['sync'], 'token') === null;
  const droppedPin = secretOf(installed?.['technician'], 'pinHash') !== null && secretOf(json['technician'], 'pinHash') === null;
  return { json, keptToken, keptPin, fileToken, filePin, droppedToken, droppedPin, changed };
}

/** The installed config's JSON, or why it cannot be used (then no secret is kept). */
function readInstalled(path: string): { json: Json | null; problem: string | null } {
  if (!existsSync(path)) return { json: null, problem: null };
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return isObject(json) ? { json, problem: null } : { json: null, problem: 'it is not a JSON object' };
  } catch (error) {
    return { json: null, problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}

export async function runProvision(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    config: { type: 'string' },
    target: { type: 'string' },
    'replace-secrets': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (!flags.config) throw new UsageError('--config FILE is required (the configuration to install)');
  const source = flags.config;
  const target = resolve(flags.target ?? defaultConfigPath());
  const dryRun = flags['dry-run'] ?? false;

  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    console.error(`okno provision: cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return PROVISION_EXIT.cannotRead;
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    console.error(`okno provision: ${new ConfigError(source, [`(file): not valid JSON: ${(error as Error).message}`]).message}\nnothing was changed.`);
    return PROVISION_EXIT.invalidConfig;
  }
  if (!isObject(file)) {
    console.error(`okno provision: ${new ConfigError(source, ['(top level): expected a JSON object']).message}\nnothing was changed.`);
    return PROVISION_EXIT.invalidConfig;
  }

  const installed = readInstalled(target);
  const replaceSecrets = flags['replace-secrets'] ?? false;
  const plan = planProvision(file, installed.json, replaceSecrets);
  const notes: string[] = [];
  const endpointOf = (json: Json | null): unknown => (isObject(json?.['sync']) ? json['sync']['endpoint'] : undefined);
  if (plan.keptToken && endpointOf(installed.json) !== endpointOf(plan.json)) {
    notes.push("the sync endpoint changed and this device's token was kept: check it with the connection test in technician mode");
  }
  if (installed.problem) notes.push(`the installed config could not be read (${installed.problem}): no secrets kept from it`);

  // Pushed again unchanged (a fleet's cron job): nothing is written, so PATH.bak stays the real previous version.
  const unchanged = installed.json !== null && plan.changed.length === 0;
  let config;
  try {
    config = dryRun || unchanged ? parseConfig(plan.json, source) : installConfig(target, plan.json, source).config;
  } catch (error) {
    if (error instanceof ConfigError) {
      const hint = !error.issues.some((issue) => issue.startsWith('sync.token'))
        ? ''
        : replaceSecrets
          ? `\n(with --replace-secrets, ${source} must bring its own sync.token)`
          : `\n(${source} has no sync.token and this device has none to keep: put the device's token in it, or set it in technician mode)`;
      console.error(`okno provision: ${error.message}${hint}\nnothing was changed.`);
      return PROVISION_EXIT.invalidConfig;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? ' (run it as root, or as the owner of the file)' : '';
    console.error(`okno provision: cannot write ${target}: ${code ?? (error as Error).message}${why}\nthe installed config is unchanged.`);
    return PROVISION_EXIT.cannotWrite;
  }

  const secrets = [
    plan.keptToken ? "kept this device's sync.token" : plan.fileToken ? `sync.token from ${source}` : plan.droppedToken ? "dropped this device's sync.token" : null,
    plan.keptPin ? "kept this device's technician PIN" : plan.filePin ? `technician PIN from ${source}` : plan.droppedPin ? "dropped this device's technician PIN" : null,
  ].filter((line): line is string => line !== null);
  if (!dryRun && existsSync(target) && config.sync && process.platform !== 'win32' && (statSync(target).mode & 0o004) !== 0) {
    notes.push(`${target} is readable by every user and holds the sync token: chmod o-r ${target}`);
  }
  if (!config.technician.pinHash) notes.push('no technician PIN is set: technician mode cannot be opened until "okno set-pin"');
  const isNew = installed.json === null && !installed.problem;
  const lines = [
    dryRun
      ? `okno provision: ${source} is valid; it would be installed at ${target} (dry run: nothing written)`
      : unchanged
        ? `okno provision: ${source} is already installed at ${target} (nothing written)`
        : `okno provision: installed ${source} at ${target}`,
    `  device:   ${config.device.id} (${config.device.mode}), ${config.device.office}, window ${config.device.window}`,
    `  changed:  ${isNew ? 'everything (there was no config)' : plan.changed.length > 0 ? plan.changed.join(', ') : 'nothing'}`,
    ...(secrets.length > 0 ? [`  secrets:  ${secrets.join('; ')}`] : []),
    ...(dryRun || unchanged ? [] : [`  backup:   ${isNew ? 'none (there was no config)' : backupPath(target)}`]),
    ...notes.map((note) => `  note:     ${note}`),
    ...(dryRun || unchanged ? [] : ['The kiosk uses it from its next start.']),
  ];
  console.log(lines.join('\n'));
  return PROVISION_EXIT.installed;
}
