import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/configRules.ts';
import type { Localized, OfficeServiceView, OperatorView, OperatorWindowView } from '../../shared/kioskApi.ts';
import type { Intents } from '../common/intents.ts';
import { Lang } from '../common/Lang.tsx';
import { commandButtons } from './consoleCommands.ts';

const pick = (text: Localized, locale: Locale, fallback: Locale): string => text[locale] ?? text[fallback] ?? Object.values(text)[0] ?? '';

type RedirectTarget = { readonly service: string } | { readonly window: string };

/** The signed-in console: the window's ticket, the command buttons, the waiting per service. */
export function ConsoleDesk({
  operator,
  intents,
  locale,
  defaultLocale,
  registerRedirect,
}: {
  readonly operator: OperatorView;
  readonly intents: Intents;
  readonly locale: Locale;
  readonly defaultLocale: Locale;
  /** Gives the console's keys the way to open the redirect dialog (F5). */
  readonly registerRedirect: (open: () => void) => void;
}) {
  const { t } = useTranslation();
  const [redirecting, setRedirecting] = useState(false);
  const window = operator.window;
  useEffect(() => {
    registerRedirect(() => setRedirecting(true));
  }, [registerRedirect]);
  if (!window) return null;
  const buttons = commandButtons(operator);
  const mine = operator.services.filter((service) => service.mine);
  const others = operator.services.filter((service) => !service.mine);

  return (
    <main className="console-desk">
      <h1 className="visually-hidden">{t('operator.title')}</h1>
      <section className="console-ticket" aria-labelledby="console-ticket-title">
        <h2 id="console-ticket-title" className="console-section__title">
          {t('operator.current.title')}
        </h2>
        <CurrentTicket window={window} locale={locale} defaultLocale={defaultLocale} />
      </section>
      <section className="console-commands" aria-label={t('operator.commands.label')}>
        {buttons.map((button) => (
          <button
            key={button.command}
            type="button"
            className={button.primary ? 'console-button console-button--primary' : 'console-button'}
            disabled={!button.enabled}
            aria-keyshortcuts={button.key}
            data-command={button.command}
            onClick={() => (button.command === 'redirect' ? setRedirecting(true) : void intents.operatorCommand({ command: button.command }))}
          >
            <span className="console-button__name">{operator.pending === button.command ? t('operator.commands.sending') : t(`operator.commands.${button.command}`)}</span>
            <kbd className="console-button__key" aria-label={t('operator.key', { key: button.key })}>
              {button.key}
            </kbd>
          </button>
        ))}
      </section>
      <section className="console-queues" aria-labelledby="console-queues-title">
        <h2 id="console-queues-title" className="console-section__title">
          {t('operator.queues.title')}
        </h2>
        <QueueList title={t('operator.queues.mine')} services={mine} locale={locale} defaultLocale={defaultLocale} />
        {others.length > 0 && <QueueList title={t('operator.queues.others')} services={others} locale={locale} defaultLocale={defaultLocale} />}
      </section>
      {redirecting && window.current && (
        <RedirectDialog
          number={window.current.number}
          currentService={window.current.serviceId}
          operator={operator}
          locale={locale}
          defaultLocale={defaultLocale}
          onClose={() => setRedirecting(false)}
          onRedirect={(to) => {
            setRedirecting(false);
            void intents.operatorCommand({ command: 'redirect', to });
          }}
        />
      )}
    </main>
  );
}

function CurrentTicket({ window, locale, defaultLocale }: { readonly window: OperatorWindowView; readonly locale: Locale; readonly defaultLocale: Locale }) {
  const { t } = useTranslation();
  const current = window.current;
  if (window.status === 'paused') return <p className="console-ticket__none">{t('operator.paused')}</p>;
  if (!current) return <p className="console-ticket__none">{t('operator.current.none')}</p>;
  return (
    <div className="console-ticket__body" data-testid="current-ticket">
      <p className="console-ticket__number">
        <Lang text={current.number} />
      </p>
      <p className="console-ticket__service">
        <Lang text={pick(current.serviceName, locale, defaultLocale)} />
      </p>
      <p className={`console-ticket__phase console-ticket__phase--${current.phase}`}>{t(`operator.current.${current.phase}`)}</p>
      <p className="console-ticket__fact">{t('operator.current.waited', { count: current.waitedMinutes })}</p>
      {current.recalls > 0 && <p className="console-ticket__fact">{t('operator.current.recalls', { count: current.recalls })}</p>}
    </div>
  );
}

function QueueList({ title, services, locale, defaultLocale }: { readonly title: string; readonly services: readonly OfficeServiceView[]; readonly locale: Locale; readonly defaultLocale: Locale }) {
  const { t } = useTranslation();
  return (
    <div className="console-queue">
      <h3 className="console-queue__title">{title}</h3>
      <ul className="console-queue__list">
        {services.map((service) => (
          <li key={service.id} className="console-queue__row" data-service={service.id}>
            <span className="console-queue__name">
              <span className="console-queue__prefix">
                <Lang text={service.prefix} />
              </span>{' '}
              <Lang text={pick(service.name, locale, defaultLocale)} />
            </span>
            <span className="console-queue__count">{service.waiting > 0 ? t('operator.queues.waiting', { count: service.waiting }) : t('operator.queues.none')}</span>
            {service.oldestWaitMinutes !== null && <span className="console-queue__oldest">{t('operator.queues.oldest', { count: service.oldestWaitMinutes })}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Redirect the current ticket to another service or another window: a modal dialog (Esc or Cancel closes it). */
function RedirectDialog({
  number,
  currentService,
  operator,
  locale,
  defaultLocale,
  onClose,
  onRedirect,
}: {
  readonly number: string;
  readonly currentService: string;
  readonly operator: OperatorView;
  readonly locale: Locale;
  readonly defaultLocale: Locale;
  readonly onClose: () => void;
  readonly onRedirect: (to: RedirectTarget) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const services = operator.services.filter((service) => service.id !== currentService);
  const target = (value: string): RedirectTarget => (value.startsWith('service:') ? { service: value.slice('service:'.length) } : { window: value.slice('window:'.length) });

  return (
    <dialog ref={ref} className="redirect" aria-labelledby="redirect-title" onCancel={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (choice !== null) onRedirect(target(choice));
        }}
      >
        <h2 id="redirect-title" className="redirect__title">
          <Lang text={t('operator.redirect.title', { number })} />
        </h2>
        <div className="redirect__groups">
          <fieldset className="redirect__group">
            <legend className="redirect__legend">{t('operator.redirect.toService')}</legend>
            {services.map((service) => (
              <label key={service.id} className="redirect__option">
                <input type="radio" name="redirect" value={`service:${service.id}`} checked={choice === `service:${service.id}`} onChange={() => setChoice(`service:${service.id}`)} />
                <span>
                  <Lang text={pick(service.name, locale, defaultLocale)} />
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="redirect__group">
            <legend className="redirect__legend">{t('operator.redirect.toWindow')}</legend>
            {operator.windows.map((window) => (
              <label key={window.id} className="redirect__option">
                <input type="radio" name="redirect" value={`window:${window.id}`} checked={choice === `window:${window.id}`} onChange={() => setChoice(`window:${window.id}`)} />
                <span>
                  <Lang text={window.label} /> — {t(`operator.status.${window.status}`)}
                </span>
              </label>
            ))}
          </fieldset>
        </div>
        <div className="redirect__actions">
          <button type="button" className="console-button" onClick={onClose}>
            {t('operator.redirect.cancel')}
          </button>
          <button type="submit" className="console-button console-button--primary" disabled={choice === null || operator.pending !== null}>
            {t('operator.redirect.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
