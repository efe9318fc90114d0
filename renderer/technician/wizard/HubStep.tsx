import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/result.ts';
import type { HubConnectionTestView } from '../../../shared/technicianApi.ts';
import { settle } from '../call.ts';
import { hubRequired, hubTokenKnown, hubTrusted, isHubUrl, needsHubTokenAgain, withTrustedHub, type WizardDraft } from './draft.ts';
import { fingerprintGroups, hubTrust } from './hubTrust.ts';
import { hubTestPhrases } from './phrases.ts';
import { TextField } from '../TextField.tsx';
import { Outcome, Step } from './parts.tsx';
import { hasProblem, type StepProps } from './stepProps.ts';

type Test =
  | { readonly kind: 'idle' }
  | { readonly kind: 'testing' }
  | { readonly kind: 'done'; readonly result: Result<HubConnectionTestView>; readonly tokenSent: boolean };

/**
 * The office hub ("queue server"): its address, the device token `okno hub` gave this device, and
 * its certificate. The hub's certificate is self-signed, so the technician compares its fingerprint
 * with what `okno hub fingerprint` prints on the hub and trusts it here; the device then talks to that
 * certificate only. The saved token is never shown, only whether there is one, and goes only to the
 * address it was saved with. Optional for a rating terminal and a dispenser; the console and the board
 * need it.
 */
export function HubStep({ draft, update, technician, context, problems, focusTitle }: StepProps) {
  const { t } = useTranslation();
  const [test, setTest] = useState<Test>({ kind: 'idle' });
  const [showToken, setShowToken] = useState(false);
  const url = draft.hub.url.trim();
  const newToken = draft.hub.newToken.trim();
  const tokenSaved = context.hubTokenSaved === true;
  const tokenAgain = needsHubTokenAgain(draft, context);
  const setHub = (patch: Partial<WizardDraft['hub']>): void => {
    setTest({ kind: 'idle' });
    update((d) => ({ ...d, hub: { ...d.hub, ...patch } }));
  };
  const canTest = isHubUrl(url);

  const run = (): void => {
    const tokenSent = hubTokenKnown(draft, context);
    setTest({ kind: 'testing' });
    void settle(technician.request('testHubConnection', { url, token: newToken || null })).then((result) => setTest({ kind: 'done', result, tokenSent }));
  };

  return (
    <Step name="hub" title={t('technician.wizard.steps.hub')} focus={focusTitle}>
      <p className="wizard-step__intro">{t(hubRequired(draft) ? 'technician.hub.introRequired' : 'technician.hub.introOptional')}</p>
      <TextField
        label={t('technician.hub.url')}
        hint={t(hubRequired(draft) ? 'technician.hub.urlHintRequired' : 'technician.hub.urlHint')}
        value={draft.hub.url}
        onChange={(value) => setHub({ url: value })}
        type="url"
        inputMode="url"
        maxLength={2048}
        invalid={hasProblem(problems, 'hubUrl') || hasProblem(problems, 'hubRequired')}
        testId="hub-url"
      />
      <p className={`secret secret--${tokenSaved ? 'set' : 'not-set'}`} data-testid="hub-token-status">
        {t(tokenSaved ? 'technician.hub.tokenSet' : 'technician.hub.tokenNotSet')}
      </p>
      {tokenAgain && (
        <Outcome tone="bad" testId="hub-token-again">
          {t('technician.hub.tokenAgain', { url: draft.base?.hub?.url ?? '' })}
        </Outcome>
      )}
      <div className="field-with-action">
        <TextField
          label={t(tokenSaved && !tokenAgain ? 'technician.hub.newToken' : 'technician.hub.token')}
          hint={t(tokenSaved && !tokenAgain ? 'technician.hub.newTokenHint' : 'technician.hub.tokenHint')}
          value={draft.hub.newToken}
          onChange={(value) => setHub({ newToken: value })}
          type={showToken ? 'text' : 'password'}
          maxLength={4096}
          invalid={hasProblem(problems, 'hubToken') || hasProblem(problems, 'hubTokenAgain') || hasProblem(problems, 'hubTokenShort')}
          testId="hub-token"
        />
        <button type="button" className="technician-button technician-button--small" aria-pressed={showToken} data-testid="hub-token-show" onClick={() => setShowToken((on) => !on)}>
          {t('technician.hub.showToken')}
        </button>
      </div>
      {/* What is trusted now, until a test shows the certificate the hub has (and the outcome says whether it is this one). */}
      {url !== '' && hubTrusted(draft) && test.kind !== 'done' && (
        <div className="hub-trusted" data-testid="hub-trusted-now">
          <p className="field__label">{t('technician.hub.trustedNow')}</p>
          <Fingerprint fingerprint={draft.hub.fingerprint} testId="hub-trusted-fingerprint" />
        </div>
      )}
      <div className="technician-actions">
        <button type="button" className="technician-button technician-button--primary" data-testid="hub-test" disabled={!canTest || test.kind === 'testing'} onClick={run}>
          {t(test.kind === 'testing' ? 'technician.hub.testing' : 'technician.hub.test')}
        </button>
        {!canTest && <p className="field__hint">{t('technician.hub.testNeeds')}</p>}
      </div>
      {test.kind === 'done' && <HubOutcome result={test.result} tokenSent={test.tokenSent} draft={draft} onTrust={(fingerprint) => update((d) => withTrustedHub(d, fingerprint))} />}
    </Step>
  );
}

/** A fingerprint in groups of four pairs, to compare one group at a time with the hub's line. */
function Fingerprint({ fingerprint, testId }: { readonly fingerprint: string; readonly testId?: string }) {
  return (
    <p className="fingerprint" data-testid={testId} data-fingerprint={fingerprint}>
      {fingerprintGroups(fingerprint).map((group, index) => (
        <span key={index} className="fingerprint__group">
          {group}
        </span>
      ))}
    </p>
  );
}

function HubOutcome({
  result,
  tokenSent,
  draft,
  onTrust,
}: {
  readonly result: Result<HubConnectionTestView>;
  readonly tokenSent: boolean;
  readonly draft: WizardDraft;
  readonly onTrust: (fingerprint: string) => void;
}) {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <div role="status" data-testid="hub-test-result">
        <Outcome tone="bad">{t('technician.common.failed', { message: result.error.message })}</Outcome>
      </div>
    );
  }
  const view = result.value;
  const trust = hubTrust(view.fingerprint, draft.hub);
  const auth = view.authorized === null ? 'unknown' : view.authorized ? 'ok' : 'refused';
  return (
    <div role="status" className="connection" data-testid="hub-test-result" data-reachable={String(view.reachable)} data-auth={auth}>
      {hubTestPhrases(view, tokenSent).map((phrase) => (
        <Outcome key={phrase.key} tone={phrase.tone} testId={`hub-phrase-${phrase.key.split('.').slice(-2).join('-')}`}>
          {t(phrase.key, { ...phrase.values })}
        </Outcome>
      ))}
      {view.problem && <p className="outcome__detail">{t('technician.hub.detail', { detail: view.problem })}</p>}
      {trust.kind !== 'none' && (
        <div className="hub-seen">
          <p className="field__label">{t('technician.hub.seen')}</p>
          <Fingerprint fingerprint={trust.seen} testId="hub-fingerprint" />
          <p className="field__hint">{t('technician.hub.compare')}</p>
        </div>
      )}
      {(trust.kind === 'new' || trust.kind === 'moved') && (
        <div className="technician-actions">
          <button type="button" className="technician-button technician-button--primary" data-testid="hub-trust" onClick={() => onTrust(trust.seen)}>
            {t('technician.hub.trust')}
          </button>
        </div>
      )}
      {trust.kind === 'trusted' && (
        <Outcome tone="good" testId="hub-trusted">
          {t('technician.hub.trusted')}
        </Outcome>
      )}
      {trust.kind === 'changed' && <ChangedCertificate trusted={trust.trusted} onReplace={() => onTrust(trust.seen)} />}
    </div>
  );
}

/** Another certificate than the trusted one: said as a warning, and replaced only when the technician confirms. */
function ChangedCertificate({ trusted, onReplace }: { readonly trusted: string; readonly onReplace: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The confirmation takes the focus, so a keyboard (or a screen reader) lands on the question asked.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  // A new test unmounts the outcome while it runs, so another certificate always asks again.

  return (
    <section className="technician-panel technician-panel--warning" aria-labelledby="hub-changed-title" data-testid="hub-fingerprint-changed">
      <h3 id="hub-changed-title" className="technician-panel__title">
        {t('technician.hub.changedTitle')}
      </h3>
      <p>{t('technician.hub.changed')}</p>
      <p className="field__label">{t('technician.hub.trustedBefore')}</p>
      <Fingerprint fingerprint={trusted} testId="hub-fingerprint-before" />
      {confirming ? (
        <>
          <p data-testid="hub-replace-question">{t('technician.hub.replaceQuestion')}</p>
          <div className="technician-actions">
            <button ref={confirmButton} type="button" className="technician-button technician-button--primary" data-testid="hub-replace-confirm" onClick={onReplace}>
              {t('technician.hub.replaceConfirm')}
            </button>
            <button type="button" className="technician-button" data-testid="hub-replace-cancel" onClick={() => setConfirming(false)}>
              {t('technician.hub.replaceCancel')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="technician-button" data-testid="hub-replace" onClick={() => setConfirming(true)}>
          {t('technician.hub.replace')}
        </button>
      )}
    </section>
  );
}
