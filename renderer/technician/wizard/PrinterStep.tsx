import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAPER_COLUMNS } from '../../../shared/configRules.ts';
import type { Result } from '../../../shared/result.ts';
import type { PrintTestView } from '../../../shared/technicianApi.ts';
import { settle } from '../call.ts';
import type { WizardDraft } from './draft.ts';
import { printOutcomePhrase } from './phrases.ts';
import { Choice, ChoiceGroup, Outcome, Step } from './parts.tsx';
import { PortPicker } from './PortPicker.tsx';
import { hasProblem, type StepProps } from './stepProps.ts';

type Test = { readonly kind: 'idle' } | { readonly kind: 'printing' } | { readonly kind: 'done'; readonly result: Result<PrintTestView> };

/** The ticket printer: its port, the paper width, and a test print with its outcome in words. */
export function PrinterStep({ draft, update, technician, problems, focusTitle }: StepProps) {
  const { t } = useTranslation();
  const [test, setTest] = useState<Test>({ kind: 'idle' });
  const { path, columns, baudRate } = draft.printer;
  const setPrinter = (patch: Partial<WizardDraft['printer']>): void => {
    setTest({ kind: 'idle' });
    update((d) => ({ ...d, printer: { ...d.printer, ...patch } }));
  };
  const testPath = path?.trim() ?? '';

  const print = (): void => {
    if (!testPath) return;
    setTest({ kind: 'printing' });
    void settle(technician.request('testPrint', { path: testPath, baudRate, columns })).then((result) => setTest({ kind: 'done', result }));
  };

  return (
    <Step name="printer" title={t('technician.wizard.steps.printer')} focus={focusTitle}>
      <PortPicker
        technician={technician}
        name="printer"
        legend={t('technician.printer.port')}
        value={path}
        onChange={(next) => setPrinter({ path: next })}
        allowAuto={false}
        invalid={hasProblem(problems, 'printerPath')}
      />
      {path !== null && (
        <>
          <ChoiceGroup legend={t('technician.printer.paper')} className="choices--row">
            <Choice
              name="printer-paper"
              value="80"
              checked={columns === PAPER_COLUMNS['80']}
              onSelect={() => setPrinter({ columns: PAPER_COLUMNS['80'] })}
              label={t('technician.printer.paper80')}
              testId="printer-paper-80"
            />
            <Choice
              name="printer-paper"
              value="58"
              checked={columns === PAPER_COLUMNS['58']}
              onSelect={() => setPrinter({ columns: PAPER_COLUMNS['58'] })}
              label={t('technician.printer.paper58')}
              testId="printer-paper-58"
            />
          </ChoiceGroup>
          <div className="technician-actions">
            <button type="button" className="technician-button technician-button--primary" data-testid="printer-test" disabled={!testPath || test.kind === 'printing'} onClick={print}>
              {t(test.kind === 'printing' ? 'technician.printer.printing' : 'technician.printer.test')}
            </button>
          </div>
          {test.kind === 'done' && <PrintOutcome result={test.result} />}
        </>
      )}
    </Step>
  );
}

function PrintOutcome({ result }: { readonly result: Result<PrintTestView> }) {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <Outcome tone="bad" testId="printer-test-result">
        {t('technician.common.failed', { message: result.error.message })}
      </Outcome>
    );
  }
  const phrase = printOutcomePhrase(result.value.outcome);
  return (
    <div role="status">
      <Outcome tone={phrase.tone} testId="printer-test-result">
        <span data-outcome={result.value.outcome}>{t(phrase.key)}</span>
        {phrase.tone === 'bad' && result.value.detail ? <span className="outcome__detail"> ({result.value.detail})</span> : null}
      </Outcome>
    </div>
  );
}
