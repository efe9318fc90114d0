import { useTranslation } from 'react-i18next';
import { RATING_SCALES } from '../../../shared/configRules.ts';
import { Choice, ChoiceGroup, Step } from './parts.tsx';
import type { StepProps } from './stepProps.ts';

/** What this device is: a rating terminal (and its scale), a ticket dispenser, an operator's console or a hall board. */
export function ModeStep({ draft, update, focusTitle }: StepProps) {
  const { t } = useTranslation();
  return (
    <Step name="mode" title={t('technician.wizard.steps.mode')} focus={focusTitle}>
      <ChoiceGroup legend={t('technician.modeStep.legend')}>
        <Choice
          name="mode"
          value="rating"
          checked={draft.mode === 'rating'}
          onSelect={() => update((d) => ({ ...d, mode: 'rating' }))}
          label={t('technician.mode.rating')}
          detail={t('technician.modeStep.ratingHint')}
          testId="mode-rating"
        />
        <Choice
          name="mode"
          value="tickets"
          checked={draft.mode === 'tickets'}
          onSelect={() => update((d) => ({ ...d, mode: 'tickets' }))}
          label={t('technician.mode.tickets')}
          detail={t('technician.modeStep.ticketsHint')}
          testId="mode-tickets"
        />
        <Choice
          name="mode"
          value="operator"
          checked={draft.mode === 'operator'}
          onSelect={() => update((d) => ({ ...d, mode: 'operator' }))}
          label={t('technician.mode.operator')}
          detail={t('technician.modeStep.operatorHint')}
          testId="mode-operator"
        />
        <Choice
          name="mode"
          value="hall"
          checked={draft.mode === 'hall'}
          onSelect={() => update((d) => ({ ...d, mode: 'hall' }))}
          label={t('technician.mode.hall')}
          detail={t('technician.modeStep.hallHint')}
          testId="mode-hall"
        />
      </ChoiceGroup>
      {draft.mode === 'rating' && (
        <ChoiceGroup legend={t('technician.modeStep.scale')} hint={t('technician.modeStep.scaleHint')} className="choices--row">
          {RATING_SCALES.map((scale) => (
            <Choice
              key={scale}
              name="scale"
              value={String(scale)}
              checked={draft.scale === scale}
              onSelect={() => update((d) => ({ ...d, scale }))}
              label={t('technician.modeStep.scaleOption', { max: scale })}
              testId={`rating-scale-${scale}`}
            />
          ))}
        </ChoiceGroup>
      )}
    </Step>
  );
}
