import { useTranslation } from 'react-i18next';
import { pinRequired } from './draft.ts';
import { PIN_MAX } from '../pin/pin.ts';
import { TextField } from '../TextField.tsx';
import { Choice, ChoiceGroup, Step } from './parts.tsx';
import { hasProblem, type StepProps } from './stepProps.ts';

/** The technician PIN: required (typed twice) on the first run, else an optional change. */
export function PinStep({ draft, update, context, problems, focusTitle }: StepProps) {
  const { t } = useTranslation();
  const required = pinRequired(context);
  const editing = required || draft.pin.change;
  const setPin = (patch: Partial<typeof draft.pin>): void => update((d) => ({ ...d, pin: { ...d.pin, ...patch } }));
  return (
    <Step name="pin" title={t('technician.wizard.steps.pin')} focus={focusTitle}>
      <p className={`secret secret--${context.pinSaved ? 'set' : 'not-set'}`} data-testid="pin-status">
        {t(context.pinSaved ? 'technician.pinStep.set' : 'technician.pinStep.notSet')}
      </p>
      {required ? (
        <p className="wizard-step__intro">{t('technician.pinStep.required')}</p>
      ) : (
        <ChoiceGroup legend={t('technician.pinStep.legend')}>
          <Choice name="pin-change" value="keep" checked={!draft.pin.change} onSelect={() => setPin({ change: false, first: '', again: '' })} label={t('technician.pinStep.keep')} testId="pin-keep" />
          <Choice name="pin-change" value="change" checked={draft.pin.change} onSelect={() => setPin({ change: true })} label={t('technician.pinStep.change')} testId="pin-change" />
        </ChoiceGroup>
      )}
      {editing && (
        <div className="field-grid">
          <TextField
            label={t('technician.pinStep.new')}
            hint={t('technician.pinStep.hint')}
            value={draft.pin.first}
            onChange={(first) => setPin({ first: first.replace(/\D/g, '') })}
            type="password"
            keyboard="digits"
            maxLength={PIN_MAX}
            invalid={hasProblem(problems, 'pinFormat')}
            testId="pin-new"
          />
          <TextField
            label={t('technician.pinStep.again')}
            value={draft.pin.again}
            onChange={(again) => setPin({ again: again.replace(/\D/g, '') })}
            type="password"
            keyboard="digits"
            maxLength={PIN_MAX}
            invalid={hasProblem(problems, 'pinMismatch')}
            testId="pin-again"
          />
        </div>
      )}
    </Step>
  );
}
