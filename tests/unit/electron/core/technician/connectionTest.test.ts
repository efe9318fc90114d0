import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConnection } from '../../../../../electron/core/technician/connectionTest.ts';
import { DEVICE_ID } from '../../../../../renderer/technician/wizard/draft.ts';

/**
 * Whatever a server answers the connection test, what reaches the screen is okno's own words: a
 * device id that is one and holds no part of the token, statuses, the collector's documented error
 * codes. The server here is a fake fetch answering anything fast-check makes up.
 */

const TOKEN = 'tverskoy-w05-token-0123456789';
const DEVICE = 'mfc-tverskoy-w05';
const CODES = 'bad-request|invalid-json|invalid-batch|bad-encoding|unsupported-encoding|invalid-device|invalid-query|unauthorized|forbidden|not-found|method-not-allowed|timeout|too-large|headers-too-large|unavailable|internal';
const PIECE = String.raw`(healthz|whoami): (HTTP \d{3}( \(a redirect: not followed\)|: (${CODES}))?|HTTP 200 but not a JSON answer|HTTP 200 without a device id|the collector knows this token as [a-z0-9][a-z0-9._-]{0,63}|[A-Z][A-Z0-9_]{1,47}|network error|no answer within \d+ ms)`;
const DETAIL = new RegExp(`^${PIECE}(; ${PIECE})*$`);

type Answer = { readonly status: number; readonly body: string; readonly headers: Record<string, string> };

/** Text a hostile server would send: the token, pieces of it, device-id look-alikes, prose, anything. */
const hostileText = fc.oneof(
  fc.constant(TOKEN),
  fc.constant(`${DEVICE}-${TOKEN}`),
  fc.constant(DEVICE),
  fc.constantFrom('unauthorized', 'not-found', 'unavailable', 'Call +7 495 000-00-00', '<script>alert(1)</script>'),
  fc.string({ maxLength: 80 }),
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,70}$/),
);

const body = fc.oneof(
  fc.record({ deviceId: hostileText }).map((json) => JSON.stringify(json)),
  fc.record({ error: hostileText, reason: hostileText }).map((json) => JSON.stringify(json)),
  fc.record({ ok: fc.boolean(), message: hostileText }).map((json) => JSON.stringify(json)),
  fc.json({ maxDepth: 3 }),
  hostileText,
);

const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.oneof(fc.constantFrom(200, 301, 302, 307, 401, 403, 404, 405, 500, 501, 503), fc.integer({ min: 200, max: 599 })),
  body,
  headers: fc.record({ location: hostileText, 'x-detail': hostileText }, { requiredKeys: [] }),
});

/** A fetch that answers healthz and whoami as given, and records where the token went. */
function fakeServer(health: Answer, whoami: Answer): { fetch: typeof fetch; sentToken: string[] } {
  const sentToken: string[] = [];
  const doFetch = (async (url: URL | string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (headers.get('authorization')) sentToken.push(String(url));
    const { status, body: text, headers: extra } = String(url).endsWith('/healthz') ? health : whoami;
    // A status whose Response may carry no body, without one.
    const bodyless = [204, 205, 304].includes(status);
    return new Response(bodyless ? null : text, { status, headers: Object.fromEntries(Object.entries(extra).map(([key, value]) => [key, value.replace(/[^\x20-\x7e]/g, '?')])) });
  }) as typeof fetch;
  return { fetch: doFetch, sentToken };
}

describe('what a server answers the connection test', () => {
  it('never reaches the screen as it came: no token, only okno’s words, a device id only when it is one', async () => {
    await fc.assert(
      fc.asyncProperty(answer, answer, async (health, whoami) => {
        const server = fakeServer(health, whoami);
        const view = await testConnection({ endpoint: 'https://collector.example/okno/', token: TOKEN, deviceId: DEVICE }, { fetch: server.fetch, timeoutMs: 1_000 });
        expect(JSON.stringify(view)).not.toContain(TOKEN);
        expect(view.detail === null || DETAIL.test(view.detail), String(view.detail)).toBe(true);
        if (view.collectorDeviceId !== null) {
          expect(view.collectorDeviceId).toMatch(DEVICE_ID);
        }
        expect(view.auth === 'ok').toBe(view.collectorDeviceId === DEVICE);
        // The token goes to whoami only, under the endpoint given.
        expect(server.sentToken.every((url) => url === 'https://collector.example/okno/v1/whoami')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a device id echoing the token, or holding it, is not shown', async () => {
    for (const deviceId of [TOKEN, `${DEVICE}-${TOKEN}`, `x${TOKEN}y`]) {
      const ok = { status: 200, body: '{"ok":true}', headers: {} };
      const server = fakeServer(ok, { status: 200, body: JSON.stringify({ deviceId }), headers: {} });
      const view = await testConnection({ endpoint: 'https://collector.example/', token: TOKEN, deviceId: DEVICE }, { fetch: server.fetch });
      expect(view).toMatchObject({ health: 'ok', auth: 'not-supported', collectorDeviceId: null, detail: 'whoami: HTTP 200 without a device id' });
    }
  });

  it('without a token nothing is sent to whoami, and the answer says a token is needed', async () => {
    const ok = { status: 200, body: '{"ok":true}', headers: {} };
    const server = fakeServer(ok, { status: 200, body: JSON.stringify({ deviceId: DEVICE }), headers: {} });
    const view = await testConnection({ endpoint: 'https://collector.example/', token: null, deviceId: DEVICE }, { fetch: server.fetch });
    expect(view).toMatchObject({ health: 'ok', auth: 'token-needed', collectorDeviceId: null });
    expect(server.sentToken).toEqual([]);
  });
});
