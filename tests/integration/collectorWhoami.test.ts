import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../../electron/collector/collectorServer.ts';
import { openCollectorStore, type CollectorStore } from '../../electron/collector/collectorStore.ts';
import { deviceTokens, sha256 } from '../../electron/collector/deviceTokens.ts';
import { callCollector } from '../helpers/collectorContract.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();
const TOKEN = 'tverskoy-w05-token-0123456789';
const HASHED_TOKEN = 'arbat-w01-token-0123456789abc';

let running: { collector: Collector; store: CollectorStore } | null = null;
afterEach(async () => {
  await running?.collector.close();
  running?.store.close();
  running = null;
});

async function start(): Promise<Collector> {
  const store = openCollectorStore(join(tempDir(), 'collector.db'));
  const tokens = deviceTokens({ devices: { 'mfc-tverskoy-w05': { token: TOKEN }, 'mfc-arbat-w01': { tokenSha256: sha256(HASHED_TOKEN).toString('hex') } } });
  const collector = await startCollector({ store, tokens });
  running = { collector, store };
  return collector;
}

/** Checked against docs/openapi.yaml, both ways. */
const whoami = async (collector: Collector, init: { method?: string; headers?: Record<string, string> } = {}) => {
  const answer = await callCollector(collector.url, '/v1/whoami', init);
  return { status: answer.status, body: answer.json, allow: answer.headers.get('allow') };
};

describe('reference collector: GET /v1/whoami', () => {
  it('names the device a token belongs to, clear or hashed in the devices file', async () => {
    const collector = await start();
    expect(await whoami(collector, { headers: { authorization: `Bearer ${TOKEN}` } })).toMatchObject({ status: 200, body: { deviceId: 'mfc-tverskoy-w05' } });
    expect(await whoami(collector, { headers: { authorization: `Bearer ${HASHED_TOKEN}` } })).toMatchObject({ status: 200, body: { deviceId: 'mfc-arbat-w01' } });
  });

  it('refuses a missing, unknown or malformed token with 401 and the usual error body', async () => {
    const collector = await start();
    const refused = { status: 401, body: { error: 'unauthorized', reason: 'missing or unknown device token' } };
    expect(await whoami(collector)).toMatchObject(refused);
    expect(await whoami(collector, { headers: { authorization: 'Bearer not-a-known-token-at-all' } })).toMatchObject(refused);
    expect(await whoami(collector, { headers: { authorization: `Basic ${TOKEN}` } })).toMatchObject(refused);
  });

  it('is GET only, and stores nothing', async () => {
    const collector = await start();
    expect(await whoami(collector, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).toMatchObject({ status: 405, body: { error: 'method-not-allowed' }, allow: 'GET' });
    const health = (await callCollector(collector.url, '/healthz')).json as { events: number };
    expect(health.events).toBe(0);
  });
});
