import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview, Satisfaction } from '../../shared/central/dashboardApi.ts';
import { useDashboard } from './dashboardContext.ts';
import { formatAverage, formatCount, formatDay, formatLongDay, formatShare } from './format.ts';
import { CsvLink, Loaded, SectionHeading, ShareBar, TableBox, TrendText } from './parts.tsx';
import { ScreenTitle } from './ScreenTitle.tsx';
import { TrendChart, type TrendSeries } from './TrendChart.tsx';
import { useLoad } from './useLoad.ts';

interface OverviewFigures {
  readonly overview: Overview;
  /** The previous period's own days, for the chart's second line. */
  readonly previousDaily: Overview['daily'];
}

/** Satisfaction, its average and count with the trend; the daily chart with its table; offices ranked. */
export function OverviewScreen({ onOpenOffice, onOffices }: { readonly onOpenOffice: (office: string) => void; readonly onOffices: (offices: readonly string[]) => void }) {
  const { t } = useTranslation();
  const { client, query } = useDashboard();
  const load = useLoad<OverviewFigures>(async () => {
    const overview = await client.overview(query);
    const previous = await client.overview({ ...overview.previous, office: query.office });
    return { overview, previousDaily: previous.daily };
  }, JSON.stringify(query));
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenTitle>{t('overview.title')}</ScreenTitle>
      <Loaded load={load}>{(figures) => <OverviewFiguresView figures={figures} onOpenOffice={onOpenOffice} onOffices={onOffices} />}</Loaded>
    </section>
  );
}

function FigureCard({ title, value, hint, children, testId }: { readonly title: string; readonly value: string; readonly hint?: string; readonly children?: ReactNode; readonly testId: string }) {
  return (
    <div className="figure-card" data-testid={testId}>
      <p className="figure-card__title">{title}</p>
      <p className="figure-card__value">{value}</p>
      {hint ? <p className="figure-card__hint">{hint}</p> : null}
      {children}
    </div>
  );
}

function OverviewFiguresView({
  figures,
  onOpenOffice,
  onOffices,
}: {
  readonly figures: OverviewFigures;
  readonly onOpenOffice: (office: string) => void;
  readonly onOffices: (offices: readonly string[]) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  const { overview, previousDaily } = figures;
  // The offices with ratings join the office picker's list (a city account's).
  useEffect(() => onOffices(overview.offices.map((row) => row.office)), [overview, onOffices]);
  const { current, previousFigures } = overview;
  const series = useMemo<TrendSeries>(
    () => ({
      days: overview.daily.map((point) => point.day),
      current: overview.daily.map((point) => point.topTwoShare),
      previous: overview.daily.map((_, index) => previousDaily[index]?.topTwoShare ?? null),
    }),
    [overview, previousDaily],
  );
  return (
    <>
      <div className="figure-cards">
        <FigureCard testId="figure-satisfaction" title={t('figures.satisfaction')} value={formatShare(current.topTwoShare, locale)} hint={t('figures.satisfactionHint')}>
          <p className="figure-card__trend">
            <TrendText current={current} previous={previousFigures} />
          </p>
        </FigureCard>
        <FigureCard
          testId="figure-average"
          title={t('figures.average')}
          value={formatAverage(current.average, locale)}
          hint={t('figures.previous', { value: formatAverage(previousFigures.average, locale) })}
        />
        <FigureCard testId="figure-count" title={t('figures.count')} value={formatCount(current.count, locale)} hint={t('figures.previous', { value: formatCount(previousFigures.count, locale) })} />
      </div>
      {current.count === 0 ? <p className="notice">{t('figures.noRatings')}</p> : null}

      <figure className="trend-chart">
        <figcaption className="trend-chart__caption">
          <span className="trend-chart__title">{t('overview.chartTitle')}</span>
          <span className="trend-chart__legend">
            <span className="trend-chart__key trend-chart__key--current">{t('overview.current')}</span>
            <span className="trend-chart__key trend-chart__key--previous">{t('overview.previous')}</span>
          </span>
          <span className="visually-hidden">
            {t('overview.chartSummary', { from: formatLongDay(overview.period.from, locale), to: formatLongDay(overview.period.to, locale) })}
          </span>
        </figcaption>
        <TrendChart series={series} locale={locale} labels={{ current: t('overview.current'), previous: t('overview.previous') }} />
      </figure>
      <details className="daily-table">
        <summary className="daily-table__summary">{t('overview.tableToggle')}</summary>
        <DailyTable overview={overview} previousDaily={previousDaily} />
      </details>

      <SectionHeading id="offices-title" title={t('overview.offices')} csv={<CsvLink table="overview" title={t('overview.offices')} />} />
      <TableBox labelledBy="offices-title">
        <table className="table" data-testid="offices-table">
          <thead>
            <tr>
              <th scope="col">{t('overview.rank')}</th>
              <th scope="col">{t('overview.office')}</th>
              <th scope="col">{t('figures.satisfaction')}</th>
              <th scope="col">{t('figures.average')}</th>
              <th scope="col">{t('figures.count')}</th>
              <th scope="col">{t('overview.change')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.offices.map((row, index) => (
              <tr key={row.office} data-office={row.office}>
                <td className="table__number">{formatCount(index + 1, locale)}</td>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onOpenOffice(row.office)} aria-label={t('overview.open', { office: row.office })}>
                    {row.office}
                  </button>
                </th>
                <td className="table__bar">
                  <ShareBar share={row.current.topTwoShare} />
                </td>
                <td className="table__number">{formatAverage(row.current.average, locale)}</td>
                <td className="table__number">{formatCount(row.current.count, locale)}</td>
                <td>
                  <TrendText current={row.current} previous={row.previous} short />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}

function DailyTable({ overview, previousDaily }: { readonly overview: Overview; readonly previousDaily: Overview['daily'] }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  const share = (figures: Satisfaction | undefined): string => (figures ? formatShare(figures.topTwoShare, locale) : '—');
  return (
    <>
      <div className="section-heading">
        <span id="daily-title" className="section-heading__title section-heading__title--small">
          {t('overview.dailyCaption')}
        </span>
        <CsvLink table="overview" title={t('overview.dailyCaption')} />
      </div>
      <TableBox labelledBy="daily-title">
        <table className="table" data-testid="daily-table">
          <thead>
            <tr>
              <th scope="col">{t('overview.day')}</th>
              <th scope="col">{t('figures.satisfaction')}</th>
              <th scope="col">{t('figures.count')}</th>
              <th scope="col">{t('overview.previousDay')}</th>
              <th scope="col">{t('overview.previous')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.daily.map((point, index) => {
              const before = previousDaily[index];
              return (
                <tr key={point.day}>
                  <th scope="row">{formatDay(point.day, locale)}</th>
                  <td className="table__number">{share(point)}</td>
                  <td className="table__number">{formatCount(point.count, locale)}</td>
                  <td>{before ? formatDay(before.day, locale) : '—'}</td>
                  <td className="table__number">{share(before)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}
