import { describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../../../shared/central/dashboardApi.ts';
import { DashboardClient, DashboardFailure, type Failure } from '../../../../renderer/dashboard/dashboardClient.ts';

const ME = { username: 'ivanova', role: 'city', office: null, csrfToken: 'c'.repeat(32) };

/** A fetch that answers from a list and keeps what it was asked. */
function fakeFetch(answers: Array<() => Response>) {
  const asked: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    asked.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init });
    const next = answers.shift();
    if (!next) throw new TypeError('no answer left');
    return next();
  };
  return { asked, fetchImpl };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function failureOf(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DashboardFailure) return error.failure;
    throw error;
  }
  throw new Error('did not fail');
}

describe('the dashboard client', () => {
  it('login carries no CSRF token; later POSTs carry the one the login gave', async () => {
    const alert = { id: 'a1', kind: 'paper-out', office: 'x', window: null, deviceId: 'd1', openedAt: '2026-12-03T08:00:00Z', facts: {}, acknowledged: { by: 'ivanova', at: '2026-12-03T08:05:00Z', comment: 'paper in' } };
    const { asked, fetchImpl } = fakeFetch([json(200, ME), json(200, alert)]);
    const client = new DashboardClient(fetchImpl);
    expect((await client.login('ivanova', 'secret')).username).toBe('ivanova');
    expect(new Headers(asked[0]!.init?.headers).has(CSRF_HEADER)).toBe(false);
    expect((await client.acknowledge('a1', '  paper in ')).acknowledged?.comment).toBe('paper in');
    expect(asked[1]!.url).toBe('/dashboard/api/alerts/a1/ack');
    expect(new Headers(asked[1]!.init?.headers).get(CSRF_HEADER)).toBe(ME.csrfToken);
    expect(asked[1]!.init?.body).toBe('{"comment":"paper in"}');
  });

  it('each refusal becomes the failure the page says', async () => {
    const query = { from: '2026-12-01', to: '2026-12-03' };
    const { fetchImpl } = fakeFetch([
      json(401, { error: 'unauthorized', reason: 'no session' }),
      json(403, { error: 'forbidden', reason: 'not your office' }),
      json(503, { error: 'unavailable', reason: 'database down' }, { 'retry-after': '30' }),
      json(429, { error: 'locked', reason: 'too many attempts' }, { 'retry-after': '600' }),
      json(400, { error: 'bad-request', reason: '"from" is after "to"' }),
      json(200, { period: query }),
      () => {
        throw new TypeError('fetch failed');
      },
    ]);
    const client = new DashboardClient(fetchImpl);
    expect(await failureOf(client.overview(query))).toEqual({ kind: 'unauthorized' });
    expect(await failureOf(client.overview(query))).toEqual({ kind: 'forbidden' });
    expect(await failureOf(client.overview(query))).toEqual({ kind: 'unavailable', retryAfterSeconds: 30 });
    expect(await failureOf(client.login('a', 'b'))).toEqual({ kind: 'locked', retryAfterSeconds: 600 });
    expect(await failureOf(client.overview(query))).toEqual({ kind: 'refused', status: 400, reason: '"from" is after "to"' });
    expect(await failureOf(client.overview(query))).toEqual({ kind: 'invalid-answer' });
    expect(await failureOf(client.overview(query))).toEqual({ kind: 'network' });
  });

  it('asks with the query the contract names', async () => {
    const { asked, fetchImpl } = fakeFetch([json(200, { level: 'operator', rows: [] })]);
    await new DashboardClient(fetchImpl).drill({ from: '2026-12-01', to: '2026-12-03', level: 'operator', office: 'a', window: '5', service: 'passport' });
    expect(asked[0]!.url).toBe('/dashboard/api/drill?from=2026-12-01&to=2026-12-03&level=operator&office=a&window=5&service=passport');
  });
});
