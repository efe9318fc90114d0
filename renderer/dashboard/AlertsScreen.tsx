import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, Alerts } from '../../shared/central/dashboardApi.ts';
import { AckDialog } from './AckDialog.tsx';
import { mergeAlert } from './alertText.ts';
import { alertPlace, alertSentence } from './alertWords.ts';
import { useDashboard } from './dashboardContext.ts';
import { formatMoment } from './format.ts';
import { CsvLink, Loaded, SectionHeading, TableBox } from './parts.tsx';
import { ScreenTitle } from './ScreenTitle.tsx';
import type { AlertFeed } from './useAlertFeed.ts';
import { useLoad } from './useLoad.ts';

/**
 * The alerts, newest first, kept live by the feed: a new one appears at the top, an acknowledged one
 * shows who acknowledged it, when and with what comment. Acknowledging opens a dialog for the comment.
 */
export function AlertsScreen({ feed }: { readonly feed: AlertFeed }) {
  const { t } = useTranslation();
  const { client, query } = useDashboard();
  const [show, setShow] = useState<'open' | 'all'>('open');
  const load = useLoad<Alerts>(() => client.alerts(show, query.office), `${show}|${query.office ?? ''}`);
  const [alerts, setAlerts] = useState<readonly Alert[]>([]);
  const [acknowledging, setAcknowledging] = useState<Alert | null>(null);

  useEffect(() => {
    if (load.state.status === 'ready') setAlerts(load.state.data.alerts);
  }, [load.state]);
  useEffect(() => feed.subscribe((alert) => setAlerts((before) => mergeAlert(before, alert))), [feed]);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenTitle>{t('alerts.title')}</ScreenTitle>
      <p className="note" data-testid="feed-state">
        {feed.live ? t('alerts.live') : t('alerts.streamLost')}
      </p>
      <fieldset className="choice-group">
        <legend className="choice-group__legend">{t('alerts.showLabel')}</legend>
        {(['open', 'all'] as const).map((value) => (
          <label key={value} className="choice-group__option">
            <input type="radio" name="alerts-show" value={value} checked={show === value} onChange={() => setShow(value)} />
            {t(value === 'open' ? 'alerts.showOpen' : 'alerts.showAll')}
          </label>
        ))}
      </fieldset>
      <SectionHeading id="alerts-title" title={t('alerts.caption')} csv={<CsvLink table="alerts" title={t('alerts.title')} extra={{ state: show }} />} />
      <Loaded load={load}>{() => <AlertsTable alerts={alerts} empty={show === 'open' ? t('alerts.empty') : t('alerts.emptyAll')} onAcknowledge={setAcknowledging} />}</Loaded>
      {acknowledging ? (
        <AckDialog
          alert={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={(acknowledged) => {
            setAlerts((before) => mergeAlert(before, acknowledged));
            feed.changed(acknowledged);
            setAcknowledging(null);
          }}
        />
      ) : null}
    </section>
  );
}

function AlertsTable({ alerts, empty, onAcknowledge }: { readonly alerts: readonly Alert[]; readonly empty: string; readonly onAcknowledge: (alert: Alert) => void }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  if (alerts.length === 0) return <p className="notice">{empty}</p>;
  return (
    <TableBox labelledBy="alerts-title">
      <table className="table" data-testid="alerts-table">
        <thead>
          <tr>
            <th scope="col">{t('alerts.openedAt')}</th>
            <th scope="col">{t('alerts.what')}</th>
            <th scope="col">{t('alerts.where')}</th>
            <th scope="col">{t('alerts.state')}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => {
            const sentence = alertSentence(alert, t, locale);
            return (
              <tr key={alert.id} data-alert={alert.id} className={alert.acknowledged ? undefined : 'table__row--open'}>
                <td>{formatMoment(alert.openedAt, locale)}</td>
                <th scope="row">{sentence}</th>
                <td>{alertPlace(alert, t)}</td>
                <td data-testid="alert-state">
                  {alert.acknowledged ? (
                    <>
                      <span className="alert-ack">{t('alerts.ackBy', { by: alert.acknowledged.by, at: formatMoment(alert.acknowledged.at, locale) })}</span>
                      <span className="alert-ack__comment">{t('alerts.comment', { comment: alert.acknowledged.comment })}</span>
                    </>
                  ) : (
                    <button type="button" className="button" onClick={() => onAcknowledge(alert)} aria-label={t('alerts.ackLabel', { text: sentence })}>
                      {t('alerts.ack')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableBox>
  );
}
