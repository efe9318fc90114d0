import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../shared/central/dashboardApi.ts';
import { alertSentence } from './alertWords.ts';
import { useDashboard } from './dashboardContext.ts';
import type { Failure } from './dashboardClient.ts';
import { FailureNotice } from './parts.tsx';
import { failureOf } from './useLoad.ts';

const COMMENT_MAX = 500;

/**
 * Acknowledge an alert with a comment (what was done): a modal dialog (the browser's own <dialog>:
 * it keeps the focus inside, Escape closes it, the focus goes back to the button that opened it).
 */
export function AckDialog({ alert, onClose, onDone }: { readonly alert: Alert; readonly onClose: () => void; readonly onDone: (alert: Alert) => void }) {
  const { t } = useTranslation();
  const { client, locale, sessionEnded } = useDashboard();
  const dialog = useRef<HTMLDialogElement>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim() === '') {
      setEmpty(true);
      return;
    }
    setBusy(true);
    setFailure(null);
    client.acknowledge(alert.id, comment.trim()).then(
      (acknowledged) => onDone(acknowledged),
      (error: unknown) => {
        setBusy(false);
        const reason = failureOf(error);
        if (reason.kind === 'unauthorized') sessionEnded();
        else setFailure(reason);
      },
    );
  };

  return (
    <dialog className="dialog" ref={dialog} aria-labelledby="ack-title" onClose={onClose} data-testid="ack-dialog">
      <form className="dialog__form" onSubmit={submit} noValidate>
        <h2 id="ack-title" className="dialog__title">
          {t('alerts.ackTitle')}
        </h2>
        <p className="dialog__alert">{alertSentence(alert, t, locale)}</p>
        <label className="field" htmlFor="ack-comment">
          <span className="field__label">{t('alerts.ackComment')}</span>
          <textarea
            id="ack-comment"
            className="field__input field__input--text"
            value={comment}
            maxLength={COMMENT_MAX}
            rows={3}
            required
            aria-invalid={empty}
            aria-describedby={empty ? 'ack-empty' : undefined}
            onChange={(event) => {
              setComment(event.target.value);
              setEmpty(false);
            }}
          />
        </label>
        {empty ? (
          <p id="ack-empty" className="field__error" role="alert">
            {t('alerts.ackEmpty')}
          </p>
        ) : null}
        {failure ? <FailureNotice failure={failure} /> : null}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
            {t('alerts.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('alerts.ackSubmit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
