import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/tempDir.ts';
import { runThenKill } from './runThenKill.ts';

const tempDir = useTempDirs();
const TARGET = 1_000;
const MIN_KILLS = 10;
const MAX_KILLS = 80;

describe('ticket numbering under SIGKILL', () => {
  it(`kill -9 again and again during ${TARGET} issues: numbers unique and consecutive, every acknowledged ticket kept`, async () => {
    const dir = tempDir();
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        device: { id: 'crash-disp', office: 'O', window: '1', mode: 'tickets', timezone: 'Europe/Moscow' },
        queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 9999], name: { ru: 'Паспорт' } }] },
      }),
    );
    const dataDir = join(dir, 'data');
    const acknowledged = new Set<string>();
    let seed = 5;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let kills = 0;
    let issued = 0;
    // Both: at least MIN_KILLS kills (however fast the machine) and at least TARGET tickets (however slow).
    while ((issued < TARGET || kills < MIN_KILLS) && kills < MAX_KILLS) {
      for (const number of await runThenKill('ticketWriter.ts', [configPath, dataDir], Math.floor(20 + random() * 200))) acknowledged.add(number);
      kills += 1;
      const db = new Database(join(dataDir, 'okno.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db
          .prepare("SELECT json_extract(payload, '$.number') AS number, json_extract(payload, '$.day') AS day FROM events WHERE type = 'ticket.issued' ORDER BY seq")
          .all() as { number: string; day: string }[];
        // Per local day (a run across Moscow midnight starts a new day at 1).
        for (const day of new Set(rows.map((row) => row.day))) {
          const values = rows.filter((row) => row.day === day).map((row) => Number(row.number.slice(2)));
          expect(values, `${day}, after kill ${kills}`).toEqual(values.map((_, i) => i + 1));
          const counter = db.prepare("SELECT last_number AS last, issued FROM ticket_counters WHERE service_id = 'passport' AND day = ?").get(day);
          expect(counter).toEqual({ last: values.length, issued: values.length });
        }
        const numbers = new Set(rows.map((row) => `${row.day} ${row.number}`));
        expect([...acknowledged].filter((n) => !numbers.has(n))).toEqual([]);
        issued = rows.length;
      } finally {
        db.close();
      }
    }
    expect(issued).toBeGreaterThanOrEqual(TARGET);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  }, 180_000);
});
