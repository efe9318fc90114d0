import { useTranslation } from 'react-i18next';
import type { QueueFigures, QueueRow } from '../../shared/central/dashboardApi.ts';
import { useDashboard } from './dashboardContext.ts';
import { formatCount, formatMinutes, formatShare } from './format.ts';
import { CsvLink, Loaded, SectionHeading, TableBox } from './parts.tsx';
import { ScreenTitle } from './ScreenTitle.tsx';
import { useLoad } from './useLoad.ts';

/** The office queue is in use in the period when it called or served anyone. */
export const queueInUse = (figures: QueueFigures): boolean => figures.total.called > 0 || figures.total.finished > 0;

/** Waits and service times per service and per window, and the share over the MFC norm (15 minutes). */
export function QueueScreen() {
  const { t } = useTranslation();
  const { client, query } = useDashboard();
  const load = useLoad<QueueFigures>(() => client.queue(query), JSON.stringify(query));
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenTitle>{t('queue.title')}</ScreenTitle>
      <Loaded load={load}>{(figures) => (queueInUse(figures) ? <QueueTables figures={figures} /> : <p className="notice">{t('queue.notInUse')}</p>)}</Loaded>
    </section>
  );
}

function QueueTables({ figures }: { readonly figures: QueueFigures }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  return (
    <>
      <p className="note">{t('queue.norm')}</p>
      <div className="figure-cards">
        <div className="figure-card" data-testid="queue-over-norm">
          <p className="figure-card__title">{t('queue.overNormSummary')}</p>
          <p className="figure-card__value">{formatShare(figures.total.overNormShare, locale)}</p>
        </div>
        <div className="figure-card">
          <p className="figure-card__title">{t('queue.averageWait')}</p>
          <p className="figure-card__value">{formatMinutes(figures.total.averageWaitSeconds, locale)}</p>
        </div>
        <div className="figure-card">
          <p className="figure-card__title">{t('queue.averageService')}</p>
          <p className="figure-card__value">{formatMinutes(figures.total.averageServiceSeconds, locale)}</p>
        </div>
      </div>
      <QueueTable id="queue-services" title={t('queue.byService')} keyTitle={t('queue.service')} rows={figures.byService} total={figures.total} />
      <QueueTable id="queue-windows" title={t('queue.byWindow')} keyTitle={t('queue.window')} rows={figures.byWindow} total={figures.total} />
    </>
  );
}

function QueueTable({ id, title, keyTitle, rows, total }: { readonly id: string; readonly title: string; readonly keyTitle: string; readonly rows: readonly QueueRow[]; readonly total: QueueRow }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  const line = (row: QueueRow, name: string, isTotal = false) => (
    <tr key={isTotal ? '\u0000total' : row.key} className={isTotal ? 'table__row--total' : undefined}>
      <th scope="row">{name}</th>
      <td className="table__number">{formatCount(row.called, locale)}</td>
      <td className="table__number">{formatMinutes(row.averageWaitSeconds, locale)}</td>
      <td className="table__number">{formatShare(row.overNormShare, locale)}</td>
      <td className="table__number">{formatCount(row.finished, locale)}</td>
      <td className="table__number">{formatMinutes(row.averageServiceSeconds, locale)}</td>
    </tr>
  );
  return (
    <>
      <SectionHeading id={id} title={title} csv={<CsvLink table="queue" title={title} />} />
      <TableBox labelledBy={id}>
        <table className="table" data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{keyTitle}</th>
              <th scope="col">{t('queue.called')}</th>
              <th scope="col">{t('queue.averageWait')}</th>
              <th scope="col">{t('queue.overNorm')}</th>
              <th scope="col">{t('queue.finished')}</th>
              <th scope="col">{t('queue.averageService')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => line(row, row.key))}
            {line(total, t('queue.total'), true)}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}
