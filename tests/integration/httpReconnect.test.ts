import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../electron/browserHost/browserHost.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import { createHttpDeviceApi } from '../../shared/transport/httpDeviceApi.ts';
import { startContractDevice } from '../contract/contractSetup.ts';
import { waitFor } from '../helpers/waitFor.ts';

describe('HTTP transport', () => {
  it('after the host restarts (revisions start again at 0) the screen follows the new host', async () => {
    const first = await startContractDevice();
    const rendererDir = join(first.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    let host = await startBrowserHost({ core: first.device, rendererDir });
    const port = Number(new URL(host.url).port);
    const api = createHttpDeviceApi(host.url, { reconnectMs: 50, maxReconnectMs: 200 });
    const states: KioskState[] = [];
    const unsubscribe = api.subscribe((event) => states.push(event.state));
    const second = await startContractDevice();
    try {
      // Push the first host's revision well above what the second host will start with.
      for (let i = 0; i < 5; i += 1) await api.request('setLocale', { locale: i % 2 ? 'ru' : 'en' });
      await api.request('press', { score: 5, source: 'touch' });
      await waitFor(() => states.some((s) => s.session.phase === 'thanks'), 'thanks from the first host');

      await host.close();
      host = await startBrowserHost({ core: second.device, rendererDir, port });
      await waitFor(() => states.at(-1)?.session.phase === 'idle' && states.at(-1)?.revision === 0, 'the restarted host’s state', 5_000);
      await api.request('setLocale', { locale: 'en' });
      await waitFor(() => states.at(-1)?.session.locale === 'en', 'a new state from the restarted host', 5_000);
      expect(states.at(-1)).toMatchObject({ revision: 1, session: { phase: 'idle', locale: 'en' } });
    } finally {
      unsubscribe();
      await host.close();
      await first.close();
      await second.close();
    }
  });
});
