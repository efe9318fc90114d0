import { useTranslation } from 'react-i18next';
import { OPERATOR_MIN_RATINGS, type Drill, type DrillLevel } from '../../shared/central/dashboardApi.ts';
import { useDashboard } from './dashboardContext.ts';
import { formatAverage, formatCount } from './format.ts';
import { CsvLink, Loaded, SectionHeading, ShareBar, TableBox } from './parts.tsx';
import { ScreenTitle } from './ScreenTitle.tsx';
import { useLoad } from './useLoad.ts';

/** Where the drill down stands: the office, window and service chosen so far (the level follows from them). */
export interface DrillPath {
  readonly office?: string;
  readonly window?: string;
  readonly service?: string;
}

export function levelOf(path: DrillPath): DrillLevel {
  if (path.office === undefined) return 'office';
  if (path.window === undefined) return 'window';
  if (path.service === undefined) return 'service';
  return 'operator';
}

/** The path one level deeper, through the row with this key. */
export function deeper(path: DrillPath, key: string): DrillPath {
  switch (levelOf(path)) {
    case 'office':
      return { office: key };
    case 'window':
      return { ...path, window: key };
    case 'service':
      return { ...path, service: key };
    case 'operator':
      return path;
  }
}

/**
 * office → window → service → operator, with a breadcrumb back up. An office account starts at its
 * windows (its office is fixed). Operators with fewer than OPERATOR_MIN_RATINGS ratings are withheld
 * by the collector: their row says so and shows no figure.
 */
export function DrillScreen({ path, onPath, fixedOffice }: { readonly path: DrillPath; readonly onPath: (path: DrillPath) => void; readonly fixedOffice: string | null }) {
  const { t } = useTranslation();
  const { client, query } = useDashboard();
  const level = levelOf(path);
  const drillQuery = { from: query.from, to: query.to, level, office: path.office, window: path.window, service: path.service };
  const load = useLoad<Drill>(() => client.drill(drillQuery), JSON.stringify(drillQuery));
  const crumbs: Array<{ readonly label: string; readonly path: DrillPath }> = [];
  if (fixedOffice === null) crumbs.push({ label: t('drill.all'), path: {} });
  if (path.office !== undefined) crumbs.push({ label: t('drill.crumb.office', { key: keyText(path.office, t('drill.unlinked')) }), path: { office: path.office } });
  if (path.window !== undefined) crumbs.push({ label: t('drill.crumb.window', { key: keyText(path.window, t('drill.unlinked')) }), path: { office: path.office, window: path.window } });
  if (path.service !== undefined) crumbs.push({ label: t('drill.crumb.service', { key: keyText(path.service, t('drill.unlinked')) }), path });
  const caption = t(`drill.caption.${level}`);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenTitle>{t('drill.title')}</ScreenTitle>
      <nav className="breadcrumb" aria-label={t('drill.breadcrumb')}>
        <ol className="breadcrumb__list">
          {crumbs.map((crumb, index) => (
            <li key={crumb.label} className="breadcrumb__item">
              {index === crumbs.length - 1 ? (
                <span aria-current="location">{crumb.label}</span>
              ) : (
                <button type="button" className="link-button" onClick={() => onPath(crumb.path)}>
                  {crumb.label}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <SectionHeading
        id="drill-title"
        title={caption}
        csv={<CsvLink table="drill" title={caption} extra={{ level, office: path.office ?? query.office, window: path.window, service: path.service }} />}
      />
      {level === 'operator' ? <p className="note">{t('drill.withheldNote')}</p> : null}
      <Loaded load={load}>{(drill) => <DrillTable drill={drill} onOpen={level === 'operator' ? null : (key) => onPath(deeper(path, key))} />}</Loaded>
    </section>
  );
}

const keyText = (key: string, unlinked: string): string => (key === '' ? unlinked : key);

function DrillTable({ drill, onOpen }: { readonly drill: Drill; readonly onOpen: ((key: string) => void) | null }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  if (drill.rows.length === 0) return <p className="notice">{t('drill.empty')}</p>;
  return (
    <TableBox labelledBy="drill-title">
      <table className="table" data-testid="drill-table" data-level={drill.level}>
        <thead>
          <tr>
            <th scope="col">{t(`drill.level.${drill.level}`)}</th>
            <th scope="col">{t('figures.satisfaction')}</th>
            <th scope="col">{t('figures.average')}</th>
            <th scope="col">{t('figures.count')}</th>
          </tr>
        </thead>
        <tbody>
          {drill.rows.map((row) => {
            const name = keyText(row.key, t('drill.unlinked'));
            return (
              <tr key={row.key} data-key={row.key} className={row.withheld ? 'table__row--withheld' : undefined}>
                <th scope="row">
                  {onOpen ? (
                    <button type="button" className="link-button" onClick={() => onOpen(row.key)}>
                      {name}
                    </button>
                  ) : (
                    name
                  )}
                </th>
                {row.withheld ? (
                  <td colSpan={3} className="table__withheld" data-min={OPERATOR_MIN_RATINGS}>
                    {t('drill.withheld')}
                  </td>
                ) : (
                  <>
                    <td className="table__bar">
                      <ShareBar share={row.figures.topTwoShare} />
                    </td>
                    <td className="table__number">{formatAverage(row.figures.average, locale)}</td>
                    <td className="table__number">{formatCount(row.figures.count, locale)}</td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableBox>
  );
}
