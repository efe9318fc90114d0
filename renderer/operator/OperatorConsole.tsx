import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskState, OperatorView } from '../../shared/kioskApi.ts';
import { ConnectingScreen } from '../common/ConnectingScreen.tsx';
import { HubBanner } from '../common/HubBanner.tsx';
import type { Intents } from '../common/intents.ts';
import { Lang } from '../common/Lang.tsx';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';
import { TechnicianBanner } from '../common/TechnicianBanner.tsx';
import { CONSOLE_KEYS, commandForKey } from './consoleCommands.ts';
import { ConsoleDesk } from './ConsoleDesk.tsx';
import { noticeText } from './noticeText.ts';
import { SignInForm } from './SignInForm.tsx';
import './operator.css';

/**
 * The operator's console (device.mode "operator") on the operator's PC at a window: sign in, then the
 * window's ticket, the queue commands on big buttons and function keys, and the waiting per service.
 * A pure view of `state.operator`: what a command did arrives as a new state (and its notice).
 */
export function OperatorConsole({ state, intents }: { readonly state: KioskState; readonly intents: Intents }) {
  const { t } = useTranslation();
  const operator = state.operator;
  const window = operator?.window ?? null;
  const locale = state.session.locale;
  return (
    <div className="terminal terminal--operator">
      <header className="topbar console-bar">
        <div className="console-bar__who">
          <p className="console-bar__office">
            <Lang text={state.device.office} />
          </p>
          {window && (
            <p className="console-bar__window">
              <span className="console-bar__label">
                <Lang text={window.label} />
              </span>
              <span className={`console-status console-status--${window.status}`}>{t(`operator.status.${window.status}`)}</span>
              {window.operator && <span className="console-bar__operator"><Lang text={t('operator.operator', { name: window.operator.name })} /></span>}
            </p>
          )}
        </div>
        <div className="console-bar__actions">
          {window?.operator && (
            <button type="button" className="console-bar__sign-out" disabled={operator?.pending !== null} onClick={() => void intents.operatorSignOut()}>
              {t('operator.signOut')}
            </button>
          )}
          <LanguageSwitch locales={state.ui.locales} current={locale} onSelect={intents.setLocale} />
        </div>
      </header>
      {operator && <HubBanner connection={operator.connection} staleSince={operator.staleSince} locale={locale} />}
      {state.health.needsTechnician && <TechnicianBanner />}
      <Notice operator={operator} />
      <ConsoleScreen state={state} operator={operator} intents={intents} />
    </div>
  );
}

function ConsoleScreen({ state, operator, intents }: { readonly state: KioskState; readonly operator: OperatorView | null; readonly intents: Intents }) {
  const { t } = useTranslation();
  if (!operator || !operator.synced) {
    if (operator && operator.connection.state !== 'connecting') {
      return (
        <main className="screen">
          <ScreenTitle>{t('office.refused')}</ScreenTitle>
        </main>
      );
    }
    return operator ? (
      <main className="screen screen--connecting">
        <ScreenTitle>{t('office.connecting')}</ScreenTitle>
      </main>
    ) : (
      <ConnectingScreen />
    );
  }
  if (!operator.window) {
    return (
      <main className="screen">
        <ScreenTitle>
          <Lang text={t('operator.unknownWindow', { window: state.device.window })} />
        </ScreenTitle>
      </main>
    );
  }
  if (operator.window.status === 'closed') {
    return <SignInForm windowLabel={operator.window.label} pending={operator.pending !== null} onSignIn={intents.operatorSignIn} />;
  }
  return <DeskWithKeys operator={operator} intents={intents} locale={state.session.locale} defaultLocale={state.ui.defaultLocale} />;
}

function DeskWithKeys({ operator, intents, locale, defaultLocale }: { readonly operator: OperatorView; readonly intents: Intents; readonly locale: KioskState['session']['locale']; readonly defaultLocale: KioskState['ui']['defaultLocale'] }) {
  const redirectOpen = useRef<(() => void) | null>(null);
  const viewRef = useRef(operator);
  useEffect(() => {
    viewRef.current = operator;
  }, [operator]);

  // F1…F7 act as the buttons do, and only when their button can be pressed; the browser's own
  // meaning of those keys (help, reload) never applies on the console.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!CONSOLE_KEYS.has(event.key)) return;
      event.preventDefault();
      if (event.repeat || document.querySelector('dialog[open]')) return;
      const command = commandForKey(event.key, viewRef.current);
      if (command === null) return;
      if (command === 'redirect') redirectOpen.current?.();
      else void intents.operatorCommand({ command });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [intents]);

  const registerRedirect = useCallback((open: () => void): void => {
    redirectOpen.current = open;
  }, []);
  return <ConsoleDesk operator={operator} intents={intents} locale={locale} defaultLocale={defaultLocale} registerRedirect={registerRedirect} />;
}

/** The answer to the last request, in words, in a live region (a screen reader says it too). */
function Notice({ operator }: { readonly operator: OperatorView | null }) {
  const { t } = useTranslation();
  const notice = operator?.notice ?? null;
  const tone = notice === null ? '' : notice.answer.ok ? ' console-notice--done' : ' console-notice--refused';
  return (
    <div className={`console-notice${tone}`} role="status" data-testid="console-notice">
      {notice && <Lang text={noticeText(t, notice)} />}
    </div>
  );
}
