import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskState, TicketsView } from '../../shared/kioskApi.ts';
import { Lang } from '../common/Lang.tsx';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { TechnicianBanner } from '../common/TechnicianBanner.tsx';
import type { Intents } from '../common/intents.ts';
import { ConnectingScreen } from '../common/ConnectingScreen.tsx';
import { ServiceMenuScreen } from './ServiceMenuScreen.tsx';
import { TicketScreen } from './TicketScreen.tsx';
import { MoreTimeButton, SpeechControls } from '../common/speech/SpeechControls.tsx';
import { useDispenserSpeech } from './useDispenserSpeech.ts';
import './tickets.css';

/** If the core neither answers nor publishes within this long, the buttons come back. */
const ISSUE_GIVE_UP_MS = 10_000;

/**
 * The ticket dispenser in the hall (device.mode "tickets"). What matters — the menu or the ticket
 * just issued, the language — is the core's state; only which group is open is kept here, and it
 * closes by itself when nobody touches the screen.
 */
export function TicketDispenser({ state, intents }: { readonly state: KioskState; readonly intents: Intents }) {
  const { tickets, session } = state;
  return (
    <div className={`terminal terminal--tickets terminal--${tickets?.screen.kind ?? 'connecting'}`}>
      <header className="topbar topbar--citizen">
        <p className="topbar__office">
          <Lang text={state.device.office} />
        </p>
        <LanguageSwitch locales={state.ui.locales} current={session.locale} onSelect={intents.setLocale} />
        {tickets?.screen.kind === 'ticket' && <MoreTimeButton onMoreTime={intents.moreTime} />}
        <SpeechControls speech={state.speech} onMode={intents.setSpeechMode} onVolume={intents.changeSpeechVolume} />
      </header>
      {state.health.needsTechnician && <TechnicianBanner />}
      {tickets ? (
        <DispenserScreen state={state} tickets={tickets} intents={intents} />
      ) : (
        // A dispenser whose core has not published its menu yet.
        <ConnectingScreen />
      )}
    </div>
  );
}

function DispenserScreen({ state, tickets, intents }: { readonly state: KioskState; readonly tickets: TicketsView; readonly intents: Intents }) {
  const [openGroupId, setOpenGroupId] = useState<string | null>(null);
  const issuing = useIssuing(intents, state.revision);
  const screen = tickets.screen;

  // After a ticket the next visitor starts from the first screen.
  useEffect(() => {
    if (screen.kind === 'ticket') setOpenGroupId(null);
  }, [screen.kind]);
  useGroupIdleTimeout(openGroupId, tickets.idleSeconds * 1000, () => setOpenGroupId(null));
  useDispenserSpeech({ state, tickets, intents, openGroupId, setOpenGroupId, issue: issuing.issue });

  if (screen.kind === 'ticket') {
    const service = tickets.services.find((candidate) => candidate.id === screen.ticket.serviceId);
    return (
      <TicketScreen
        key={screen.ticket.id}
        ticket={screen.ticket}
        serviceName={service?.name ?? null}
        hint={tickets.hint}
        defaultLocale={state.ui.defaultLocale}
        endsInMs={screen.endsInMs}
        revision={state.revision}
        onDone={intents.closeTicket}
      />
    );
  }
  return (
    <ServiceMenuScreen
      tickets={tickets}
      defaultLocale={state.ui.defaultLocale}
      openGroupId={openGroupId}
      issuingServiceId={issuing.serviceId}
      onOpenGroup={setOpenGroupId}
      onBack={() => setOpenGroupId(null)}
      onIssue={issuing.issue}
    />
  );
}

interface Issuing {
  readonly serviceId: string;
  /** The state's revision when the service was tapped. */
  readonly revision: number;
  readonly answered: boolean;
}

/** Still waiting: not answered yet, or answered but no newer state (any other revision: a restarted host counts from 0 again). */
const isActive = (candidate: Issuing | null, revision: number): candidate is Issuing =>
  candidate !== null && !(candidate.answered && revision !== candidate.revision);

/**
 * One ticket per tap: from the tap until the core has answered *and* a newer state has arrived, the
 * menu's buttons are disabled, so a double tap (or a second tap while the answer is on its way)
 * issues nothing more. A refusal brings the buttons back at once; the state shows the rest
 * (the service now unavailable, the technician banner).
 */
function useIssuing(intents: Intents, revision: number): { serviceId: string | null; issue: (serviceId: string) => void } {
  const [issuing, setIssuing] = useState<Issuing | null>(null);
  // Mirrors of the state for the tap handler: two taps may come before React renders in between.
  const issuingRef = useRef<Issuing | null>(null);
  const revisionRef = useRef(revision);
  useEffect(() => {
    revisionRef.current = revision;
  }, [revision]);

  const issue = useCallback(
    (serviceId: string) => {
      if (isActive(issuingRef.current, revisionRef.current)) return;
      const mine: Issuing = { serviceId, revision: revisionRef.current, answered: false };
      const settle = (next: Issuing | null): void => {
        if (issuingRef.current !== mine) return;
        issuingRef.current = next;
        setIssuing(next);
      };
      issuingRef.current = mine;
      setIssuing(mine);
      const giveUp = setTimeout(() => settle(null), ISSUE_GIVE_UP_MS);
      void intents.issueTicket(serviceId).then((accepted) => {
        clearTimeout(giveUp);
        settle(accepted ? { ...mine, answered: true } : null);
      });
    },
    [intents],
  );

  return { serviceId: isActive(issuing, revision) ? issuing.serviceId : null, issue };
}

/** Calls `close` when a group has been open for `idleMs` without a touch, a key or a scroll. */
function useGroupIdleTimeout(openGroupId: string | null, idleMs: number, close: () => void): void {
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });
  useEffect(() => {
    if (openGroupId === null) return undefined;
    let timer = setTimeout(() => closeRef.current(), idleMs);
    const touched = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => closeRef.current(), idleMs);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'scroll'] as const;
    for (const type of events) window.addEventListener(type, touched, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of events) window.removeEventListener(type, touched, { capture: true });
    };
  }, [openGroupId, idleMs]);
}
