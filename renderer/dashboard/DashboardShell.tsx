import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/central/dashboardApi.ts';
import { AlertsScreen } from './AlertsScreen.tsx';
import { alertSentence } from './alertWords.ts';
import { DashboardContext, type DashboardContextValue } from './dashboardContext.ts';
import type { DashboardClient } from './dashboardClient.ts';
import { DevicesScreen } from './DevicesScreen.tsx';
import { DrillScreen, type DrillPath } from './DrillScreen.tsx';
import { FollowUpsScreen } from './FollowUpsScreen.tsx';
import { formatCount, formatLongDay, type DashboardLocale } from './format.ts';
import { HeatmapScreen } from './HeatmapScreen.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { OverviewScreen } from './OverviewScreen.tsx';
import { localDay, periodFor } from './period.ts';
import { PeriodPicker, type PeriodPick } from './PeriodPicker.tsx';
import { QueueScreen } from './QueueScreen.tsx';
import { useAlertFeed } from './useAlertFeed.ts';

const SCREENS = ['overview', 'drill', 'heatmap', 'followups', 'queue', 'devices', 'alerts'] as const;
type Screen = (typeof SCREENS)[number];

/**
 * The signed-in dashboard: the account and language on top, the sections, the period and office the
 * figures are for, then the section itself. The live alert feed runs here, whatever section is open,
 * so the count of open alerts stays true and a new alert is announced.
 */
export function DashboardShell({
  client,
  me,
  locale,
  onLocale,
  sessionEnded,
  onLogout,
}: {
  readonly client: DashboardClient;
  readonly me: Me;
  readonly locale: DashboardLocale;
  readonly onLocale: (locale: DashboardLocale) => void;
  readonly sessionEnded: () => void;
  readonly onLogout: () => void;
}) {
  const { t } = useTranslation();
  const today = localDay(new Date());
  const [screen, setScreen] = useState<Screen>('overview');
  const [pick, setPick] = useState<PeriodPick>({ choice: '7d', period: periodFor('7d', today) });
  // A city account may narrow to one office; an office account always sees its own (the server narrows it).
  const [office, setOffice] = useState<string | undefined>(undefined);
  const [offices, setOffices] = useState<readonly string[]>([]);
  const [drillPath, setDrillPath] = useState<DrillPath>(me.office === null ? {} : { office: me.office });
  const feed = useAlertFeed(client, office, sessionEnded);

  const addOffices = useCallback((more: readonly string[]) => {
    setOffices((known) => (more.every((name) => known.includes(name)) ? known : [...new Set([...known, ...more])].sort()));
  }, []);

  useEffect(() => {
    if (me.role !== 'city') return;
    let current = true;
    // The offices to pick from: those with devices; the overview adds those with ratings.
    client.devices(undefined).then(
      (answer) => {
        if (current) addOffices(answer.devices.flatMap((device) => (device.office === null ? [] : [device.office])));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, me.role, addOffices]);

  const context = useMemo<DashboardContextValue>(() => ({ client, locale, query: { from: pick.period.from, to: pick.period.to, office }, sessionEnded }), [client, locale, pick, office, sessionEnded]);

  const openOffice = useCallback((chosen: string) => {
    setDrillPath({ office: chosen });
    setScreen('drill');
  }, []);

  const chooseOffice = (value: string) => {
    const chosen = value === '' ? undefined : value;
    setOffice(chosen);
    setDrillPath(chosen === undefined ? {} : { office: chosen });
  };

  return (
    <DashboardContext.Provider value={context}>
      <header className="topbar">
        <h1 className="topbar__title">
          <span className="topbar__brand">{t('app.brand')}</span> {t('app.name')}
        </h1>
        <div className="topbar__tools">
          <LanguageSwitch current={locale} onSelect={onLocale} />
          <p className="topbar__account" data-testid="account">
            {me.office === null ? t('session.city', { username: me.username }) : t('session.office', { username: me.username, office: me.office })}
          </p>
          <button type="button" className="button button--quiet" onClick={onLogout}>
            {t('session.logout')}
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label={t('nav.label')}>
        <ul className="tabs__list">
          {SCREENS.map((name) => (
            <li key={name} className="tabs__item">
              <button type="button" className="tabs__tab" aria-current={screen === name ? 'page' : undefined} data-screen={name} onClick={() => setScreen(name)}>
                {t(`nav.${name}`)}
                {name === 'alerts' && feed.openCount > 0 ? (
                  <span className="tabs__badge" data-testid="open-alerts">
                    <span aria-hidden="true">{formatCount(feed.openCount, locale)}</span>
                    <span className="visually-hidden">{t('nav.openAlerts', { count: feed.openCount })}</span>
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="toolbar">
        <PeriodPicker value={pick} today={today} onChange={setPick} />
        {me.role === 'city' ? (
          <label className="field field--inline">
            <span className="field__label">{t('office.label')}</span>
            <select className="field__input" value={office ?? ''} onChange={(event) => chooseOffice(event.target.value)} data-testid="office-picker">
              <option value="">{t('office.all')}</option>
              {offices.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <p className="toolbar__period" data-testid="period-shown">
          {t('period.shown', { from: formatLongDay(pick.period.from, locale), to: formatLongDay(pick.period.to, locale) })}
        </p>
      </div>
      <main className="content" id="content">
        {screen === 'overview' ? <OverviewScreen onOpenOffice={openOffice} onOffices={addOffices} /> : null}
        {screen === 'drill' ? <DrillScreen path={drillPath} onPath={setDrillPath} fixedOffice={me.office} /> : null}
        {screen === 'heatmap' ? <HeatmapScreen /> : null}
        {screen === 'followups' ? <FollowUpsScreen /> : null}
        {screen === 'queue' ? <QueueScreen /> : null}
        {screen === 'devices' ? <DevicesScreen /> : null}
        {screen === 'alerts' ? <AlertsScreen feed={feed} /> : null}
      </main>
      <div className="visually-hidden" role="status" data-testid="alert-announcement">
        {feed.arrived ? t('alerts.arrived', { text: alertSentence(feed.arrived, t, locale) }) : ''}
      </div>
    </DashboardContext.Provider>
  );
}
