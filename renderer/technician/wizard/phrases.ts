import type { ConnectionTestView, HubConnectionTestView, PrintTestOutcome } from '../../../shared/technicianApi.ts';

/**
 * Test results in plain language: which phrases (keys under technician.* in the locale files) a
 * screen shows for a print test or a connection test. Pure, so the choice is unit-tested.
 */

export interface Phrase {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
  /** Good news, a failure (shown in the error colour), or a plain fact. */
  readonly tone: 'good' | 'bad' | 'info';
}

export const printOutcomePhrase = (outcome: PrintTestOutcome): Phrase => ({
  key: `technician.printer.outcome.${outcome}`,
  tone: outcome === 'printed' ? 'good' : 'bad',
});

const AUTH_TONE: Readonly<Record<ConnectionTestView['auth'], Phrase['tone']>> = {
  ok: 'good',
  refused: 'bad',
  'other-device': 'bad',
  'not-supported': 'info',
  'not-checked': 'info',
  // A saved token is not sent to an endpoint it was not saved with: the technician must type it.
  'token-needed': 'bad',
};

/** The connection test: the health line, the token line, then the latency when known. */
export function connectionPhrases(view: ConnectionTestView, deviceId: string): Phrase[] {
  const out: Phrase[] = [{ key: `technician.sync.health.${view.health}`, tone: view.health === 'ok' ? 'good' : 'bad' }];
  const values = view.auth === 'other-device' ? { device: view.collectorDeviceId ?? '?', mine: deviceId } : undefined;
  out.push({ key: `technician.sync.auth.${view.auth}`, ...(values ? { values } : {}), tone: AUTH_TONE[view.auth] });
  if (view.latencyMs !== null) out.push({ key: 'technician.sync.latency', values: { ms: Math.round(view.latencyMs) }, tone: 'info' });
  return out;
}

/**
 * Why the hub could not be reached, from the network or TLS code the core put in its problem
 * ("cannot reach the hub (ECONNREFUSED)", "no answer from … within 5000 ms"): the codes are Node's,
 * stable words of this machine; a test holds this to the core's own answers.
 */
export type HubReach = 'ok' | 'refused' | 'unknown-name' | 'no-answer' | 'not-https' | 'failed';

const REACH_BY_CODE: Readonly<Record<string, HubReach>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'unknown-name',
  EAI_AGAIN: 'unknown-name',
  ETIMEDOUT: 'no-answer',
  EHOSTUNREACH: 'no-answer',
  ENETUNREACH: 'no-answer',
  EHOSTDOWN: 'no-answer',
  EPROTO: 'not-https',
};

export function hubReach(view: HubConnectionTestView): HubReach {
  if (view.reachable) return 'ok';
  const problem = view.problem ?? '';
  if (/^no answer from /.test(problem)) return 'no-answer';
  const code = /\(([A-Z][A-Z0-9_]+)\)/.exec(problem)?.[1] ?? '';
  if (code.startsWith('ERR_SSL_')) return 'not-https';
  return REACH_BY_CODE[code] ?? 'failed';
}

/**
 * The hub test: can it be reached (and if not, why, in plain words), then whether it took the token.
 * `tokenSent`: a token went with the test (typed, or the one saved for this address).
 */
export function hubTestPhrases(view: HubConnectionTestView, tokenSent: boolean): Phrase[] {
  const reach = hubReach(view);
  const out: Phrase[] = [{ key: `technician.hub.reach.${reach}`, tone: reach === 'ok' ? 'good' : 'bad' }];
  if (reach !== 'ok') return out;
  if (view.authorized === true) out.push({ key: 'technician.hub.auth.ok', tone: 'good' });
  else if (view.authorized === false) out.push({ key: 'technician.hub.auth.refused', tone: 'bad' });
  else out.push(tokenSent ? { key: 'technician.hub.auth.notChecked', tone: 'bad' } : { key: 'technician.hub.auth.needed', tone: 'info' });
  return out;
}
