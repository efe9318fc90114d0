import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { HubConnectionTestView } from '../../../../../shared/technicianApi.ts';
import { createI18n } from '../../../../../renderer/common/i18n.ts';
import { hubReach, hubTestPhrases, type HubReach } from '../../../../../renderer/technician/wizard/phrases.ts';
import { testHubConnection } from '../../../../../electron/core/technician/hubConnectionTest.ts';

/** The hub test in plain words: why a hub was not reached, and what it said of the token. */

const ru = createI18n('ru');
const en = createI18n('en');
const exists = (key: string): boolean => [ru, en].every((i18n) => i18n.exists(key, { fallbackLng: false }));
const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const view = (extra: Partial<HubConnectionTestView>): HubConnectionTestView => ({ fingerprint: FINGERPRINT, reachable: true, authorized: true, problem: null, ...extra });
const unreachable = (problem: string): HubConnectionTestView => ({ fingerprint: null, reachable: false, authorized: null, problem });

describe('why the hub was not reached', () => {
  it.each<[string, HubReach]>([
    ['cannot reach the hub (ECONNREFUSED)', 'refused'],
    ['cannot reach the hub (ENOTFOUND)', 'unknown-name'],
    ['cannot reach the hub (EAI_AGAIN)', 'unknown-name'],
    ['cannot reach the hub (EHOSTUNREACH)', 'no-answer'],
    ['no answer from 192.168.1.10:8443 within 5000 ms', 'no-answer'],
    ['cannot reach the hub (ERR_SSL_WRONG_VERSION_NUMBER)', 'not-https'],
    ['cannot reach the hub (EPROTO)', 'not-https'],
    ['cannot reach the hub (network error)', 'failed'],
    ['the hub is reached over https:// only', 'failed'],
  ])('%s: %s, with words in both languages', (problem, reach) => {
    expect(hubReach(unreachable(problem))).toBe(reach);
    const phrases = hubTestPhrases(unreachable(problem), true);
    expect(phrases).toEqual([{ key: `technician.hub.reach.${reach}`, tone: 'bad' }]);
    expect(exists(phrases[0]!.key)).toBe(true);
  });

  it('agrees with the core’s own answers: nothing listening, and a server that is not TLS', async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(hubReach(await testHubConnection({ url: `https://127.0.0.1:${port}/`, token: null }, { timeoutMs: 5_000 }))).toBe('refused');

    const plain = createHttpServer((_, response) => response.end('not a hub'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await testHubConnection({ url: `https://127.0.0.1:${(plain.address() as AddressInfo).port}/`, token: null }, { timeoutMs: 5_000 });
      expect(answer.reachable).toBe(false);
      expect(hubReach(answer)).toBe('not-https');
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});

describe('what the hub said of the token', () => {
  it('accepted, refused, or not checked; said in words', () => {
    expect(hubTestPhrases(view({}), true)).toEqual([
      { key: 'technician.hub.reach.ok', tone: 'good' },
      { key: 'technician.hub.auth.ok', tone: 'good' },
    ]);
    const refused = hubTestPhrases(view({ authorized: false, problem: 'the hub refused the token (HTTP 401)' }), true);
    expect(refused[1]).toEqual({ key: 'technician.hub.auth.refused', tone: 'bad' });
    expect(en.t(refused[1]!.key)).toBe('The token is refused: the queue server does not know it');
    expect(ru.t(refused[1]!.key)).toBe('Токен отклонён: сервер очереди его не знает');
    // No token went with the test: not a failure, a thing still to do.
    expect(hubTestPhrases(view({ authorized: null }), false)[1]).toEqual({ key: 'technician.hub.auth.needed', tone: 'info' });
    expect(hubTestPhrases(view({ authorized: null, problem: 'the hub answered HTTP 500: is this an okno hub?' }), true)[1]).toEqual({ key: 'technician.hub.auth.notChecked', tone: 'bad' });
    for (const key of ['technician.hub.reach.ok', 'technician.hub.auth.ok', 'technician.hub.auth.refused', 'technician.hub.auth.needed', 'technician.hub.auth.notChecked']) expect(exists(key), key).toBe(true);
  });

  it('every problem of the step has words in both languages', () => {
    for (const key of ['hubRequired', 'hubUrl', 'hubToken', 'hubTokenAgain', 'hubTokenShort', 'hubFingerprint']) expect(exists(`technician.problem.${key}`), key).toBe(true);
    expect(en.t('technician.problem.hubTokenShort', { min: 16 })).toBe("The queue server's token is at least 16 characters");
  });
});
