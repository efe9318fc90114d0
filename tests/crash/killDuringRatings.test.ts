import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();
const KILLS = 20;

interface Run {
  readonly acknowledged: string[];
  readonly stderr: string;
}

/** Starts the writer, lets it record for `ms` after it is ready, then SIGKILLs it. */
function recordThenKill(configPath: string, dataDir: string, ms: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'ratingWriter.ts'), configPath, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
        if (line === 'ready' && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), ms);
        else if (line.startsWith('ok ')) acknowledged.push(line.slice(3));
        else if (line) stderr += `stdout: ${line}\n`;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (killTimer) clearTimeout(killTimer);
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself (code ${code}): ${stderr}`));
      else resolve({ acknowledged, stderr });
    });
  });
}

describe('crash safety', () => {
  it(`after ${KILLS} SIGKILLs at random moments, every acknowledged rating is in an intact journal with gapless seq`, async () => {
    const dir = tempDir();
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ device: { id: 'crash-w01', office: 'Test', window: '1' }, rating: { followUp: { enabled: false } } }));
    const dataDir = join(dir, 'data');
    const acknowledged = new Set<string>();
    let seed = 20261123;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };

    for (let kill = 1; kill <= KILLS; kill += 1) {
      const run = await recordThenKill(configPath, dataDir, Math.floor(20 + random() * 250));
      for (const id of run.acknowledged) acknowledged.add(id);

      const db = new Database(join(dataDir, 'okno.db'));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `after kill ${kill}`).toBe('ok');
        const rows = db.prepare('SELECT seq, id, type FROM events ORDER BY seq').all() as { seq: number; id: string; type: string }[];
        rows.forEach((row, index) => expect(row.seq, `seq without gaps after kill ${kill}`).toBe(index + 1));
        const ratings = new Set(rows.filter((row) => row.type === 'rating.submitted').map((row) => row.id));
        const missing = [...acknowledged].filter((id) => !ratings.has(id));
        expect(missing, `acknowledged ratings missing after kill ${kill}`).toEqual([]);
      } finally {
        db.close();
      }
    }
    // The test only means something if the writer really was killed mid-stream, many times over.
    expect(acknowledged.size).toBeGreaterThan(KILLS * 5);
  });
});
