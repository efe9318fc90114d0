import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Starts a writer script of this folder (it prints `ready`, then `ok <what>` after each call that
 * returned), lets it run for `ms` after it is ready — or, with `afterAcknowledged`, `ms` after it
 * acknowledged that many calls, so a loaded machine still sees the writer mid-stream — SIGKILLs it,
 * and resolves with what it acknowledged — on 'close', so every line it wrote before dying has been read.
 */
export function runThenKill(script: string, args: string[], ms: number, afterAcknowledged = 0): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: string[] = [];
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | null = null;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      let newline: number;
      while ((newline = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, newline);
        stdout = stdout.slice(newline + 1);
        if (line === 'ready') {
          if (afterAcknowledged === 0 && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), ms);
        } else if (line.startsWith('ok ')) {
          acknowledged.push(line.slice(3));
          if (acknowledged.length === afterAcknowledged && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), ms);
        } else if (line) stderr += `stdout: ${line}\n`;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    child.on('error', reject);
    child.on('exit', (code, signal) => (exit = { code, signal }));
    // On 'close', not 'exit': every line the writer printed before it died has been read by then.
    child.on('close', () => {
      clearTimeout(guard);
      if (killTimer) clearTimeout(killTimer);
      if (exit?.signal !== 'SIGKILL') reject(new Error(`${script} ended by itself (code ${exit?.code}): ${stderr}`));
      else resolve(acknowledged);
    });
  });
}
