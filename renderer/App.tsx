import type { DeviceApi } from '../shared/requests/client.ts';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '../shared/config.ts';
import type { KioskState } from '../shared/kioskApi.ts';
import { ConnectingScreen } from './common/ConnectingScreen.tsx';
import { addWords, DEFAULT_LOCALE, i18nFor } from './common/i18n.ts';
import { intentsFor, type Intents } from './common/intents.ts';
import { useKioskState } from './common/useKioskState.ts';
import { onDemand, useOnDemand } from './common/useOnDemand.ts';
import { useRatingKeys } from './common/useRatingKeys.ts';
import { settle } from './technician/call.ts';
import { TechnicianEntry } from './technician/TechnicianEntry.tsx';

/**
 * Each face and technician mode is its own chunk of the build, fetched when the state first asks for
 * it: a rating terminal never loads the dispenser's code, nor technician mode (its code, styles and
 * words) until a technician comes.
 */
const ratingTerminal = onDemand(() => import('./rating/RatingTerminal.tsx').then((module) => module.RatingTerminal));
const ticketDispenser = onDemand(() => import('./tickets/TicketDispenser.tsx').then((module) => module.TicketDispenser));
const operatorConsole = onDemand(() => import('./operator/OperatorConsole.tsx').then((module) => module.OperatorConsole));
const hallBoard = onDemand(() => import('./hall/HallBoard.tsx').then((module) => module.HallBoard));

/** Each mode's face, and the key of its page title. */
const FACES = {
  rating: { face: ratingTerminal, title: 'app.title' },
  tickets: { face: ticketDispenser, title: 'tickets.title' },
  operator: { face: operatorConsole, title: 'operator.title' },
  hall: { face: hallBoard, title: 'hall.title' },
} as const;
const technicianMode = onDemand(() =>
  import('./technician/TechnicianMode.tsx').then((module) => {
    addWords(module.technicianWords);
    return module.TechnicianMode;
  }),
);

/** What every face's screen is given. */
type FaceComponent = (props: { readonly state: KioskState; readonly intents: Intents }) => ReactNode;

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

  const faceOfMode = FACES[mode ?? 'rating'];
  const Face = useOnDemand<FaceComponent>(faceOfMode.face, state !== null && !technicianShown);
  const Technician = useOnDemand(technicianMode, technicianShown);
  // Until its chunk is there (a moment), the screen stays as it was: the face, or "connecting".
  const technicianOn = technicianShown && Technician !== null;

  // The technician's language is the technician's choice, on this screen only; the kiosk's
  // session language is left as it is.
  const [technicianLocale, setTechnicianLocale] = useState<Locale | null>(null);
  useEffect(() => {
    if (!technicianShown) setTechnicianLocale(null);
  }, [technicianShown]);

  const locale = technicianOn ? (technicianLocale ?? state.ui.defaultLocale) : (state?.session.locale ?? DEFAULT_LOCALE);
  const i18n = i18nFor(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t(technicianOn ? 'technician.title' : faceOfMode.title);
  }, [locale, i18n, faceOfMode, technicianOn]);

  const openPinPad = useMemo(
    () => (): void => {
      // Fetched while the core opens the PIN pad, so the pad shows as soon as the core says so.
      void technicianMode.load().catch(() => undefined);
      void settle(api.request('openPinPad', {})).then((result) => {
        if (!result.ok) console.warn(`okno: openPinPad refused: ${result.error.code}: ${result.error.message}`);
      });
    },
    [api],
  );

  return (
    <I18nextProvider i18n={i18n}>
      {state !== null && technicianOn ? (
        <Technician technician={api} state={state} locale={locale} onLocale={setTechnicianLocale} />
      ) : state !== null && Face !== null ? (
        <>
          <Face state={state} intents={intents} />
          <TechnicianEntry onOpen={openPinPad} />
        </>
      ) : (
        <div className="terminal terminal--connecting">
          <ConnectingScreen />
        </div>
      )}
    </I18nextProvider>
  );
}
