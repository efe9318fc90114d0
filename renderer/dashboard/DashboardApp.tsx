import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Me } from '../../shared/central/dashboardApi.ts';
import { DashboardClient } from './dashboardClient.ts';
import { DashboardShell } from './DashboardShell.tsx';
import type { DashboardLocale } from './format.ts';
import { dashboardI18n, DEFAULT_DASHBOARD_LOCALE, isDashboardLocale } from './i18n.ts';
import { LoginScreen, type LoginNotice } from './LoginScreen.tsx';

const LOCALE_KEY = 'okno.dashboard.locale';

/** The language the manager chose last time on this browser, else Russian. */
function savedLocale(): DashboardLocale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    return isDashboardLocale(saved) ? saved : DEFAULT_DASHBOARD_LOCALE;
  } catch {
    return DEFAULT_DASHBOARD_LOCALE;
  }
}

type Session = { readonly state: 'checking' } | { readonly state: 'out'; readonly notice: LoginNotice } | { readonly state: 'in'; readonly me: Me };

/** The session (who is signed in, asked of the collector at load) and the language; the rest is the shell's. */
export function DashboardApp() {
  const client = useMemo(() => new DashboardClient(), []);
  const [locale, setLocale] = useState<DashboardLocale>(savedLocale);
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const i18n = dashboardI18n(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('app.title');
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // A browser that keeps nothing: the language is asked again next time.
    }
  }, [locale, i18n]);

  useEffect(() => {
    client.me().then(
      (me) => setSession({ state: 'in', me }),
      // Not signed in (401), or the collector not reachable: the login says what went wrong when tried.
      () => setSession({ state: 'out', notice: null }),
    );
  }, [client]);

  const sessionEnded = useCallback(() => setSession({ state: 'out', notice: 'expired' }), []);
  const logout = useCallback(() => {
    client.logout().then(
      () => setSession({ state: 'out', notice: 'logged-out' }),
      () => setSession({ state: 'out', notice: 'logged-out' }),
    );
  }, [client]);

  return (
    <I18nextProvider i18n={i18n}>
      <a className="skip-link" href="#content">
        {i18n.t('app.skip')}
      </a>
      {session.state === 'checking' ? (
        <p className="loading" role="status">
          {i18n.t('app.loading')}
        </p>
      ) : session.state === 'out' ? (
        <LoginScreen client={client} notice={session.notice} locale={locale} onLocale={setLocale} onSignedIn={(me) => setSession({ state: 'in', me })} />
      ) : (
        <DashboardShell client={client} me={session.me} locale={locale} onLocale={setLocale} sessionEnded={sessionEnded} onLogout={logout} />
      )}
    </I18nextProvider>
  );
}
