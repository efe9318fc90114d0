import { useEffect, useId, useRef, type ReactNode } from 'react';

/** The h2 of a wizard step; it takes the focus when the step appears, so the new step is announced. */
export function StepTitle({ id, focus, children }: { readonly id: string; readonly focus: boolean; readonly children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: false });
  }, [focus]);
  return (
    <h2 ref={ref} id={id} className="wizard-step__title" tabIndex={-1}>
      {children}
    </h2>
  );
}

/** One step of the wizard: a section named by its heading, with a stable test id. */
export function Step({ name, title, focus, children }: { readonly name: string; readonly title: string; readonly focus: boolean; readonly children: ReactNode }) {
  const titleId = `wizard-step-${name}-title`;
  return (
    <section className="wizard-step" aria-labelledby={titleId} data-testid={`wizard-step-${name}`}>
      <StepTitle id={titleId} focus={focus}>
        {title}
      </StepTitle>
      {children}
    </section>
  );
}

/** A radio button as a large card: the whole card is the touch target. */
export function Choice({
  name,
  checked,
  onSelect,
  label,
  detail,
  testId,
  value,
  disabled = false,
}: {
  readonly name: string;
  readonly checked: boolean;
  readonly onSelect: () => void;
  readonly label: ReactNode;
  readonly detail?: ReactNode;
  readonly testId?: string;
  readonly value?: string;
  readonly disabled?: boolean;
}) {
  return (
    <label className={`choice${checked ? ' choice--checked' : ''}${disabled ? ' choice--disabled' : ''}`}>
      <input
        type="radio"
        className="choice__input"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        onChange={() => onSelect()}
      />
      <span className="choice__text">
        <span className="choice__label">{label}</span>
        {detail && <span className="choice__detail">{detail}</span>}
      </span>
    </label>
  );
}

/** A group of choices with its question as the legend. */
export function ChoiceGroup({ legend, hint, children, className }: { readonly legend: string; readonly hint?: string; readonly children: ReactNode; readonly className?: string }) {
  const hintId = useId();
  return (
    <fieldset className={className ? `choices ${className}` : 'choices'} aria-describedby={hint ? hintId : undefined}>
      <legend className="choices__legend">{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div className="choices__options">{children}</div>
    </fieldset>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  readonly lang?: string;
}

/** A labelled native select (it opens a touch-friendly list on a kiosk too). */
export function SelectField({
  label,
  value,
  options,
  onChange,
  testId,
  hint,
}: {
  readonly label: string;
  readonly value: string;
  readonly options: readonly SelectOption[];
  readonly onChange: (value: string) => void;
  readonly testId?: string;
  readonly hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input field__select" value={value} data-testid={testId} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A short result line: good news in green, trouble in red, a plain fact in ink; always with words and a mark, never colour alone. */
export function Outcome({ tone, children, testId }: { readonly tone: 'good' | 'bad' | 'info'; readonly children: ReactNode; readonly testId?: string }) {
  return (
    <p className={`outcome outcome--${tone}`} data-testid={testId}>
      <span className="outcome__mark" aria-hidden="true">
        {tone === 'good' ? '✓' : tone === 'bad' ? '✕' : '•'}
      </span>
      <span>{children}</span>
    </p>
  );
}
