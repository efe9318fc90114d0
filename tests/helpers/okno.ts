import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'okno.js');

function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'cli', 'main.js')) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('okno is not built: run "npm run build" (npm test does it) before these tests');
  }
}

/** Runs `okno ARGS…` to completion. */
export function runOkno(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  requireBuild();
  // A failure limit for a command that ends by itself (a loaded machine takes seconds to start Node).
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

/** Starts `okno serve ARGS…` and resolves once it printed its "serving" line (the timeout is a failure limit). */
export function startServe(args: string[], timeoutMs = 60_000, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  requireBuild();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`okno serve did not say it was serving within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^okno: serving (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        child,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`okno serve exited with ${code} before serving:\n${output}`));
    });
  });
}
