import { askRawLine, type SecretKeys } from './rawLine.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PIN_PATTERN } from '../../shared/config.ts';
import { backupPath, defaultConfigPath } from '../core/config/installConfig.ts';
import { ConfigError, loadConfigFile } from '../core/config/loadConfig.ts';
import { updateConfigFile } from '../core/config/saveConfig.ts';
import { hashPin } from '../core/technician/pinHash.ts';
import { parseCommandArgs } from './usage.ts';

/** Exit codes (sysexits.h), also in --help and docs/deployment.md. */
export const SET_PIN_EXIT = { set: 0, usage: 2, badPin: 64, noConfig: 66, cannotWrite: 73, invalidConfig: 78, cancelled: 130 } as const;

const HELP = `usage: okno set-pin [--config FILE]

Sets the technician PIN (4 to 8 digits) of a device. The PIN is read from the terminal, twice and
without echo, or, when standard input is not a terminal, from its first line:
    printf '%s\\n' "$PIN" | okno set-pin --config /etc/okno/config.json
Only a salted scrypt hash is written (technician.pinHash), atomically, the previous config kept as
FILE.bak. Neither the PIN nor the hash is ever printed. The kiosk uses it from its next start.

  --config FILE   the device's configuration (default: $OKNO_CONFIG, else ${defaultConfigPath({}, 'linux')}
                  on Linux, ${defaultConfigPath({}, 'win32')} on Windows; here: ${defaultConfigPath()})

exit codes:
  0    the PIN is set
  2    usage error (an unknown option)
  64   the PIN is not 4 to 8 digits, is missing, or the two entries differ; nothing was changed
  66   there is no config at FILE (install one first: okno provision)
  73   the config cannot be written (permissions: run it as root, or as the owner of the file)
  78   the config is invalid (every bad field is listed); nothing was changed
  130  cancelled (Ctrl-C)`;

/** Digits only, at most 8, each shown as "*"; anything else gets a beep and is not taken. */
const PIN_KEYS: SecretKeys = {
  accepts: (byte, taken) => byte >= 0x30 && byte <= 0x39 && taken < 8,
  shownPerKey: '*',
  refusedSignal: '\x07',
};
const askPin = (prompt: string): Promise<string | null> => askRawLine(prompt, PIN_KEYS);

/** Both questions with the terminal in raw mode from before the first prompt to after the last key: nothing typed is ever echoed. */
async function askPinTwice(): Promise<{ first: string | null; again: string | null }> {
  process.stdin.setRawMode(true);
  try {
    const first = await askPin('New technician PIN (4 to 8 digits): ');
    if (first === null || !PIN_PATTERN.test(first)) return { first, again: null };
    return { first, again: await askPin('The same PIN again: ') };
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}

/** The first line of a pipe (without its line ending), or null when nothing came. */
async function readFirstLine(): Promise<string | null> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    const newline = text.indexOf('\n');
    if (newline >= 0) return text.slice(0, newline).replace(/\r$/, '');
    if (text.length > 1024) break;
  }
  return text.length > 0 ? text.replace(/\r$/, '') : null;
}

type PinEntry = { ok: true; pin: string } | { ok: false; code: number; message: string };

async function readPin(): Promise<PinEntry> {
  const refuse = (message: string): PinEntry => ({ ok: false, code: SET_PIN_EXIT.badPin, message });
  if (process.stdin.isTTY) {
    const { first, again } = await askPinTwice();
    if (first === null) return { ok: false, code: SET_PIN_EXIT.cancelled, message: 'cancelled; nothing was changed' };
    if (!PIN_PATTERN.test(first)) return refuse('the PIN must be 4 to 8 digits; nothing was changed');
    if (again === null) return { ok: false, code: SET_PIN_EXIT.cancelled, message: 'cancelled; nothing was changed' };
    if (again !== first) return refuse('the two PINs differ; nothing was changed');
    return { ok: true, pin: first };
  }
  const line = await readFirstLine();
  if (line === null) return refuse('no PIN on standard input (give it as the first line, or run this in a terminal); nothing was changed');
  const pin = line.trim();
  if (!PIN_PATTERN.test(pin)) return refuse('the PIN must be 4 to 8 digits; nothing was changed');
  return { ok: true, pin };
}

export async function runSetPin(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const path = resolve(flags.config ?? defaultConfigPath());
  if (!existsSync(path)) {
    console.error(`okno set-pin: there is no config at ${path}${flags.config ? '' : ' (give one with --config FILE)'}: install one first with "okno provision --config FILE"`);
    return SET_PIN_EXIT.noConfig;
  }
  // A config that cannot take a PIN is found before the PIN is typed.
  try {
    loadConfigFile(path);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`okno set-pin: ${error.message}\nnothing was changed.`);
    return SET_PIN_EXIT.invalidConfig;
  }

  const entry = await readPin();
  if (!entry.ok) {
    console.error(`okno set-pin: ${entry.message}`);
    return entry.code;
  }
  const pinHash = await hashPin(entry.pin);
  let deviceId: string;
  try {
    const config = updateConfigFile(path, (json) => {
      const technician = json['technician'];
      return { ...json, technician: { ...(typeof technician === 'object' && technician !== null && !Array.isArray(technician) ? technician : {}), pinHash } };
    });
    deviceId = config.device.id;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`okno set-pin: ${error.message}\nnothing was changed.`);
      return SET_PIN_EXIT.invalidConfig;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? ' (run it as root, or as the owner of the file)' : '';
    console.error(`okno set-pin: cannot write ${path}: ${code ?? (error as Error).message}${why}\nnothing was changed.`);
    return SET_PIN_EXIT.cannotWrite;
  }
  console.log(`okno set-pin: the technician PIN of ${deviceId} is set in ${path} (the previous config is kept as ${backupPath(path)}).\nThe kiosk uses it from its next start.`);
  return SET_PIN_EXIT.set;
}
