import { useTranslation } from 'react-i18next';
import type { FollowUps } from '../../shared/central/dashboardApi.ts';
import { useDashboard } from './dashboardContext.ts';
import { formatCount } from './format.ts';
import { CsvLink, Loaded, SectionHeading, ShareBar, TableBox } from './parts.tsx';
import { ScreenTitle } from './ScreenTitle.tsx';
import { useLoad } from './useLoad.ts';

/** What visitors chose after a low score, each reason with its count and its share of all. */
export function FollowUpsScreen() {
  const { t } = useTranslation();
  const { client, query } = useDashboard();
  const load = useLoad<FollowUps>(() => client.followUps(query), JSON.stringify(query));
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenTitle>{t('followups.title')}</ScreenTitle>
      <SectionHeading id="followups-title" title={t('followups.caption')} csv={<CsvLink table="followups" title={t('followups.title')} />} />
      <Loaded load={load}>{(followUps) => <FollowUpsTable followUps={followUps} />}</Loaded>
    </section>
  );
}

function FollowUpsTable({ followUps }: { readonly followUps: FollowUps }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  const total = followUps.rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <TableBox labelledBy="followups-title">
      <table className="table" data-testid="followups-table">
        <thead>
          <tr>
            <th scope="col">{t('followups.reason')}</th>
            <th scope="col">{t('followups.count')}</th>
            <th scope="col">{t('followups.share')}</th>
          </tr>
        </thead>
        <tbody>
          {followUps.rows.map((row) => (
            <tr key={row.reason} data-reason={row.reason}>
              <th scope="row">{t(`followups.reasons.${row.reason}`)}</th>
              <td className="table__number">{formatCount(row.count, locale)}</td>
              <td className="table__bar">
                <ShareBar share={total === 0 ? null : row.count / total} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}
