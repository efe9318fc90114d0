import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { SERVE_READY, spawnOkno } from './syncFixtures.ts';

const tempDir = useTempDirs();

describe('okno demo and sync', () => {
  it('runs a local collector and shows the demo device’s events arriving', async () => {
    const demo = await spawnOkno(['demo', '--no-open', '--port', '0'], SERVE_READY, 30_000, { OKNO_DATA_DIR: tempDir() });
    try {
      // The lines after "serving" follow at once; the last one says the demo is waiting for Ctrl+C.
      await waitFor(() => /press Ctrl\+C here to stop/.test(demo.output()), 'the demo to finish starting', 10_000, 20);
      expect(demo.output()).toMatch(/^okno: demo collector on http:\/\/127\.0\.0\.1:\d+\//m);
      const response = await fetch(new URL('/api/press', demo.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score: 4, source: 'touch' }) });
      expect(await response.json()).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
      // device.started, the first device.status and the vote: one batch or more, each printed as it arrives.
      await waitFor(() => /from demo-w05: \d+ new, 0 duplicate\(s\); 3 in its database/.test(demo.output()), 'the demo collector to print the vote arriving', 15_000, 50);
    } finally {
      expect(await demo.stop('SIGINT')).toBe(0);
    }
  });
});
