import type { RequestInput } from '../shared/requests/registry.ts';
import type { DeviceApi } from '../shared/requests/client.ts';
import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '../shared/config.ts';
import type { KioskState } from '../shared/kioskApi.ts';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { TechnicianBanner } from './components/TechnicianBanner.tsx';
import { DEFAULT_LOCALE, i18nFor } from './i18n.ts';
import { intentsFor, type Intents } from './intents.ts';
import { takeEarlyKeys } from './earlyKeys.ts';
import { inOrder, scoreForKey, type KeyPress } from './keyboard.ts';
import { ConnectingScreen } from './screens/ConnectingScreen.tsx';
import { FollowUpScreen } from './screens/FollowUpScreen.tsx';
import { IdleScreen } from './screens/IdleScreen.tsx';
import { NotSavedScreen } from './screens/NotSavedScreen.tsx';
import { ThanksScreen } from './screens/ThanksScreen.tsx';
import { settle } from './technician/call.ts';
import { TechnicianEntry } from './technician/TechnicianEntry.tsx';
import { TechnicianMode } from './technician/TechnicianMode.tsx';
import { TicketDispenser } from './TicketDispenser.tsx';
import { useKioskState } from './useKioskState.ts';

/**
 * The device's face, chosen by `state.device.mode`: the rating terminal or the ticket dispenser;
 * over both, technician mode (the PIN pad and the technician's screens) while `state.technician`
 * is not closed. A pure view of the state the core publishes: it renders the latest state and
 * sends intents; whatever happens next (vote recorded, ticket issued, thanks) arrives as a new state.
 */

/**
 * Keys 1..scale from a keyboard-style button box. They are sent in every phase, as a serial button
 * press is: the core decides whether a press is a vote or an extra press of the same visit.
 * Before the first state a press cannot be judged (no scale, no mode yet): earlyKeys.ts holds it from
 * the page's first script, and it is judged here, in order, the moment the state is known, exactly
 * as it would have been then. The early listener stops in the same step that this one starts, so no
 * press falls between the two.
 */
function useRatingKeys(api: DeviceApi, stateKnown: boolean, scale: number | null): void {
  const sendKey = useMemo(
    () =>
      inOrder((input: RequestInput<'press'>) =>
        api.request('press', input).then(
          (result) => {
            if (!result.ok) console.warn(`okno: press refused: ${result.error.code}: ${result.error.message}`);
          },
          (error: unknown) => console.warn('okno: press failed', error),
        ),
      ),
    [api],
  );
  useEffect(() => {
    if (!stateKnown) return undefined;
    const judge = (press: KeyPress): number | null => (scale === null ? null : scoreForKey(press, scale));
    for (const press of takeEarlyKeys()) {
      const score = judge(press);
      if (score === null) console.info(`okno: key "${press.key}" pressed while the page loaded is not a rating key here`);
      else void sendKey({ score, source: 'keyboard' });
    }
    if (scale === null) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      const score = judge(event);
      if (score === null) return;
      event.preventDefault();
      void sendKey({ score, source: 'keyboard' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [sendKey, stateKnown, scale]);
}

export function App({ api }: { readonly api: DeviceApi }) {
  const state = useKioskState(api);
  const intents = useMemo(() => intentsFor(api), [api]);
  const mode = state?.device.mode ?? null;
  const technicianShown = state !== null && state.technician.phase !== 'closed';
  // A dispenser has no rating keys: its digits would only be refused by the core. Nor do the
  // technician's screens: a digit typed there is a PIN or a field, never a vote.
  useRatingKeys(api, state !== null, mode === 'rating' && !technicianShown ? (state?.rating.scale ?? null) : null);

  // The technician's language is the technician's choice, on this screen only; the kiosk's
  // session language is left as it is.
  const [technicianLocale, setTechnicianLocale] = useState<Locale | null>(null);
  useEffect(() => {
    if (!technicianShown) setTechnicianLocale(null);
  }, [technicianShown]);

  const locale = technicianShown ? (technicianLocale ?? state.ui.defaultLocale) : (state?.session.locale ?? DEFAULT_LOCALE);
  const i18n = i18nFor(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t(technicianShown ? 'technician.title' : mode === 'tickets' ? 'tickets.title' : 'app.title');
  }, [locale, i18n, mode, technicianShown]);

  const openPinPad = useMemo(
    () => (): void =>
      void settle(api.request('openPinPad', {})).then((result) => {
        if (!result.ok) console.warn(`okno: openPinPad refused: ${result.error.code}: ${result.error.message}`);
      }),
    [api],
  );

  return (
    <I18nextProvider i18n={i18n}>
      {state === null ? (
        <div className="terminal terminal--connecting">
          <ConnectingScreen />
        </div>
      ) : technicianShown ? (
        <TechnicianMode technician={api} state={state} locale={locale} onLocale={setTechnicianLocale} />
      ) : (
        <>
          {state.device.mode === 'tickets' ? <TicketDispenser state={state} intents={intents} /> : <RatingTerminal state={state} intents={intents} />}
          <TechnicianEntry onOpen={openPinPad} />
        </>
      )}
    </I18nextProvider>
  );
}

/** The rating terminal at a service window. */
function RatingTerminal({ state, intents }: { readonly state: KioskState; readonly intents: Intents }) {
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
