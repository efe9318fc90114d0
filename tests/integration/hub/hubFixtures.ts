import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnouncementReport, DeliveredTicket } from '../../../shared/office/officeProtocol.ts';
import { localTime } from '../../../electron/core/tickets/localTime.ts';
import { hashPin } from '../../../electron/core/technician/pinHash.ts';
import type { HubConfigInput } from '../../../electron/hub/hubConfig.ts';
import { ROOT } from '../../helpers/okno.ts';

/** The office of the hub's integration tests: `windows` windows, a console and a terminal at each, one dispenser, one hall board. */
export const TIMEZONE = 'Europe/Moscow';
export const PIN = '2468';
export const DISPENSER = 'hall-dispenser';
export const tokenOf = (device: string): string => `token-of-${device}-0123456789`;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
export const consoleOf = (window: number): string => `console-${window}`;
export const operatorOf = (window: number): string => `op-${window}`;

let pinHash: Promise<string> | null = null;

export async function officeConfig(windows: number, extra: Partial<HubConfigInput> = {}): Promise<HubConfigInput> {
  const hash = await (pinHash ??= hashPin(PIN));
  const ids = Array.from({ length: windows }, (_, i) => i + 1);
  return {
    office: { id: 'mfc-test', name: 'МФЦ тест', timezone: TIMEZONE },
    services: [
      { id: 'passport', prefix: 'П', name: { ru: 'Паспорт', en: 'Passport' } },
      { id: 'snils', prefix: 'С', name: { ru: 'СНИЛС', en: 'SNILS' } },
    ],
    windows: ids.map((id) => ({ id: String(id), label: `окно ${id}`, services: ['passport', 'snils'] })),
    operators: ids.map((id) => ({ id: operatorOf(id), name: `Оператор ${id}`, pinHash: hash })),
    devices: [
      { id: DISPENSER, role: 'dispenser', tokenSha256: sha(tokenOf(DISPENSER)) },
      { id: 'hall-board', role: 'hall', tokenSha256: sha(tokenOf('hall-board')) },
      ...ids.flatMap((id) => [
        { id: consoleOf(id), role: 'operator' as const, window: String(id), tokenSha256: sha(tokenOf(consoleOf(id))) },
        { id: `terminal-${id}`, role: 'window' as const, window: String(id), tokenSha256: sha(tokenOf(`terminal-${id}`)) },
      ]),
    ],
    ...extra,
  };
}

export function writeConfig(dir: string, config: unknown): string {
  const file = join(dir, 'hub.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** `count` tickets of today (the office's day) for `serviceId`, as a dispenser delivers them. */
export function tickets(count: number, serviceId = 'passport', from = 1): DeliveredTicket[] {
  const day = localTime(new Date(), TIMEZONE).day;
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    ticketId: randomUUID(),
    number: `П-${String(from + i).padStart(3, '0')}`,
    serviceId,
    day,
    issuedAt: new Date().toISOString(),
  }));
}

/** One announcement as a hall board reports it (a new id each time). */
export function announcementReport(overrides: Partial<AnnouncementReport> = {}): AnnouncementReport {
  return { announcementId: randomUUID(), ticketId: randomUUID(), number: 'П-017', recall: 0, outcome: 'played', reason: null, at: '2026-11-23T10:16:02.120+03:00', ...overrides };
}

export interface HubProcess {
  readonly url: string;
  readonly port: number;
  readonly fingerprint: string;
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM, resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, resolves when it is gone. */
  kill(): Promise<void>;
}

const MAIN = join(ROOT, 'electron', 'cli', 'main.ts');

/** Runs `okno hub ARGS…` from the sources (Node strips the types) until the test ends it. */
export function spawnHub(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [MAIN, 'hub', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts a hub and resolves on its ready line (the timeout is a failure limit). */
export function startHubProcess(args: string[], timeoutMs = 60_000): Promise<HubProcess> {
  const { child, output, exited } = spawnHub(['--port', '0', ...args]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`okno hub did not say it was serving within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const look = (): void => {
      const match = /^okno hub: serving (https:\/\/127\.0\.0\.1:(\d+)\/) fingerprint ([0-9A-F:]{95})$/m.exec(output());
      if (!match?.[1] || !match[2] || !match[3]) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      resolve({
        url: match[1],
        port: Number(match[2]),
        fingerprint: match[3],
        child,
        output,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`okno hub exited with ${code} before serving:\n${output()}`));
    });
  });
}
