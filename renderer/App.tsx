import type { DeviceApi } from '../shared/requests/client.ts';
import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '../shared/config.ts';
import { ConnectingScreen } from './common/ConnectingScreen.tsx';
import { DEFAULT_LOCALE, i18nFor } from './common/i18n.ts';
import { intentsFor } from './common/intents.ts';
import { useKioskState } from './common/useKioskState.ts';
import { useRatingKeys } from './common/useRatingKeys.ts';
import { RatingTerminal } from './rating/RatingTerminal.tsx';
import { settle } from './technician/call.ts';
import { TechnicianEntry } from './technician/TechnicianEntry.tsx';
import { TechnicianMode } from './technician/TechnicianMode.tsx';
import { TicketDispenser } from './tickets/TicketDispenser.tsx';

/**
 * The device's face, chosen by `state.device.mode`: the rating terminal or the ticket dispenser;
 * over both, technician mode (the PIN pad and the technician's screens) while `state.technician`
 * is not closed. A pure view of the state the core publishes: it renders the latest state and
 * sends intents; whatever happens next (vote recorded, ticket issued, thanks) arrives as a new state.
 */
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
