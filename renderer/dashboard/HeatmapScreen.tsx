import { useTranslation } from 'react-i18next';
import type { Heatmap, Satisfaction } from '../../shared/central/dashboardApi.ts';
import { useDashboard } from './dashboardContext.ts';
import { formatCount, formatHour, formatShare, formatWeekday } from './format.ts';
import { heatLevel, levelRange, type HeatLevel } from './heatScale.ts';
import { CsvLink, Loaded, SectionHeading, TableBox } from './parts.tsx';
import { ScreenTitle } from './ScreenTitle.tsx';
import { useLoad } from './useLoad.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const LEVELS = [1, 2, 3, 4, 5] as const;
/** The working day shown when the period has no ratings outside it. */
const DEFAULT_HOURS = { first: 8, last: 20 };

/** The hours to show: the usual working day, widened to any hour that has ratings. */
export function hoursOf(heatmap: Heatmap): number[] {
  const withRatings = heatmap.cells.filter((cell) => cell.figures.count > 0).map((cell) => cell.hour);
  const first = Math.min(DEFAULT_HOURS.first, ...withRatings);
  const last = Math.max(DEFAULT_HOURS.last, ...withRatings);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/**
 * Hour × weekday as a table: each cell writes its satisfaction and its number of ratings, and is
 * tinted by its step on the scale (heatScale.ts) — the colour helps the eye, the figure is the fact.
 */
export function HeatmapScreen() {
  const { t } = useTranslation();
  const { client, query } = useDashboard();
  const load = useLoad<Heatmap>(() => client.heatmap(query), JSON.stringify(query));
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenTitle>{t('heatmap.title')}</ScreenTitle>
      <SectionHeading id="heatmap-title" title={t('heatmap.caption')} csv={<CsvLink table="heatmap" title={t('heatmap.title')} />} />
      <Loaded load={load}>{(heatmap) => <HeatTable heatmap={heatmap} />}</Loaded>
      <Legend />
    </section>
  );
}

function HeatTable({ heatmap }: { readonly heatmap: Heatmap }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  if (!heatmap.cells.some((cell) => cell.figures.count > 0)) return <p className="notice">{t('heatmap.empty')}</p>;
  const hours = hoursOf(heatmap);
  const byKey = new Map(heatmap.cells.map((cell) => [`${cell.weekday}-${cell.hour}`, cell.figures]));
  return (
    <TableBox labelledBy="heatmap-title">
      <table className="table heatmap" data-testid="heatmap-table">
        <thead>
          <tr>
            <th scope="col">{t('heatmap.weekday')}</th>
            {hours.map((hour) => (
              <th scope="col" key={hour} className="heatmap__hour">
                {formatHour(hour)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((weekday) => (
            <tr key={weekday}>
              <th scope="row">{formatWeekday(weekday, locale)}</th>
              {hours.map((hour) => (
                <HeatCell key={hour} figures={byKey.get(`${weekday}-${hour}`)} weekday={weekday} hour={hour} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

function HeatCell({ figures, weekday, hour }: { readonly figures: Satisfaction | undefined; readonly weekday: number; readonly hour: number }) {
  const { locale } = useDashboard();
  const level: HeatLevel = figures ? heatLevel(figures) : 0;
  return (
    <td className={`heatmap__cell heatmap__cell--level-${level}`} data-cell={`${weekday}-${hour}`} data-level={level}>
      {figures && level > 0 ? (
        <>
          <span className="heatmap__share">{formatShare(figures.topTwoShare, locale)}</span>
          <span className="heatmap__count">({formatCount(figures.count, locale)})</span>
        </>
      ) : (
        '—'
      )}
    </td>
  );
}

function Legend() {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  return (
    <div className="heat-legend">
      <p className="heat-legend__title" id="heat-legend-title">
        {t('heatmap.legend')}
      </p>
      <ul className="heat-legend__list" aria-labelledby="heat-legend-title">
        {LEVELS.map((level) => {
          const range = levelRange(level);
          return (
            <li key={level} className={`heat-legend__item heatmap__cell--level-${level}`}>
              {t('heatmap.range', { from: formatShare(range.from, locale), to: formatShare(range.to, locale) })}
            </li>
          );
        })}
        <li className="heat-legend__item heatmap__cell--level-0">{t('heatmap.noRatings')}</li>
      </ul>
    </div>
  );
}
