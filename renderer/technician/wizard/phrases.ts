import type { ConnectionTestView, PrintTestOutcome } from '../../../shared/technicianApi.ts';

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
