/**
 * The office the queue benchmarks run (bench/office.ts): its hub config (windows, services, operators,
 * devices with real tokens), `okno hub` as a process of its own (the built CLI, so its RSS is the hub's
 * alone), and a pinned HTTPS client per device, the device's own (electron/core/office/hubHttp.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localTime } from '../electron/core/tickets/localTime.ts';
import { createHubHttp, type HubExchange, type HubHttp } from '../electron/core/office/hubHttp.ts';
import { hashPin } from '../electron/core/technician/pinHash.ts';
import type { HubConfigInput } from '../electron/hub/hubConfig.ts';
import type { DeliveredTicket } from '../shared/office/officeProtocol.ts';
import { ROOT } from '../tests/helpers/okno.ts';

export const TIMEZONE = 'Europe/Moscow';
export const PIN = '2468';
export const DISPENSER = 'bench-dispenser';
/** Dispenser n (1-based): the first is DISPENSER. */
export const dispenserOf = (n: number): string => (n === 1 ? DISPENSER : `${DISPENSER}-${n}`);
export const BOARD = 'bench-board';
export const tokenOf = (device: string): string => `bench-token-of-${device}-0123456789`;
export const consoleOf = (window: number): string => `bench-console-${window}`;
export const terminalOf = (window: number): string => `bench-terminal-${window}`;
export const operatorOf = (window: number): string => `op-${window}`;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface BenchService {
  readonly id: string;
  readonly prefix: string;
}

/** Four services of a real МФЦ; each window serves two or three of them, in an order of its own. */
export const SERVICES: readonly BenchService[] = [
  { id: 'passport', prefix: 'П' },
  { id: 'snils', prefix: 'С' },
  { id: 'tax', prefix: 'Н' },
  { id: 'benefits', prefix: 'Л' },
];

/** The services window `id` (1-based) serves: rotated, so every service has windows and windows differ. */
export function windowServices(id: number, services: readonly BenchService[]): string[] {
  const count = services.length === 1 ? 1 : 2 + (id % 2);
  return Array.from({ length: Math.min(count, services.length) }, (_, i) => services[(id + i) % services.length]!.id);
}

let pinHash: Promise<string> | null = null;

export async function officeConfig(windows: number, services: readonly BenchService[] = SERVICES, dispensers = 1): Promise<HubConfigInput> {
  const hash = await (pinHash ??= hashPin(PIN));
  const ids = Array.from({ length: windows }, (_, i) => i + 1);
  return {
    office: { id: 'mfc-bench', name: 'МФЦ бенчмарк', timezone: TIMEZONE },
    services: services.map((service) => ({ id: service.id, prefix: service.prefix, name: { ru: service.id, en: service.id } })),
    windows: ids.map((id) => ({ id: String(id), label: `окно ${id}`, services: windowServices(id, services) })),
    operators: ids.map((id) => ({ id: operatorOf(id), name: `Оператор ${id}`, pinHash: hash })),
    devices: [
      ...Array.from({ length: dispensers }, (_, i) => ({ id: dispenserOf(i + 1), role: 'dispenser' as const, tokenSha256: sha256(tokenOf(dispenserOf(i + 1))) })),
      { id: BOARD, role: 'hall', tokenSha256: sha256(tokenOf(BOARD)) },
      ...ids.flatMap((id) => [
        { id: consoleOf(id), role: 'operator' as const, window: String(id), tokenSha256: sha256(tokenOf(consoleOf(id))) },
        { id: terminalOf(id), role: 'window' as const, window: String(id), tokenSha256: sha256(tokenOf(terminalOf(id))) },
      ]),
    ],
  };
}

export function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** Tickets of today (the office's day) as a dispenser delivers them: `number` from `from` on. */
export function ticketsOf(count: number, service: BenchService, from: number): DeliveredTicket[] {
  const day = localTime(new Date(), TIMEZONE).day;
  return Array.from({ length: count }, (_, i) => ({
    eventId: crypto.randomUUID(),
    ticketId: crypto.randomUUID(),
    number: `${service.prefix}-${String(from + i).padStart(3, '0')}`,
    serviceId: service.id,
    day,
    issuedAt: new Date().toISOString(),
  }));
}

/** Tickets in one delivery: ~230 bytes each, and the hub takes a body of at most 64 KiB. */
export const TICKETS_PER_REQUEST = 200;

export interface HubProcess {
  readonly url: string;
  readonly fingerprint: string;
  readonly pid: number;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `okno hub` from the build (bin/okno.js, like `okno serve` in the other benchmarks), until its ready line. */
export function startHubProcess(configPath: string, dataDir: string, timeoutMs = 60_000): Promise<HubProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'okno.js'), 'hub', '--config', configPath, '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`okno hub did not say it was serving within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^okno hub: serving (https:\/\/127\.0\.0\.1:\d+\/) fingerprint ([0-9A-F:]{95})$/m.exec(output);
      if (!match?.[1] || !match[2]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        fingerprint: match[2],
        pid: child.pid ?? -1,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`okno hub exited with ${code} before serving:\n${output}`));
    });
  });
}

/** VmRSS and VmHWM (peak) of a process, in bytes. */
export function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** CPU time (user + system) a process has used, in seconds (/proc/PID/stat, clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One device's client: the device's pinned HTTPS door, JSON in and out, each exchange timed. */
export interface BenchClient {
  /** The answer's JSON (2xx only) and how long the exchange took, in ms. */
  post(path: string, body: unknown): Promise<{ json: unknown; ms: number }>;
  get(path: string): Promise<{ json: unknown; ms: number }>;
  close(): void;
}

const REQUEST_TIMEOUT_MS = 30_000;

function answerOf(exchange: HubExchange, what: string): unknown {
  if (exchange.kind !== 'answer') throw new Error(`${what}: ${exchange.code} ${exchange.message}`);
  if (exchange.status < 200 || exchange.status > 299) throw new Error(`${what}: HTTP ${exchange.status} ${exchange.body.slice(0, 300)}`);
  return JSON.parse(exchange.body) as unknown;
}

export function benchClient(hub: { readonly url: string; readonly fingerprint: string }, deviceId: string): BenchClient {
  const http: HubHttp = createHubHttp({ url: hub.url, token: tokenOf(deviceId), fingerprint: hub.fingerprint }, { deviceId });
  const timed = async (what: string, exchange: () => Promise<HubExchange>): Promise<{ json: unknown; ms: number }> => {
    const t0 = performance.now();
    const answer = await exchange();
    const ms = performance.now() - t0;
    return { json: answerOf(answer, what), ms };
  };
  return {
    post: (path, body) => timed(`${deviceId} POST ${path}`, () => http.post(path, body, REQUEST_TIMEOUT_MS)),
    get: (path) => timed(`${deviceId} GET ${path}`, () => http.get(path, REQUEST_TIMEOUT_MS)),
    close: () => http.close(),
  };
}
