import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A pseudo-terminal pair made by socat: what the host opens (`hostPath`) behaves like a serial port,
 * and what is written to `devicePath` arrives there — a serial cable in software. Used by the
 * simulators, the tests and the demo.
 */
export interface PtyPair {
  readonly hostPath: string;
  readonly devicePath: string;
  readonly process: ChildProcess;
  /** Unplug: kills socat (the links stay until the next pair replaces them). */
  close(): Promise<void>;
}

export class SocatMissingError extends Error {
  override readonly name = 'SocatMissingError';
  constructor() {
    super('socat is needed for a virtual serial device: install it with "sudo apt-get install -y socat"');
  }
}

export function socatAvailable(): boolean {
  return !spawnSync('socat', ['-V'], { stdio: 'ignore' }).error;
}

export interface PtyPairOptions {
  /** Where the host side appears (a symlink); a fresh temporary path by default. */
  readonly hostLink?: string;
  readonly deviceLink?: string;
  readonly timeoutMs?: number;
}

export async function openPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  if (!socatAvailable()) throw new SocatMissingError();
  let dir: string | null = null;
  const linkIn = (name: string): string => {
    dir ??= mkdtempSync(join(tmpdir(), 'okno-pty-'));
    return join(dir, name);
  };
  const hostPath = options.hostLink ?? linkIn('host');
  const devicePath = options.deviceLink ?? linkIn('device');
  // socat replaces an existing link only if it is gone: a replug at the same path starts clean.
  rmSync(hostPath, { force: true });
  rmSync(devicePath, { force: true });
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  for (let i = 0; i < 500; i += 1) {
    if (/starting data transfer loop/.test(log) && existsSync(hostPath) && existsSync(devicePath)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`socat did not make a pty pair: ${log.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    hostPath,
    devicePath,
    process: child,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
