import { afterEach, describe, expect, it } from 'vitest';
import { testHubConnection } from '../../../../../electron/core/technician/hubConnectionTest.ts';
import { OFFICE_PATHS } from '../../../../../shared/office/officeProtocol.ts';
import { startFakeHub, type FakeHub } from '../../../../helpers/fakeHub.ts';

let hub: FakeHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('the wizard’s test of the office hub', () => {
  it('shows the certificate’s fingerprint (to compare with what `okno hub` printed) and checks the token', async () => {
    hub = await startFakeHub();
    await expect(testHubConnection({ url: hub.url, token: hub.token })).resolves.toEqual({ fingerprint: hub.fingerprint, reachable: true, authorized: true, problem: null });
    expect(hub.received.map((request) => [request.path, request.authorization])).toEqual([[OFFICE_PATHS.health, `Bearer ${hub.token}`]]);
  });

  it('a token the hub does not know: reachable, not authorized, the fingerprint still shown', async () => {
    hub = await startFakeHub();
    const view = await testHubConnection({ url: hub.url, token: 'someone-elses-token-123456' });
    expect(view).toEqual({ fingerprint: hub.fingerprint, reachable: true, authorized: false, problem: 'the hub refused the token (HTTP 401)' });
    expect(JSON.stringify(view)).not.toContain('someone-elses');
  });

  it('without a token: only the fingerprint, and nothing is sent', async () => {
    hub = await startFakeHub();
    await expect(testHubConnection({ url: hub.url, token: null })).resolves.toMatchObject({ fingerprint: hub.fingerprint, reachable: true, authorized: null });
    expect(hub.received).toEqual([]);
  });

  it('nobody there: not reachable, in okno’s words', async () => {
    hub = await startFakeHub();
    const url = hub.url;
    await hub.stop();
    await expect(testHubConnection({ url, token: 'a-token-0123456789abcdef' })).resolves.toEqual({ fingerprint: null, reachable: false, authorized: null, problem: 'cannot reach the hub (ECONNREFUSED)' });
  });

  it('a server that is not a hub says so', async () => {
    hub = await startFakeHub();
    hub.answer(OFFICE_PATHS.health, () => ({ status: 404, body: { error: 'not-found', message: '<script>' } }));
    await expect(testHubConnection({ url: hub.url, token: hub.token })).resolves.toMatchObject({ reachable: true, authorized: null, problem: 'the hub answered HTTP 404: is this an okno hub?' });
  });
});
