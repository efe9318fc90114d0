import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startHub } from '../../../electron/hub/hub.ts';
import { parseHubConfig } from '../../../electron/hub/hubConfigFile.ts';
import { DEVICE, startTestCollector, TOKEN } from '../../helpers/collectorInProcess.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { officeConfig, tickets } from './hubFixtures.ts';

/** The hub's own `sync` section: its queue events reach the central collector with the device's uploader, under the office's id. */
const tempDir = useTempDirs();

describe('okno hub → collector', () => {
  it('sends the queue’s events under office.id, each once', async () => {
    const collector = await startTestCollector(tempDir());
    const base = await officeConfig(1);
    const config = parseHubConfig({ ...base, office: { ...base.office, id: DEVICE }, sync: { endpoint: collector.collector.url, token: TOKEN } }, 'test');
    const hub = await startHub({ config, dataDir: tempDir() });
    try {
      hub.queue.receive('hall-dispenser', tickets(2));
      hub.queue.signIn('1', 'op-1');
      const called = hub.queue.command('1', { command: 'call-next', idempotencyKey: randomUUID() });
      expect(called).toMatchObject({ ok: true });
      const types = await waitFor(() => {
        const found = [...collector.store.eventsAfter(DEVICE, 0)].map((item) => (JSON.parse(item.event) as { type: string }).type);
        return found.length >= 4 ? found : undefined;
      }, 'the hub’s events at the collector');
      expect(types).toEqual(['ticket.received', 'ticket.received', 'operator.signedIn', 'ticket.called']);
    } finally {
      await hub.close();
      await collector.close();
    }
  });
});
