import { ConfigError } from '../core/config/loadConfig.ts';
import { defaultDataDir } from '../core/dataDir.ts';
import { DataDirInUseError } from '../core/dataDirLock.ts';
import { hashPin } from '../core/technician/pinHash.ts';
import { PIN_PATTERN } from '../../shared/config.ts';
import { startHub, HubStorageError, type Hub } from '../hub/hub.ts';
import { HubCertificateError, readHubFingerprint } from '../hub/hubCertificate.ts';
import { loadHubConfigFile } from '../hub/hubConfigFile.ts';
import { newDeviceToken } from '../hub/hubDevices.ts';
import { refuseDataDirInUse, untilSignal } from './serveCommand.ts';
import { parseCommandArgs, parsePort, UsageError } from './usage.ts';

const HELP = `usage: okno hub --config FILE [--data-dir DIR] [--port N] [--host ADDR]
       okno hub token
       okno hub pin-hash
       okno hub fingerprint [--data-dir DIR]

The office hub (docs/protocol-office.md): the queue authority of one office. Dispensers deliver
their tickets to it, operator consoles call them, hall boards and window terminals watch it, over
okno-office/1 (HTTPS, the hub's own certificate, pinned by the devices). Prints
"okno hub: serving https://HOST:PORT/ fingerprint AA:BB:…" when ready.

  --config FILE    the hub's configuration (JSON; examples/hub.json); an invalid one exits 78
                   with every bad field listed
  --data-dir DIR   its journal and certificate (default: $OKNO_DATA_DIR or ${defaultDataDir()});
                   one okno per directory: a second one exits with code 75 (on a machine that
                   is also a kiosk, give the hub a directory of its own)
  --port N         port to listen on; 0 or none: a free port
  --host ADDR      address to listen on (default 127.0.0.1, this machine only). An office sets
                   --host 0.0.0.0 so that the devices on its LAN reach the hub.

  token            prints a new random device token and its tokenSha256 (for devices[] of the
                   hub's config; the token itself goes to the device's hub.token)
  pin-hash         reads an operator's PIN (4 to 8 digits) from the first line of standard input
                   and prints its hash for operators[].pinHash
  fingerprint      prints the SHA-256 fingerprint of the hub's certificate in DIR (the value of
                   the devices' hub.fingerprint); exit 66 when the hub has not started there yet

exit codes: 0 stopped by SIGTERM/SIGINT, 2 usage, 64 a bad PIN, 66 no certificate yet,
            75 the data directory is in use, 78 an invalid config, 1 the journal or certificate cannot be used`;

export const HUB_EXIT = { ok: 0, failed: 1, usage: 2, badPin: 64, noCertificate: 66, invalidConfig: 78 } as const;

export async function runHub(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === 'token') return runToken(rest);
  if (first === 'pin-hash') return runPinHash(rest);
  if (first === 'fingerprint') return runFingerprint(rest);
  return runServer(args);
}

async function runServer(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return HUB_EXIT.ok;
  }
  if (!flags.config) throw new UsageError('--config FILE is required (the hub\'s configuration: examples/hub.json)');
  const port = parsePort(flags.port);
  let hub: Hub;
  try {
    const config = loadHubConfigFile(flags.config);
    hub = await startHub({
      config,
      dataDir: flags['data-dir'] ?? defaultDataDir(),
      port,
      host: flags.host ?? '127.0.0.1',
      log: (line) => console.error(line),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`okno hub: ${error.message}`);
      return HUB_EXIT.invalidConfig;
    }
    if (error instanceof DataDirInUseError) return refuseDataDirInUse(error);
    if (error instanceof HubStorageError || error instanceof HubCertificateError) {
      console.error(`okno hub: ${error.message}`);
      return HUB_EXIT.failed;
    }
    throw error;
  }
  if (hub.certificateCreated) console.error(`okno hub: made a new certificate; pin its fingerprint on every device (hub.fingerprint)`);
  // Listen before saying "serving": a supervisor that stops us the moment it reads the line must get a clean stop.
  const stopped = untilSignal();
  console.log(`okno hub: serving ${hub.url} fingerprint ${hub.fingerprint}`);
  await stopped;
  await hub.close();
  return HUB_EXIT.ok;
}

function runToken(args: string[]): number {
  const flags = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } });
  if (flags.help) {
    console.log(HELP);
    return HUB_EXIT.ok;
  }
  const { token, tokenSha256 } = newDeviceToken();
  console.log(`token ${token}\ntokenSha256 ${tokenSha256}`);
  return HUB_EXIT.ok;
}

/** The first line of standard input (a pipe or a terminal), without its line ending; null when nothing came. */
async function readFirstLine(): Promise<string | null> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    const newline = text.indexOf('\n');
    if (newline >= 0) return text.slice(0, newline).replace(/\r$/, '');
    if (text.length > 1024) break;
  }
  return text.length > 0 ? text.replace(/\r$/, '') : null;
}

async function runPinHash(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } });
  if (flags.help) {
    console.log(HELP);
    return HUB_EXIT.ok;
  }
  if (process.stdin.isTTY) console.error('Operator PIN (4 to 8 digits), then Enter:');
  const pin = (await readFirstLine())?.trim() ?? '';
  if (!PIN_PATTERN.test(pin)) {
    console.error('okno hub pin-hash: the PIN must be 4 to 8 digits (the first line of standard input)');
    return HUB_EXIT.badPin;
  }
  console.log(await hashPin(pin));
  return HUB_EXIT.ok;
}

function runFingerprint(args: string[]): number {
  const flags = parseCommandArgs(args, { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (flags.help) {
    console.log(HELP);
    return HUB_EXIT.ok;
  }
  const dataDir = flags['data-dir'] ?? defaultDataDir();
  let fingerprint: string | null;
  try {
    fingerprint = readHubFingerprint(dataDir);
  } catch (error) {
    if (!(error instanceof HubCertificateError)) throw error;
    console.error(`okno hub fingerprint: ${error.message}`);
    return HUB_EXIT.failed;
  }
  if (fingerprint === null) {
    console.error(`okno hub fingerprint: no certificate in ${dataDir} yet: it is made when "okno hub" first starts there`);
    return HUB_EXIT.noCertificate;
  }
  console.log(fingerprint);
  return HUB_EXIT.ok;
}
