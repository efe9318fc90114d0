import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { customPeriodProblem, PERIOD_CHOICES, periodFor, type Period, type PeriodChoice } from './period.ts';

export interface PeriodPick {
  readonly choice: PeriodChoice;
  readonly period: Period;
}

/** Today, 7 days, 30 days, or two days of one's own (checked before it is asked for). */
export function PeriodPicker({ value, today, onChange }: { readonly value: PeriodPick; readonly today: string; readonly onChange: (pick: PeriodPick) => void }) {
  const { t } = useTranslation();
  const [custom, setCustom] = useState(value.choice === 'custom');
  const [from, setFrom] = useState(value.period.from);
  const [to, setTo] = useState(value.period.to);
  const [problem, setProblem] = useState<ReturnType<typeof customPeriodProblem>>(null);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const found = customPeriodProblem(from, to);
    setProblem(found);
    if (found === null) onChange({ choice: 'custom', period: { from, to } });
  };
  return (
    <form className="period" onSubmit={apply} noValidate>
      <fieldset className="choice-group">
        <legend className="choice-group__legend">{t('period.label')}</legend>
        {PERIOD_CHOICES.map((choice) => (
          <label key={choice} className="choice-group__option">
            <input
              type="radio"
              name="period"
              value={choice}
              checked={custom ? choice === 'custom' : value.choice === choice}
              onChange={() => {
                if (choice === 'custom') {
                  setCustom(true);
                  return;
                }
                setCustom(false);
                setProblem(null);
                onChange({ choice, period: periodFor(choice, today) });
              }}
            />
            {t(`period.${choice}`)}
          </label>
        ))}
      </fieldset>
      {custom ? (
        <div className="period__custom">
          <label className="field field--inline">
            <span className="field__label">{t('period.from')}</span>
            <input type="date" className="field__input" value={from} max={today} onChange={(event) => setFrom(event.target.value)} aria-invalid={problem !== null} />
          </label>
          <label className="field field--inline">
            <span className="field__label">{t('period.to')}</span>
            <input type="date" className="field__input" value={to} max={today} onChange={(event) => setTo(event.target.value)} aria-invalid={problem !== null} />
          </label>
          <button type="submit" className="button">
            {t('period.apply')}
          </button>
          {problem ? (
            <p className="field__error" role="alert">
              {t(`period.problem.${problem}`)}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
