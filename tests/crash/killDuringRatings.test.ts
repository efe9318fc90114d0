import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/tempDir.ts';
import { runThenKill } from './runThenKill.ts';

const tempDir = useTempDirs();
const KILLS = 20;

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
      for (const id of await runThenKill('ratingWriter.ts', [configPath, dataDir], Math.floor(20 + random() * 250))) acknowledged.add(id);

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
    // Bounded by its count: 20 child processes, each a Node start, take over a minute on 2 loaded cores.
  }, 180_000);
});
