import type { DeviceApi } from '../../../shared/requests/client.ts';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/result.ts';
import type { SavedSettings, SettingsView } from '../../../shared/technicianApi.ts';
import { ScreenTitle } from '../../common/ScreenTitle.tsx';
import { settle } from '../call.ts';
import { buildConfig, draftFromConfig, hubTokenToSave, pinToSave, problemsOf, tokenToSave, type DraftContext, type Problem, type WizardDraft } from './draft.ts';
import { keepStep, wizardSteps, type StepName } from './wizardSteps.ts';
import { ButtonsStep } from './ButtonsStep.tsx';
import { DeviceStep } from './DeviceStep.tsx';
import { HubStep } from './HubStep.tsx';
import { ModeStep } from './ModeStep.tsx';
import { PinStep } from './PinStep.tsx';
import { PrinterStep } from './PrinterStep.tsx';
import { ReviewStep, type SaveState } from './ReviewStep.tsx';
import { ServicesStep } from './ServicesStep.tsx';
import type { OpenView, StepProps } from './stepProps.ts';
import { SyncStep } from './SyncStep.tsx';
import './wizard.css';

type Loaded = { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly error: KioskError } | { readonly kind: 'ready'; readonly settings: SettingsView };

/**
 * The setup wizard: loads the settings, then walks through the steps of this kind of device with
 * a draft kept here until "Save". On the first run it is the only screen, and it must set a PIN.
 * `onClose` goes back to the technician's home (null on the first run: there is nowhere else).
 */
export function Wizard({ technician, view, onClose }: { readonly technician: DeviceApi; readonly view: OpenView; readonly onClose: (() => void) | null }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const load = useCallback(() => {
    setLoaded({ kind: 'loading' });
    void settle(technician.request('getSettings', {})).then((result) =>
      setLoaded(result.ok ? { kind: 'ready', settings: result.value } : { kind: 'failed', error: result.error }),
    );
  }, [technician]);
  useEffect(load, [load]);

  if (loaded.kind === 'ready') return <WizardFlow technician={technician} view={view} settings={loaded.settings} onClose={onClose} />;
  return (
    <>
      <main className="technician__main wizard" data-testid="wizard">
        <ScreenTitle id="wizard-title">{t(view.firstRun ? 'technician.wizard.firstRunTitle' : 'technician.wizard.title')}</ScreenTitle>
        {loaded.kind === 'loading' ? (
          <p className="technician__status">{t('technician.common.loading')}</p>
        ) : (
          <p className="technician__error" role="alert">
            {t('technician.wizard.loadFailed', { message: loaded.error.message })}
          </p>
        )}
      </main>
      <footer className="technician__nav">
        {onClose && (
          <button type="button" className="technician-button" data-testid="wizard-close" onClick={onClose}>
            {t('technician.wizard.close')}
          </button>
        )}
        {loaded.kind === 'failed' && (
          <button type="button" className="technician-button technician-button--primary" data-testid="wizard-retry" onClick={load}>
            {t('technician.common.retry')}
          </button>
        )}
      </footer>
    </>
  );
}

function WizardFlow({
  technician,
  view,
  settings,
  onClose,
}: {
  readonly technician: DeviceApi;
  readonly view: OpenView;
  readonly settings: SettingsView;
  readonly onClose: (() => void) | null;
}) {
  const { t } = useTranslation();
  // The first run is decided once: after the first save the core says firstRun: false, and this
  // screen must still read "Save and start" and show where it saved.
  const [firstRun] = useState(view.firstRun);
  const [draft, setDraft] = useState<WizardDraft>(() => draftFromConfig(settings.config));
  const [step, setStep] = useState<StepName>('mode');
  const [navigated, setNavigated] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [secrets, setSecrets] = useState(settings.secrets);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const problemsBox = useRef<HTMLDivElement>(null);

  const context: DraftContext = {
    firstRun: firstRun && secrets.pin !== 'set',
    pinSaved: secrets.pin === 'set',
    tokenSaved: secrets.syncToken === 'set',
    hubTokenSaved: secrets.hubToken === 'set',
  };
  const steps = wizardSteps(draft.mode);
  const current = keepStep(step, draft.mode);
  const index = steps.indexOf(current);
  const problems = problemsOf(current, draft, context);
  const shown = showProblems ? problems : [];

  const update = useCallback((recipe: (draft: WizardDraft) => WizardDraft) => {
    setDraft(recipe);
    setSave((state) => (state.kind === 'failed' ? { kind: 'idle' } : state));
  }, []);

  const go = (next: StepName | undefined): void => {
    if (!next) return;
    setStep(next);
    setNavigated(true);
    setShowProblems(false);
  };
  const stopOnProblems = (): boolean => {
    if (problems.length === 0) return false;
    setShowProblems(true);
    // Focus the list so the technician (and a screen reader) sees what to fix.
    requestAnimationFrame(() => problemsBox.current?.focus());
    return true;
  };
  const next = (): void => {
    if (!stopOnProblems()) go(steps[index + 1]);
  };

  const saveNow = async (): Promise<void> => {
    if (stopOnProblems() || save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    const token = tokenToSave(draft);
    const hubToken = hubTokenToSave(draft);
    const pin = pinToSave(draft, context);
    const config = buildConfig(draft);
    const result = await settle(technician.request('saveSettings', { config, syncToken: token, pin, hubToken }));
    if (!result.ok) {
      setSave({ kind: 'failed', error: result.error });
      return;
    }
    setSave({ kind: 'saved', saved: result.value });
    // The file holds a hub token exactly when it has a hub section (the core refuses one without, and drops it with the section).
    setSecrets((before) => ({ ...before, pin: pin !== null ? 'set' : before.pin, syncToken: token !== null ? 'set' : before.syncToken, hubToken: config.hub ? 'set' : 'not-set' }));
    setDraft((before) => ({
      ...before,
      // The saved hub address is the one its token now goes to (the core's rule, which the step mirrors).
      base: config.hub ? { ...(before.base ?? config), hub: config.hub } : before.base,
      sync: { ...before.sync, newToken: '' },
      hub: { ...before.hub, newToken: '' },
      pin: { change: false, first: '', again: '' },
    }));
    if (firstRun) await startKiosk(technician, setSave, result.value);
  };

  const props: StepProps = { draft, update, context, settings, technician, view, problems: shown, focusTitle: navigated };
  const last = index === steps.length - 1;

  return (
    <>
      <main className="technician__main wizard" data-testid="wizard">
        <div className="wizard__head">
          <ScreenTitle id="wizard-title">{t(firstRun ? 'technician.wizard.firstRunTitle' : 'technician.wizard.title')}</ScreenTitle>
          <StepIndicator steps={steps} index={index} />
        </div>
        {shown.length > 0 && <ProblemList problems={shown} boxRef={problemsBox} />}
        {current === 'mode' && <ModeStep {...props} />}
        {current === 'device' && <DeviceStep {...props} />}
        {current === 'buttons' && <ButtonsStep {...props} />}
        {current === 'printer' && <PrinterStep {...props} />}
        {current === 'services' && <ServicesStep {...props} />}
        {current === 'hub' && <HubStep {...props} />}
        {current === 'sync' && <SyncStep {...props} />}
        {current === 'pin' && <PinStep {...props} />}
        {current === 'review' && (
          <ReviewStep {...props} problems={problemsOf('review', draft, context)} save={save} firstRun={firstRun} onGoTo={go} onStart={() => void startKiosk(technician, setSave, null)} />
        )}
      </main>
      <footer className="technician__nav">
        {onClose && (
          <button type="button" className="technician-button technician-button--quiet" data-testid="wizard-close" onClick={onClose}>
            {t('technician.wizard.close')}
          </button>
        )}
        <button type="button" className="technician-button" data-testid="wizard-back" disabled={index <= 0} onClick={() => go(steps[index - 1])}>
          {t('technician.wizard.back')}
        </button>
        {last ? (
          <button
            type="button"
            className="technician-button technician-button--primary"
            data-testid="wizard-save"
            disabled={save.kind === 'saving'}
            onClick={() => void saveNow()}
          >
            {t(save.kind === 'saving' ? 'technician.wizard.saving' : firstRun ? 'technician.wizard.saveAndStart' : 'technician.wizard.save')}
          </button>
        ) : (
          <button type="button" className="technician-button technician-button--primary" data-testid="wizard-next" onClick={next}>
            {t('technician.wizard.next')}
          </button>
        )}
      </footer>
    </>
  );
}

/** Leaves technician mode so the saved config takes effect; a refusal is shown on the review step. */
async function startKiosk(technician: DeviceApi, setSave: (state: SaveState) => void, saved: SavedSettings | null): Promise<void> {
  const result = await settle(technician.request('leave', {}));
  if (!result.ok) setSave({ kind: 'start-failed', saved, error: result.error });
}

function StepIndicator({ steps, index }: { readonly steps: readonly StepName[]; readonly index: number }) {
  const { t } = useTranslation();
  const name = steps[index] ?? 'mode';
  return (
    <div className="wizard__progress">
      <p className="wizard__step-of" data-testid="wizard-step-of">
        {t('technician.wizard.stepOf', { current: index + 1, total: steps.length, name: t(`technician.wizard.steps.${name}`) })}
      </p>
      <ol className="wizard__steps" aria-label={t('technician.wizard.stepsLabel')}>
        {steps.map((each, position) => (
          <li
            key={each}
            className={position === index ? 'wizard__dot wizard__dot--current' : position < index ? 'wizard__dot wizard__dot--done' : 'wizard__dot'}
            aria-current={position === index ? 'step' : undefined}
          >
            <span aria-hidden="true">{position + 1}</span>
            <span className="visually-hidden">{t(`technician.wizard.steps.${each}`)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ProblemList({ problems, boxRef }: { readonly problems: readonly Problem[]; readonly boxRef: RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  return (
    <div ref={boxRef} className="wizard__problems" role="alert" tabIndex={-1} data-testid="wizard-problems">
      <p className="wizard__problems-title">{t('technician.wizard.fixFirst')}</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.key}:${JSON.stringify(problem.values ?? {})}`}>{t(`technician.problem.${problem.key}`, { ...problem.values })}</li>
        ))}
      </ul>
    </div>
  );
}
