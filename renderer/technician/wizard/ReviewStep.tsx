import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonsRules, PAPER_COLUMNS } from '../../../shared/configRules.ts';
import type { KioskError } from '../../../shared/result.ts';
import type { SavedSettings } from '../../../shared/technicianApi.ts';
import { i18nFor } from '../../common/i18n.ts';
import { messageLines } from '../call.ts';
import { deviceIdChange, hubTokenKnown, hubTokenToSave, hubTrusted, pinToSave, tokenToSave, type Problem } from './draft.ts';
import { shortFingerprint } from './hubTrust.ts';
import type { StepName } from './wizardSteps.ts';
import { Outcome, Step } from './parts.tsx';
import type { StepProps } from './stepProps.ts';

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly error: KioskError }
  | { readonly kind: 'saved'; readonly saved: SavedSettings }
  /** Saved (or nothing to save) but leaving technician mode was refused. */
  | { readonly kind: 'start-failed'; readonly saved: SavedSettings | null; readonly error: KioskError };

/** Everything the wizard will save, what is still wrong, and the outcome of saving. */
export function ReviewStep({
  draft,
  context,
  settings,
  problems,
  focusTitle,
  save,
  firstRun,
  onGoTo,
  onStart,
}: StepProps & {
  readonly save: SaveState;
  readonly firstRun: boolean;
  readonly onGoTo: (step: StepName) => void;
  readonly onStart: () => void;
}) {
  const { t } = useTranslation();
  const none = t('technician.review.none');
  const tickets = draft.mode === 'tickets';
  const token = tokenToSave(draft);
  const pin = pinToSave(draft, context);
  const { buttons, printer } = draft;
  const idChange = deviceIdChange(settings.config, draft);
  const hubUrl = draft.hub.url.trim();
  const hubToken = hubTokenToSave(draft);

  return (
    <Step name="review" title={t('technician.wizard.steps.review')} focus={focusTitle}>
      <dl className="facts review" data-testid="review-summary">
        <Item label={t('technician.review.mode')}>
          {t(`technician.mode.${draft.mode}`)}
          {!tickets && ` · ${t('technician.modeStep.scaleOption', { max: draft.scale })}`}
        </Item>
        <Item label={t('technician.device.id')}>{draft.device.id || none}</Item>
        <Item label={t('technician.device.office')}>{draft.device.office || none}</Item>
        <Item label={t('technician.device.window')}>{draft.device.window || none}</Item>
        <Item label={t('technician.device.timezone')}>{draft.device.timezone}</Item>
        <Item label={t('technician.device.locale')}>{i18nFor(draft.locale).t('language.name')}</Item>
        <Item label={t('technician.review.buttons')}>
          {buttons.path === null
            ? none
            : `${buttons.path === buttonsRules.autoPath ? t('technician.ports.auto') : buttons.path} · ${buttons.protocol}${
                buttons.serviceButton !== null ? ` · ${t('technician.review.serviceButton', { button: buttons.serviceButton })}` : ''
              }`}
        </Item>
        {tickets && (
          <Item label={t('technician.review.printer')}>
            {printer.path === null
              ? none
              : `${printer.path} · ${t(printer.columns === PAPER_COLUMNS['58'] ? 'technician.printer.paper58' : 'technician.printer.paper80')}`}
          </Item>
        )}
        {tickets && (
          <Item label={t('technician.review.services')}>
            {draft.services.length === 0 ? (
              none
            ) : (
              <ul className="review__services">
                {draft.services.map((row) => (
                  <li key={row.key}>
                    {row.prefix} · {row.nameRu || row.nameEn} · {row.from}–{row.to}
                  </li>
                ))}
              </ul>
            )}
          </Item>
        )}
        {/* The hub's host only (the address may carry a path), its certificate's short form, and whether there is a token: never the token. */}
        <Item label={t('technician.review.hub')}>
          <span data-testid="review-hub">{hubUrl ? (URL.canParse(hubUrl) ? new URL(hubUrl).host : hubUrl) : t('technician.review.hubOff')}</span>
        </Item>
        {hubUrl !== '' && (
          <Item label={t('technician.review.hubCertificate')}>
            <span data-testid="review-hub-fingerprint">{hubTrusted(draft) ? shortFingerprint(draft.hub.fingerprint) : t('technician.review.hubNotTrusted')}</span>
          </Item>
        )}
        {hubUrl !== '' && (
          <Item label={t('technician.review.hubToken')}>
            <span data-testid="review-hub-token">
              {t(hubToken !== null ? 'technician.review.tokenNew' : hubTokenKnown(draft, context) ? 'technician.review.tokenKept' : 'technician.review.tokenMissing')}
            </span>
          </Item>
        )}
        <Item label={t('technician.review.sync')}>{draft.sync.endpoint.trim() || t('technician.review.syncOff')}</Item>
        {draft.sync.endpoint.trim() !== '' && (
          <Item label={t('technician.review.token')}>
            {t(token !== null ? 'technician.review.tokenNew' : context.tokenSaved ? 'technician.review.tokenKept' : 'technician.review.tokenMissing')}
          </Item>
        )}
        <Item label={t('technician.review.pin')}>{t(pin !== null ? 'technician.review.pinNew' : 'technician.review.pinKept')}</Item>
      </dl>

      {idChange && save.kind !== 'saved' && (
        <section className="technician-panel technician-panel--warning" aria-labelledby="review-id-change-title" data-testid="review-id-change">
          <h3 id="review-id-change-title" className="technician-panel__title">
            {t('technician.review.idChangeTitle')}
          </h3>
          <p>{t('technician.review.idChange', idChange)}</p>
        </section>
      )}
      {problems.length > 0 && save.kind !== 'saved' && <Remaining problems={problems} onGoTo={onGoTo} />}
      <SaveOutcome save={save} firstRun={firstRun} onStart={onStart} />
    </Step>
  );
}

function Item({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What still stops saving, each with a way to its step. */
function Remaining({ problems, onGoTo }: { readonly problems: readonly Problem[]; readonly onGoTo: (step: StepName) => void }) {
  const { t } = useTranslation();
  return (
    <section className="technician-panel technician-panel--warning" aria-labelledby="review-problems-title" data-testid="review-problems">
      <h3 id="review-problems-title" className="technician-panel__title">
        {t('technician.review.problemsTitle')}
      </h3>
      <ul className="review__problems">
        {problems.map((problem) => (
          <li key={`${problem.step}:${problem.key}:${JSON.stringify(problem.values ?? {})}`}>
            <span>{t(`technician.problem.${problem.key}`, { ...problem.values })}</span>
            <button type="button" className="technician-button technician-button--small" data-testid={`review-goto-${problem.step}`} onClick={() => onGoTo(problem.step)}>
              {t('technician.review.goTo', { step: t(`technician.wizard.steps.${problem.step}`) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SaveOutcome({ save, firstRun, onStart }: { readonly save: SaveState; readonly firstRun: boolean; readonly onStart: () => void }) {
  const { t } = useTranslation();
  switch (save.kind) {
    case 'idle':
      return null;
    case 'saving':
      return (
        <p className="technician__status" role="status">
          {t('technician.wizard.saving')}
        </p>
      );
    case 'failed':
      return (
        <section className="technician-panel technician-panel--error" role="alert" data-testid="wizard-save-error" data-code={save.error.code}>
          <h3 className="technician-panel__title">{t(save.error.code === 'invalid-config' ? 'technician.review.invalid' : 'technician.review.failed')}</h3>
          <ul className="review__errors">
            {messageLines(save.error.message).map((line, index) => (
              <li key={index} className="path">
                {line}
              </li>
            ))}
          </ul>
        </section>
      );
    case 'saved':
    case 'start-failed':
      return (
        <section className="technician-panel technician-panel--ok" role="status" data-testid="wizard-saved">
          {save.saved && (
            <>
              <Outcome tone="good">
                {t('technician.review.savedTo')} <span className="path">{save.saved.path}</span>
              </Outcome>
              {save.saved.backup && (
                <p>
                  {t('technician.review.backup')} <span className="path">{save.saved.backup}</span>
                </p>
              )}
            </>
          )}
          {save.kind === 'start-failed' && <Outcome tone="bad">{t('technician.review.startFailed', { message: save.error.message })}</Outcome>}
          {firstRun && save.kind === 'saved' ? (
            <p className="technician__status">{t('technician.review.starting')}</p>
          ) : null}
          <div className="technician-actions">
            <button type="button" className="technician-button technician-button--primary" data-testid="start-kiosk" onClick={onStart}>
              {t('technician.review.startKiosk')}
            </button>
          </div>
        </section>
      );
  }
}
