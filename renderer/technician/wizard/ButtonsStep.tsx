import type { DeviceApi } from '../../../shared/requests/client.ts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/result.ts';
import { buttonsRules } from '../../../shared/configRules.ts';
import type { ButtonTestView } from '../../../shared/technicianApi.ts';
import { settle } from '../call.ts';
import { unlearnedButtons, withLearned, type ButtonKey, type ButtonsProtocol, type WizardDraft } from './draft.ts';
import { stamp } from '../format.ts';
import { Choice, ChoiceGroup, Outcome, SelectField, Step } from './parts.tsx';
import { PortPicker } from './PortPicker.tsx';
import { hasProblem, type StepProps } from './stepProps.ts';

/** A changed path or protocol restarts the test after this pause (typing a path by hand). */
const RESTART_DELAY_MS = 400;

/**
 * The button box: which port, which protocol, a live test where every press shows as it arrives,
 * learning the buttons of a box that speaks its own bytes (keymap), and the service button.
 */
export function ButtonsStep({ draft, update, technician, view, problems, focusTitle }: StepProps) {
  const { t } = useTranslation();
  const { path, protocol, baudRate } = draft.buttons;
  const testPath = path?.trim() ?? '';
  const startError = useButtonTest(technician, testPath, protocol, baudRate, draft.buttons.keymap);
  const setButtons = (patch: Partial<WizardDraft['buttons']>): void => update((d) => ({ ...d, buttons: { ...d.buttons, ...patch } }));

  return (
    <Step name="buttons" title={t('technician.wizard.steps.buttons')} focus={focusTitle}>
      <p className="wizard-step__intro">{t('technician.buttons.intro')}</p>
      <PortPicker
        technician={technician}
        name="buttons"
        legend={t('technician.buttons.port')}
        value={path}
        onChange={(next) => setButtons({ path: next })}
        allowAuto
        invalid={hasProblem(problems, 'buttonsPath')}
      />
      {path !== null && (
        <>
          <ChoiceGroup legend={t('technician.buttons.protocol')}>
            <Choice
              name="buttons-protocol"
              value="okno-buttons/1"
              checked={protocol === 'okno-buttons/1'}
              onSelect={() => setButtons({ protocol: 'okno-buttons/1' })}
              label={t('technician.buttons.protocolOkno')}
              detail={t('technician.buttons.protocolOknoHint')}
              testId="buttons-protocol-okno"
            />
            <Choice
              name="buttons-protocol"
              value="keymap"
              checked={protocol === 'keymap'}
              onSelect={() => setButtons({ protocol: 'keymap' })}
              label={t('technician.buttons.protocolKeymap')}
              detail={t('technician.buttons.protocolKeymapHint')}
              testId="buttons-protocol-keymap"
            />
          </ChoiceGroup>
          {testPath !== '' && <ButtonTest test={view.buttonTest} scale={draft.scale} startError={startError} />}
          {protocol === 'keymap' && testPath !== '' && (
            <LearnButtons
              technician={technician}
              draft={draft}
              update={update}
              learning={view.buttonTest?.learning ?? null}
              maxFrameBytes={view.buttonTest?.maxFrameBytes ?? null}
              ready={view.buttonTest?.protocol === 'keymap' && view.buttonTest.state === 'connected'}
            />
          )}
          <SelectField
            label={t('technician.buttons.serviceButton')}
            hint={t('technician.buttons.serviceButtonHint')}
            value={draft.buttons.serviceButton === null ? '' : String(draft.buttons.serviceButton)}
            options={[
              { value: '', label: t('technician.buttons.serviceNone') },
              ...Array.from({ length: buttonsRules.serviceButton.max }, (_, index) => ({ value: String(index + 1), label: t('technician.buttons.button', { button: index + 1 }) })),
            ]}
            onChange={(value) => setButtons({ serviceButton: value === '' ? null : Number(value) })}
            testId="buttons-service"
          />
        </>
      )}
    </Step>
  );
}

/** Runs the core's button test for the chosen port while this step is shown; stops it when the step goes. */
function useButtonTest(technician: DeviceApi, path: string, protocol: ButtonsProtocol, baudRate: number, keymap: WizardDraft['buttons']['keymap']): KioskError | null {
  const [error, setError] = useState<KioskError | null>(null);
  const latestKeymap = useRef(keymap);
  useEffect(() => {
    latestKeymap.current = keymap;
  });

  useEffect(() => {
    setError(null);
    if (path === '') {
      void settle(technician.request('stopButtonTest', {}));
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      void settle(technician.request('startButtonTest', { path, baudRate, protocol, keymap: { ...latestKeymap.current } })).then((result) => {
        if (current) setError(result.ok ? null : result.error);
      });
    }, RESTART_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [technician, path, protocol, baudRate]);

  useEffect(
    () => () => {
      void settle(technician.request('stopButtonTest', {}));
    },
    [technician],
  );
  return error;
}

function ButtonTest({ test, scale, startError }: { readonly test: ButtonTestView | null; readonly scale: number; readonly startError: KioskError | null }) {
  const { t } = useTranslation();
  const presses = test?.presses ?? [];
  const last = presses[presses.length - 1] ?? null;
  const lamps = Math.max(scale, test?.device?.buttons ?? 0, ...presses.map((press) => press.button));
  return (
    <section className="technician-panel button-test" aria-labelledby="button-test-title" data-testid="buttons-test">
      <h3 id="button-test-title" className="technician-panel__title">
        {t('technician.buttons.testTitle')}
      </h3>
      {startError && (
        <Outcome tone="bad" testId="buttons-test-error">
          {t('technician.buttons.startFailed', { message: startError.message })}
        </Outcome>
      )}
      <p className={`button-test__state button-test__state--${test?.state ?? 'connecting'}`} data-testid="buttons-test-state" data-state={test?.state ?? 'connecting'} data-protocol={test?.protocol ?? ''}>
        {t(`technician.buttons.state.${test?.state ?? 'connecting'}`)}
        {test?.detail ? ` — ${test.detail}` : ''}
      </p>
      <p data-testid="buttons-test-device">
        {test?.device
          ? t('technician.buttons.hello', { model: test.device.model, firmware: test.device.firmware, buttons: test.device.buttons })
          : t('technician.buttons.noHello')}
      </p>
      <div className="lamps" aria-hidden="true">
        {Array.from({ length: lamps }, (_, index) => {
          const button = index + 1;
          const lit = last?.button === button;
          // Keyed by the press, so a second press of the same button flashes again.
          return (
            <span key={lit ? `${button}:${last.at}:${presses.length}` : String(button)} className={lit ? 'lamp lamp--lit' : 'lamp'}>
              {button}
            </span>
          );
        })}
      </div>
      <p className="button-test__last" role="status" data-testid="buttons-last-press">
        {last ? t('technician.buttons.pressed', { button: last.button }) : t('technician.buttons.pressAny')}
      </p>
      {presses.length > 0 && (
        <ol className="presses" aria-label={t('technician.buttons.presses')} data-testid="buttons-presses" reversed>
          {presses
            .map((press, index) => ({ press, index }))
            .reverse()
            .map(({ press, index }) => (
              <li key={`${press.at}:${index}`} className={index === presses.length - 1 ? 'presses__item presses__item--new' : 'presses__item'} data-testid="buttons-press" data-button={press.button}>
                <span className="presses__button">{t('technician.buttons.button', { button: press.button })}</span>
                <span className="presses__time">{stamp(press.at)?.slice(11) ?? ''}</span>
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}

type Learn =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly button: number }
  | { readonly kind: 'failed'; readonly button: number; readonly error: KioskError }
  | { readonly kind: 'done' };

/** "Press button n now…" for n = 1..scale, one after another; each answer goes into the draft's keymap. */
function LearnButtons({
  technician,
  draft,
  update,
  learning,
  maxFrameBytes,
  ready,
}: {
  readonly technician: DeviceApi;
  readonly draft: WizardDraft;
  readonly update: StepProps['update'];
  readonly learning: number | null;
  readonly maxFrameBytes: number | null;
  /** The box is connected and its test speaks keymap (just after a protocol change it does not yet). */
  readonly ready: boolean;
}) {
  const { t } = useTranslation();
  const [learn, setLearn] = useState<Learn>({ kind: 'idle' });
  const run = useRef(0);
  useEffect(
    () => () => {
      run.current += 1;
    },
    [],
  );

  const learnFrom = async (first: number): Promise<void> => {
    run.current += 1;
    const mine = run.current;
    for (let button = first; button <= draft.scale; button += 1) {
      setLearn({ kind: 'running', button });
      const result = await settle(technician.request('learnButton', { button }));
      if (run.current !== mine) return;
      if (!result.ok) {
        setLearn({ kind: 'failed', button, error: result.error });
        return;
      }
      update((d) => withLearned(d, result.value.button, result.value.sequence));
    }
    setLearn({ kind: 'done' });
  };
  const stop = (): void => {
    run.current += 1;
    setLearn({ kind: 'idle' });
  };

  // The box's own bytes cannot be kept when a press is longer than the config stores: said in the screen's language.
  const learnFailure = (error: KioskError): string =>
    error.code === 'learn-timeout'
      ? t('technician.buttons.learnTimeout')
      : error.code === 'learn-too-long'
        ? t('technician.buttons.learnTooLong', { max: maxFrameBytes ?? '?' })
        : error.message;

  const missing = unlearnedButtons(draft);
  const prompting = learn.kind === 'running' ? (learning ?? learn.button) : null;
  return (
    <section className="technician-panel learn" aria-labelledby="learn-title" data-testid="buttons-learn-panel">
      <h3 id="learn-title" className="technician-panel__title">
        {t('technician.buttons.learnTitle')}
      </h3>
      <p className="learn__prompt" role="status" data-testid="buttons-learn-prompt">
        {prompting !== null
          ? t('technician.buttons.learnNow', { button: prompting })
          : learn.kind === 'failed'
            ? t('technician.buttons.learnFailed', { button: learn.button, message: learnFailure(learn.error) })
            : learn.kind === 'done' || missing.length === 0
              ? t('technician.buttons.learnDone')
              : t('technician.buttons.learnMissing', { buttons: missing.join(', ') })}
      </p>
      <ul className="keymap">
        {Array.from({ length: draft.scale }, (_, index) => {
          const button = index + 1;
          const bytes = draft.buttons.keymap[String(button) as ButtonKey];
          return (
            <li key={button} className={prompting === button ? 'keymap__item keymap__item--now' : 'keymap__item'} data-testid={`buttons-keymap-${button}`}>
              <span>{t('technician.buttons.button', { button })}</span> {bytes ? <span className="path">{bytes}</span> : <span>{t('technician.buttons.notLearned')}</span>}
            </li>
          );
        })}
      </ul>
      <div className="technician-actions">
        {learn.kind === 'running' ? (
          <button type="button" className="technician-button" data-testid="buttons-learn-stop" onClick={stop}>
            {t('technician.buttons.learnStop')}
          </button>
        ) : (
          <>
            <button type="button" className="technician-button technician-button--primary" data-testid="buttons-learn" disabled={!ready} onClick={() => void learnFrom(1)}>
              {t(missing.length === draft.scale ? 'technician.buttons.learn' : 'technician.buttons.learnAgain')}
            </button>
            {learn.kind === 'failed' && (
              <button type="button" className="technician-button" data-testid="buttons-learn-retry" disabled={!ready} onClick={() => void learnFrom(learn.button)}>
                {t('technician.buttons.learnRetry', { button: learn.button })}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}
