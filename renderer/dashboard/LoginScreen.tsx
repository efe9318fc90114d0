import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/central/dashboardApi.ts';
import type { DashboardClient, Failure } from './dashboardClient.ts';
import type { DashboardLocale } from './format.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { FailureNotice } from './parts.tsx';
import { failureOf } from './useLoad.ts';

export type LoginNotice = 'expired' | 'logged-out' | null;

/**
 * Username and password. A wrong password and a locked account (too many wrong ones: the collector
 * answers 429 or 423 with Retry-After) each get their own sentence; the password field is emptied.
 */
export function LoginScreen({
  client,
  notice,
  locale,
  onLocale,
  onSignedIn,
}: {
  readonly client: DashboardClient;
  readonly notice: LoginNotice;
  readonly locale: DashboardLocale;
  readonly onLocale: (locale: DashboardLocale) => void;
  readonly onSignedIn: (me: Me) => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    client.login(username.trim(), password).then(onSignedIn, (error: unknown) => {
      setBusy(false);
      setPassword('');
      setFailure(failureOf(error));
    });
  };

  const message = ((): ReactNode => {
    if (failure === null) return null;
    if (failure.kind === 'unauthorized') {
      return (
        <p className="notice notice--problem" role="alert" data-testid="login-problem">
          {t('login.wrong')}
        </p>
      );
    }
    if (failure.kind === 'locked') {
      const minutes = failure.retryAfterSeconds === null ? null : Math.max(1, Math.ceil(failure.retryAfterSeconds / 60));
      return (
        <p className="notice notice--problem" role="alert" data-testid="login-problem">
          {minutes === null ? t('login.locked') : t('login.lockedFor', { count: minutes })}
        </p>
      );
    }
    return <FailureNotice failure={failure} />;
  })();

  return (
    <main className="login" id="content">
      <div className="login__language">
        <LanguageSwitch current={locale} onSelect={onLocale} />
      </div>
      <form className="login__card" onSubmit={submit}>
        <h1 className="login__title" tabIndex={-1} ref={heading}>
          {t('login.title')}
        </h1>
        <p className="login__intro">{t('login.intro')}</p>
        {notice ? (
          <p className="notice" role="status" data-testid="login-notice">
            {t(notice === 'expired' ? 'login.expired' : 'login.loggedOut')}
          </p>
        ) : null}
        <label className="field">
          <span className="field__label">{t('login.username')}</span>
          <input className="field__input" name="username" autoComplete="username" required value={username} onChange={(event) => setUsername(event.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input className="field__input" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {message}
        <button type="submit" className="button button--primary login__submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
