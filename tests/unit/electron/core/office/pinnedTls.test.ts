import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { FingerprintMismatchError, normalizeFingerprint, PinnedAgent } from '../../../../../electron/core/office/pinnedTls.ts';
import { startFakeHub, type FakeHub } from '../../../../helpers/fakeHub.ts';

const WRONG = Array.from({ length: 32 }, () => 'AB').join(':');
let hub: FakeHub | null = null;
const agents: https.Agent[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  await hub?.close();
  hub = null;
});

function get(url: string, fingerprint: string, token: string): Promise<{ status: number; body: string }> {
  const agent = new PinnedAgent(fingerprint);
  agents.push(agent);
  return new Promise((resolve, reject) => {
    const request = https.get(`${url}office/v1/health`, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
  });
}

describe('pinned TLS to the hub', () => {
  it('writes fingerprints the way Node and `okno hub` do', () => {
    expect(normalizeFingerprint('ab:cd:ef')).toBe('AB:CD:EF');
    expect(normalizeFingerprint('abcdef')).toBe('AB:CD:EF');
    expect(normalizeFingerprint(' AB CD ')).toBe('AB:CD');
  });

  it('talks to the hub whose certificate is the pinned one (either case, with or without colons)', async () => {
    hub = await startFakeHub();
    await expect(get(hub.url, hub.fingerprint, hub.token)).resolves.toMatchObject({ status: 200 });
    await expect(get(hub.url, hub.fingerprint.replaceAll(':', '').toLowerCase(), hub.token)).resolves.toMatchObject({ status: 200 });
    expect(hub.received.map((request) => request.authorization)).toEqual([`Bearer ${hub.token}`, `Bearer ${hub.token}`]);
  });

  it('refuses a certificate that is not the pinned one before a byte of the request (the token) is sent', async () => {
    hub = await startFakeHub();
    const error = await get(hub.url, WRONG, hub.token).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(FingerprintMismatchError);
    expect((error as Error).message).toBe(`the hub's certificate fingerprint is ${hub.fingerprint} not the pinned ${WRONG}`);
    // The hub was reached (a TLS handshake needs the connection), and still nothing of the request arrived.
    expect(hub.connections()).toBeGreaterThanOrEqual(1);
    expect(hub.received).toEqual([]);
  });

  it('a refused connection is not kept for a later request', async () => {
    hub = await startFakeHub();
    const agent = new PinnedAgent(WRONG);
    agents.push(agent);
    for (let i = 0; i < 3; i += 1) {
      await expect(
        new Promise((resolve, reject) => {
          https.get(`${hub!.url}office/v1/health`, { agent }, resolve).on('error', reject);
        }),
      ).rejects.toBeInstanceOf(FingerprintMismatchError);
    }
    expect(hub.received).toEqual([]);
  });
});
