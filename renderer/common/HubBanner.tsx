import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/configRules.ts';
import type { HubConnectionView } from '../../shared/kioskApi.ts';
import { clockTime } from './clockTime.ts';
import './hubBanner.css';

/**
 * The office screens' word on their link to the hub: nothing while it is live; "no connection" while
 * it is not, with the time of the last update once what is shown is 10 s old (the core says when).
 */
export function HubBanner({ connection, staleSince, locale }: { readonly connection: HubConnectionView; readonly staleSince: string | null; readonly locale: Locale }) {
  const { t } = useTranslation();
  const shown = connection.state !== 'connected' || staleSince !== null;
  return (
    // Always in the page, so a screen reader hears the connection go and come back.
    <div className={shown ? 'hub-banner' : 'hub-banner hub-banner--hidden'} role="status" data-testid="hub-banner">
      {shown && (
        <>
          <span className="hub-banner__what">{connection.state === 'refused' ? t('office.refused') : t('office.noConnection')}</span>
          {staleSince !== null && <span className="hub-banner__since">{t('office.lastUpdate', { time: clockTime(staleSince, locale) })}</span>}
        </>
      )}
    </div>
  );
}
