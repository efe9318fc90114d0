import { useEffect, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '../shared/config.ts';
import type { FollowUpReason } from '../shared/followUp.ts';
import type { KioskApi, KioskState, PressInput } from '../shared/kioskApi.ts';
import type { Result } from '../shared/result.ts';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { TechnicianBanner } from './components/TechnicianBanner.tsx';
import { DEFAULT_LOCALE, i18nFor } from './i18n.ts';
import { scoreForKey } from './keyboard.ts';
import { ConnectingScreen } from './screens/ConnectingScreen.tsx';
import { FollowUpScreen } from './screens/FollowUpScreen.tsx';
import { IdleScreen } from './screens/IdleScreen.tsx';
import { NotSavedScreen } from './screens/NotSavedScreen.tsx';
import { ThanksScreen } from './screens/ThanksScreen.tsx';
import { useKioskState } from './useKioskState.ts';

/**
 * The rating terminal. A pure view of the state the core publishes: it renders the latest state
 * and sends intents; whatever happens next (vote recorded, follow-up, thanks) arrives as a new state.
 */

interface Intents {
  press(input: PressInput): void;
  answerFollowUp(reason: FollowUpReason | null): void;
  setLocale(locale: Locale): void;
}

/** Intents are fire-and-forget: the outcome comes back as state. A refusal is only logged. */
function intentsFor(api: KioskApi): Intents {
  const report =
    (intent: string) =>
    (result: Result<unknown>): void => {
      if (!result.ok) console.warn(`okno: ${intent} refused: ${result.error.code}: ${result.error.message}`);
    };
  const failed = (intent: string) => (error: unknown) => console.warn(`okno: ${intent} failed`, error);
  return {
    press: (input) => void api.press(input).then(report('press'), failed('press')),
    answerFollowUp: (reason) =>
      void api.answerFollowUp({ reason }).then(report('answerFollowUp'), failed('answerFollowUp')),
    setLocale: (locale) => void api.setLocale({ locale }).then(report('setLocale'), failed('setLocale')),
  };
}

/**
 * Keys 1..scale from a keyboard-style button box. They are sent in every phase, as a serial button
 * press is: the core decides whether a press is a vote or an extra press of the same visit.
 */
function useRatingKeys(intents: Intents, scale: number | null): void {
  useEffect(() => {
    if (scale === null) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      const score = scoreForKey(event, scale);
      if (score === null) return;
      event.preventDefault();
      intents.press({ score, source: 'keyboard' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [intents, scale]);
}

export function App({ api }: { readonly api: KioskApi }) {
  const state = useKioskState(api);
  const intents = useMemo(() => intentsFor(api), [api]);
  useRatingKeys(intents, state?.rating.scale ?? null);

  const locale = state?.session.locale ?? DEFAULT_LOCALE;
  const i18n = i18nFor(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('app.title');
  }, [locale, i18n]);

  return (
    <I18nextProvider i18n={i18n}>
      {state ? (
        <Terminal state={state} intents={intents} />
      ) : (
        <div className="terminal terminal--connecting">
          <ConnectingScreen />
        </div>
      )}
    </I18nextProvider>
  );
}

function Terminal({ state, intents }: { readonly state: KioskState; readonly intents: Intents }) {
  const { t } = useTranslation();
  const { session } = state;
  return (
    <div className={`terminal terminal--${session.phase}`}>
      <header className="topbar">
        <p className="topbar__window">{t('header.window', { window: state.device.window })}</p>
        <LanguageSwitch locales={state.ui.locales} current={session.locale} onSelect={intents.setLocale} />
      </header>
      {state.health.needsTechnician && <TechnicianBanner />}
      <Screen state={state} intents={intents} />
    </div>
  );
}

function Screen({ state, intents }: { readonly state: KioskState; readonly intents: Intents }) {
  const { session } = state;
  switch (session.phase) {
    case 'idle':
      return <IdleScreen scale={state.rating.scale} onPress={intents.press} />;
    case 'followUp':
      return (
        <FollowUpScreen
          reasons={state.rating.followUpReasons}
          endsInMs={session.endsInMs}
          revision={state.revision}
          onAnswer={intents.answerFollowUp}
        />
      );
    case 'thanks':
      return <ThanksScreen kind={session.kind} />;
    case 'notSaved':
      return <NotSavedScreen />;
  }
}
