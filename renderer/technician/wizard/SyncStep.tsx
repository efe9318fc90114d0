import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/result.ts';
import type { ConnectionTestView } from '../../../shared/technicianApi.ts';
import { settle } from '../call.ts';
import { isEndpoint, needsTokenAgain } from './draft.ts';
import { connectionPhrases } from './phrases.ts';
import { TextField } from '../TextField.tsx';
import { Outcome, Step } from './parts.tsx';
import { hasProblem, type StepProps } from './stepProps.ts';

type Test = { readonly kind: 'idle' } | { readonly kind: 'testing' } | { readonly kind: 'done'; readonly result: Result<ConnectionTestView> };

/**
 * Sending the events to the central collector (optional): its address and the device token. The
 * saved token is never shown, only whether there is one; a new one may be typed. The saved token goes
 * only to the address it was saved with: another address asks for the token again, for the test and
 * for the save alike.
 */
export function SyncStep({ draft, update, technician, context, problems, focusTitle }: StepProps) {
  const { t } = useTranslation();
  const [test, setTest] = useState<Test>({ kind: 'idle' });
  const [showToken, setShowToken] = useState(false);
  const endpoint = draft.sync.endpoint.trim();
  const newToken = draft.sync.newToken.trim();
  const setSync = (patch: Partial<typeof draft.sync>): void => {
    setTest({ kind: 'idle' });
    update((d) => ({ ...d, sync: { ...d.sync, ...patch } }));
  };
  const tokenAgain = needsTokenAgain(draft, context);
  const canTest = isEndpoint(endpoint) && ((context.tokenSaved && !tokenAgain) || newToken !== '') && draft.device.id.trim() !== '';

  const run = (): void => {
    setTest({ kind: 'testing' });
    void settle(technician.request('testConnection', { endpoint, token: newToken || null, deviceId: draft.device.id.trim() })).then((result) => setTest({ kind: 'done', result }));
  };

  return (
    <Step name="sync" title={t('technician.wizard.steps.sync')} focus={focusTitle}>
      <p className="wizard-step__intro">{t('technician.sync.intro')}</p>
      <TextField
        label={t('technician.sync.endpoint')}
        hint={t('technician.sync.endpointHint')}
        value={draft.sync.endpoint}
        onChange={(value) => setSync({ endpoint: value })}
        type="url"
        inputMode="url"
        maxLength={2048}
        invalid={hasProblem(problems, 'syncEndpoint')}
        testId="sync-endpoint"
      />
      <p className={`secret secret--${context.tokenSaved ? 'set' : 'not-set'}`} data-testid="sync-token-status">
        {t(context.tokenSaved ? 'technician.sync.tokenSet' : 'technician.sync.tokenNotSet')}
      </p>
      {tokenAgain && (
        <Outcome tone="bad" testId="sync-token-again">
          {t('technician.sync.tokenAgain', { endpoint: draft.base?.sync?.endpoint ?? '' })}
        </Outcome>
      )}
      <div className="field-with-action">
        <TextField
          label={t(context.tokenSaved && !tokenAgain ? 'technician.sync.newToken' : 'technician.sync.token')}
          hint={t(context.tokenSaved && !tokenAgain ? 'technician.sync.newTokenHint' : 'technician.sync.tokenHint')}
          value={draft.sync.newToken}
          onChange={(value) => setSync({ newToken: value })}
          type={showToken ? 'text' : 'password'}
          maxLength={4096}
          invalid={hasProblem(problems, 'syncToken') || hasProblem(problems, 'syncTokenAgain')}
          testId="sync-token"
        />
        <button type="button" className="technician-button technician-button--small" aria-pressed={showToken} data-testid="sync-token-show" onClick={() => setShowToken((on) => !on)}>
          {t('technician.sync.showToken')}
        </button>
      </div>
      <div className="technician-actions">
        <button type="button" className="technician-button technician-button--primary" data-testid="sync-test" disabled={!canTest || test.kind === 'testing'} onClick={run}>
          {t(test.kind === 'testing' ? 'technician.sync.testing' : 'technician.sync.test')}
        </button>
        {!canTest && <p className="field__hint">{t('technician.sync.testNeeds')}</p>}
      </div>
      {test.kind === 'done' && <ConnectionOutcome result={test.result} deviceId={draft.device.id.trim()} />}
    </Step>
  );
}

function ConnectionOutcome({ result, deviceId }: { readonly result: Result<ConnectionTestView>; readonly deviceId: string }) {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <div role="status" data-testid="sync-test-result">
        <Outcome tone="bad">{t('technician.common.failed', { message: result.error.message })}</Outcome>
      </div>
    );
  }
  const view = result.value;
  return (
    <div role="status" className="connection" data-testid="sync-test-result" data-health={view.health} data-auth={view.auth}>
      {connectionPhrases(view, deviceId).map((phrase) => (
        <Outcome key={phrase.key} tone={phrase.tone}>
          {t(phrase.key, { ...phrase.values })}
        </Outcome>
      ))}
      {view.detail && <p className="outcome__detail">{t('technician.sync.detail', { detail: view.detail })}</p>}
    </div>
  );
}
