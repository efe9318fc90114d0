import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvTable, Satisfaction } from '../../shared/central/dashboardApi.ts';
import { csvHref } from './csvLink.ts';
import type { Failure } from './dashboardClient.ts';
import { useDashboard } from './dashboardContext.ts';
import { formatPoints, formatShare } from './format.ts';
import { TREND_ARROW, trendOf } from './trend.ts';
import type { LoadState } from './useLoad.ts';

/** The sentence for a failure (401 never gets here: it ends the session). */
export function FailureNotice({ failure, onRetry }: { readonly failure: Failure; readonly onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = ((): string => {
    switch (failure.kind) {
      case 'unauthorized':
      case 'forbidden':
        return t('failure.forbidden');
      case 'unavailable':
        return failure.retryAfterSeconds === null ? t('failure.unavailable') : t('failure.unavailableFor', { seconds: failure.retryAfterSeconds });
      case 'locked':
        return t('login.locked');
      case 'network':
        return t('failure.network');
      case 'invalid-answer':
        return t('failure.invalidAnswer');
      case 'refused':
        return t('failure.refused', { reason: failure.reason });
    }
  })();
  return (
    <div className="notice notice--problem" role="alert">
      <p className="notice__text">{text}</p>
      {onRetry && failure.kind !== 'forbidden' ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('failure.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A screen's figures once they are there: "loading" while not, the failure with a retry when refused. */
export function Loaded<T>({ load, children }: { readonly load: { readonly state: LoadState<T>; readonly retry: () => void }; readonly children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  const { state, retry } = load;
  if (state.status === 'loading') {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (state.status === 'failed') return <FailureNotice failure={state.failure} onRetry={retry} />;
  return <>{children(state.data)}</>;
}

/** The CSV export of a table, with the same question as the table (the toolbar's period and office). */
export function CsvLink({ table, title, extra = {} }: { readonly table: CsvTable; readonly title: string; readonly extra?: Readonly<Record<string, string | undefined>> }) {
  const { t } = useTranslation();
  const { query } = useDashboard();
  const params = table === 'devices' ? { office: query.office, ...extra } : { ...query, ...extra };
  return (
    <a className="csv-link" href={csvHref(table, params)} download aria-label={t('csv.label', { table: title })}>
      {t('csv.link')}
    </a>
  );
}

/** A section's heading with its CSV link beside it. */
export function SectionHeading({ id, title, csv }: { readonly id: string; readonly title: string; readonly csv?: ReactNode }) {
  return (
    <div className="section-heading">
      <h3 id={id} className="section-heading__title">
        {title}
      </h3>
      {csv}
    </div>
  );
}

/** A wide table in a box that scrolls sideways on a narrow screen, and can be scrolled with the keyboard. */
export function TableBox({ labelledBy, children }: { readonly labelledBy: string; readonly children: ReactNode }) {
  return (
    // tabIndex 0: a region that scrolls must take the focus, or a keyboard cannot scroll it.
    <div className="table-box" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

/** The trend against the previous period: arrow and words and the difference, never the colour alone. */
export function TrendText({ current, previous, short = false }: { readonly current: Satisfaction; readonly previous: Satisfaction; readonly short?: boolean }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  const trend = trendOf(current, previous);
  const points = trend.points === null ? '' : formatPoints(trend.points, locale, false);
  const words = ((): string => {
    switch (trend.direction) {
      case 'up':
        return short ? t('trend.shortUp', { points }) : t('trend.up', { points });
      case 'down':
        return short ? t('trend.shortDown', { points }) : t('trend.down', { points });
      case 'same':
        return short ? t('trend.shortSame') : t('trend.same');
      case 'unknown':
        return short ? '—' : t('trend.unknown');
    }
  })();
  // The short form's sign is not read out the same by every screen reader: it is said in a word too.
  const spoken = short && (trend.direction === 'up' || trend.direction === 'down') ? t(trend.direction === 'up' ? 'trend.upLabel' : 'trend.downLabel') : null;
  return (
    <span className={`trend trend--${trend.direction}`} data-trend={trend.direction}>
      {TREND_ARROW[trend.direction] ? (
        <span className="trend__arrow" aria-hidden="true">
          {TREND_ARROW[trend.direction]}
        </span>
      ) : null}
      {spoken ? <span className="visually-hidden">{spoken} </span> : null}
      <span className="trend__words">{words}</span>
    </span>
  );
}

/** A share with a bar behind it; the bar is decoration, the number is the figure. */
export function ShareBar({ share }: { readonly share: number | null }) {
  const { locale } = useDashboard();
  return (
    <span className="share-bar">
      <span className="share-bar__track" aria-hidden="true">
        <span className="share-bar__fill" style={{ inlineSize: `${Math.round((share ?? 0) * 1000) / 10}%` }} />
      </span>
      <span className="share-bar__value">{formatShare(share, locale)}</span>
    </span>
  );
}
