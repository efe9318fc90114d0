import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/config.ts';
import type { Localized, TicketView } from '../../shared/kioskApi.ts';
import { Countdown } from '../common/Countdown.tsx';
import { CameraIcon, PrinterIcon } from '../common/Icons.tsx';
import { Lang } from '../common/Lang.tsx';
import { LocalizedText } from './LocalizedText.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';
import { issueTime, numberLength } from './ticketMenu.ts';

/**
 * The ticket just issued: the number as large as the screen allows (people compare it with the hall
 * display), the service, when it was issued, what to do now, and when the menu comes back. When no
 * paper came out, the visitor is asked — calmly — to remember or photograph the number.
 * With an office hub, the people ahead and about how long ("Перед вами: 4 человека, примерно 10 мин"),
 * when the hub answered in time; without one, nothing about the wait (the dispenser alone does not know).
 */
export function TicketScreen({
  ticket,
  serviceName,
  hint,
  defaultLocale,
  endsInMs,
  revision,
  onDone,
}: {
  readonly ticket: TicketView;
  readonly serviceName: Localized | null;
  readonly hint: Localized | null;
  readonly defaultLocale: Locale;
  readonly endsInMs: number;
  /** Restarts the countdown whenever a new state arrives. */
  readonly revision: number;
  readonly onDone: () => Promise<boolean>;
}) {
  const { t } = useTranslation();
  // One tap on "done" is enough: the button rests until the core answers (the screen then goes).
  const [closing, setClosing] = useState(false);
  const printed = ticket.printed === 'yes';
  const time = issueTime(ticket.issuedAt);
  const hasHint = hint !== null && Object.values(hint).some((text) => text?.trim());
  const estimate =
    ticket.estimateMinutes === null
      ? null
      : ticket.estimateMinutes === 0
        ? t('tickets.ticket.estimateUnder5')
        : t('tickets.ticket.estimate', { minutes: ticket.estimateMinutes });
  const ahead =
    ticket.ahead === null
      ? null
      : ticket.ahead === 0
        ? t('tickets.ticket.aheadNone')
        : estimate === null
          ? t('tickets.ticket.ahead', { count: ticket.ahead })
          : `${t('tickets.ticket.ahead', { count: ticket.ahead })}, ${estimate}`;

  return (
    <main className={`screen screen--ticket ${printed ? 'screen--ticket-printed' : 'screen--ticket-not-printed'}`}>
      <div className="ticket">
        <ScreenTitle id="ticket-title" className="ticket__title">
          <span className="ticket__label">{t('tickets.ticket.title')}</span>{' '}
          <span className={`ticket__number ticket__number--${numberLength(ticket.number)}`}>
            <Lang text={ticket.number} />
          </span>
        </ScreenTitle>
        {serviceName && (
          <p className="ticket__service">
            <LocalizedText text={serviceName} defaultLocale={defaultLocale} />
          </p>
        )}
        {time && <p className="ticket__time">{t('tickets.ticket.issuedAt', { time })}</p>}
      </div>
      <div className="ticket-info">
        {printed ? (
          <p className="ticket-info__print">
            <PrinterIcon />
            <span>{t('tickets.ticket.printed')}</span>
          </p>
        ) : (
          <p className="ticket-info__print ticket-info__print--missing">
            <CameraIcon />
            <span>{t('tickets.ticket.notPrinted')}</span>
          </p>
        )}
        {ahead !== null && <p className="ticket-info__ahead">{ahead}</p>}
        <p className="ticket-info__wait">
          {hasHint ? <LocalizedText text={hint} defaultLocale={defaultLocale} /> : t('tickets.ticket.wait')}
        </p>
        <button
          type="button"
          className="done-button"
          aria-disabled={closing || undefined}
          onClick={() => {
            if (closing) return;
            setClosing(true);
            void onDone().then((accepted) => {
              if (!accepted) setClosing(false);
            });
          }}
        >
          {t('tickets.ticket.done')}
        </button>
        <Countdown key={revision} endsInMs={endsInMs} textKey="tickets.ticket.closesIn" />
      </div>
    </main>
  );
}
