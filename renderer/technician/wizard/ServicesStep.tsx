import { useTranslation } from 'react-i18next';
import { queueRules } from '../../../shared/configRules.ts';
import { addService, removeService, TICKET_NUMBER_DIGITS, updateService, type ServiceRow } from './draft.ts';
import { TextField } from '../TextField.tsx';
import { Step } from './parts.tsx';
import type { StepProps } from './stepProps.ts';

/** The ticket dispenser's services: a small editor for id, letter, names and number range. */
export function ServicesStep({ draft, update, problems, focusTitle }: StepProps) {
  const { t } = useTranslation();
  const rowProblems = (n: number): Set<string> =>
    new Set(problems.filter((problem) => problem.values?.['n'] === n).map((problem) => problem.key));

  return (
    <Step name="services" title={t('technician.wizard.steps.services')} focus={focusTitle}>
      <p className="wizard-step__intro">{t(draft.services.length === 0 ? 'technician.services.empty' : 'technician.services.intro')}</p>
      <ol className="services-editor">
        {draft.services.map((row, index) => (
          <ServiceEditor key={row.key} row={row} n={index + 1} invalid={rowProblems(index + 1)} onChange={(patch) => update((d) => updateService(d, row.key, patch))} onRemove={() => update((d) => removeService(d, row.key))} />
        ))}
      </ol>
      <div className="technician-actions">
        <button type="button" className="technician-button technician-button--primary" data-testid="services-add" onClick={() => update(addService)}>
          {t('technician.services.add')}
        </button>
      </div>
    </Step>
  );
}

function ServiceEditor({
  row,
  n,
  invalid,
  onChange,
  onRemove,
}: {
  readonly row: ServiceRow;
  readonly n: number;
  readonly invalid: ReadonlySet<string>;
  readonly onChange: (patch: Partial<Omit<ServiceRow, 'key' | 'base'>>) => void;
  readonly onRemove: () => void;
}) {
  const { t } = useTranslation();
  const titleId = `service-${row.key}-title`;
  return (
    <li className="service-editor" data-testid={`service-row-${n}`}>
      <div className="service-editor__head">
        <h3 id={titleId} className="technician-panel__title">
          {t('technician.services.service', { n })}
        </h3>
        <button type="button" className="technician-button technician-button--small technician-button--danger" data-testid={`service-remove-${n}`} onClick={onRemove}>
          {t('technician.services.remove', { n })}
        </button>
      </div>
      <div className="field-grid">
        <TextField
          label={t('technician.services.id')}
          hint={t('technician.services.idHint')}
          value={row.id}
          onChange={(id) => onChange({ id })}
          invalid={invalid.has('serviceId') || invalid.has('serviceDuplicate')}
          maxLength={64}
          testId={`service-id-${n}`}
        />
        <TextField
          label={t('technician.services.prefix')}
          hint={t('technician.services.prefixHint')}
          value={row.prefix}
          onChange={(prefix) => onChange({ prefix })}
          keyboard="cyrillic"
          maxLength={queueRules.prefixLength.max}
          invalid={invalid.has('servicePrefix') || invalid.has('serviceOverlap')}
          testId={`service-prefix-${n}`}
        />
        <TextField
          label={t('technician.services.nameRu')}
          value={row.nameRu}
          onChange={(nameRu) => onChange({ nameRu })}
          keyboard="cyrillic"
          invalid={invalid.has('serviceName')}
          testId={`service-name-ru-${n}`}
        />
        <TextField label={t('technician.services.nameEn')} value={row.nameEn} onChange={(nameEn) => onChange({ nameEn })} invalid={invalid.has('serviceName')} testId={`service-name-en-${n}`} />
        <TextField
          label={t('technician.services.from')}
          value={row.from}
          onChange={(from) => onChange({ from })}
          keyboard="digits"
          maxLength={TICKET_NUMBER_DIGITS}
          invalid={invalid.has('serviceRange') || invalid.has('serviceOverlap')}
          testId={`service-from-${n}`}
        />
        <TextField
          label={t('technician.services.to')}
          value={row.to}
          onChange={(to) => onChange({ to })}
          keyboard="digits"
          maxLength={TICKET_NUMBER_DIGITS}
          invalid={invalid.has('serviceRange') || invalid.has('serviceOverlap')}
          testId={`service-to-${n}`}
        />
      </div>
    </li>
  );
}
