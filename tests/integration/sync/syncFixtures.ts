import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect } from 'vitest';
import { readSyncReport } from '../../../electron/core/sync/syncReport.ts';
import { contractViolation } from '../../helpers/collectorContract.ts';
import { startFaultProxy, type FaultProxy } from '../../helpers/faultProxy.ts';
import { ROOT } from '../../helpers/okno.ts';

/** Fixtures shared by the sync integration tests (not a test file itself). */
export const DEVICE_ID = 'mfc-tverskoy-w05';
export const DEVICE_TOKEN = 'tverskoy-w05-token-0123456789';
export const ADMIN_TOKEN = 'admin-token-0123456789';

export function writeDevicesFile(dir: string): string {
  const file = join(dir, 'devices.json');
  writeFileSync(file, JSON.stringify({ devices: { [DEVICE_ID]: { token: DEVICE_TOKEN } } }));
  return file;
}

/**
 * A device config whose retry timings make a fault scenario take seconds, not minutes. The request
 * timeout stays well above an answer's time on a loaded 2-core machine: a timeout turns the fault a
 * test is about into another one (a 400 becomes a retry), so it must fire only where a test means it.
 */
export function writeDeviceConfig(dir: string, endpoint: string): string {
  const file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      device: { id: DEVICE_ID, office: 'МФЦ района Тверской', window: '5' },
      rating: { cooldownSeconds: 0, followUp: { enabled: false } },
      sync: { endpoint, token: DEVICE_TOKEN, intervalSeconds: 1, timeoutSeconds: 3, backoffMinSeconds: 0.02, backoffMaxSeconds: 0.25 },
    }),
  );
  return file;
}

export interface Row {
  id: string;
  seq: number;
  type: string;
  occurredAt: string;
  payload: string;
}

/** What the device recorded, payloads as the committed text. */
export function deviceRows(journalFile: string): Row[] {
  const db = new Database(journalFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, seq, type, occurred_at AS occurredAt, payload FROM events ORDER BY seq').all() as Row[];
  } finally {
    db.close();
  }
}

/** The device's `sync.pending`, read as okno doctor reads it (a read-only connection). */
export function devicePending(journalFile: string): number {
  const db = new Database(journalFile, { readonly: true, fileMustExist: true });
  try {
    return readSyncReport(db, db.pragma('user_version', { simple: true }) as number, new Date()).pending;
  } finally {
    db.close();
  }
}

/** What the collector holds for the device, one row per stored event (duplicates would show twice). */
export function collectorRows(collectorDb: string, deviceId = DEVICE_ID): Row[] {
  const db = new Database(collectorDb, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, seq, type, occurred_at AS occurredAt, payload FROM events WHERE device_id = ? ORDER BY seq').all(deviceId) as Row[];
  } finally {
    db.close();
  }
}

export interface ChildWithLine {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns `okno ARGS` and resolves once it printed a line matching `ready` (group 1: the URL). */
export function spawnOkno(args: string[], ready: RegExp, timeoutMs = 20_000, env: NodeJS.ProcessEnv = {}): Promise<ChildWithLine> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'okno.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`okno ${args[0]} was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1],
        output: () => output,
        stop: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill(signal);
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`okno ${args[0]} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

export const COLLECTOR_READY = /^okno: collector listening (http:\/\/127\.0\.0\.1:\d+\/)$/m;
export const SERVE_READY = /^okno: serving (http:\/\/127\.0\.0\.1:\d+\/)$/m;

/** A fault proxy that also checks every exchange it forwards against docs/openapi.yaml (issue #11, item 18). */
export interface ContractProxy extends FaultProxy {
  /** What the real device sent or the real collector answered outside the contract so far. */
  violations(): Promise<string[]>;
}

export async function startContractProxy(target: string): Promise<ContractProxy> {
  const checks: Promise<string | null>[] = [];
  const proxy = await startFaultProxy(target, { onForwarded: (exchange) => checks.push(contractViolation(exchange)) });
  return {
    ...proxy,
    async violations() {
      return (await Promise.all(checks)).filter((problem): problem is string => problem !== null);
    },
  };
}

/**
 * The okno processes and fault proxies of a test file, all stopped after each test (SIGKILL: nothing
 * a process does after its test matters, and a kill cannot hang). Every exchange a proxy forwarded
 * must have kept to docs/openapi.yaml.
 */
export function useSyncProcesses(): { start(args: string[], ready: RegExp): Promise<ChildWithLine>; proxy(target: string): Promise<ContractProxy> } {
  const children: ChildWithLine[] = [];
  const proxies: ContractProxy[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) await child.stop('SIGKILL');
    const violations: string[] = [];
    for (const proxy of proxies.splice(0)) {
      await proxy.close();
      violations.push(...(await proxy.violations()));
    }
    expect(violations).toEqual([]);
  });
  return {
    async start(args, ready) {
      const child = await spawnOkno(args, ready);
      children.push(child);
      return child;
    },
    async proxy(target) {
      const proxy = await startContractProxy(target);
      proxies.push(proxy);
      return proxy;
    },
  };
}

/** `n` presses through the browser host; each is committed and answered whatever the network does. */
export async function pressOverHttp(url: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const response = await fetch(new URL('/api/press', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score: 1 + (i % 5), source: 'touch' }) });
    expect(await response.json()).toMatchObject({ ok: true, value: { outcome: expect.stringMatching(/^(recorded|suppressed)$/) } });
  }
}
