import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/config.ts';
import type { ServiceView, TicketsView } from '../../shared/kioskApi.ts';
import { BackIcon, ChevronIcon, ClockIcon, GroupIcon, NoEntryIcon } from '../common/Icons.tsx';
import { LocalizedText } from './LocalizedText.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';
import { openGroupOf, servicesOfGroup, topLevelEntries, unavailableReason, type MenuEntry } from './ticketMenu.ts';

/**
 * The dispenser's menu: the groups and the services without a group, or the services of the open
 * group with a "back" button. A service that gives no ticket now stays in its place, disabled, with
 * the reason in words.
 */
export function ServiceMenuScreen({
  tickets,
  defaultLocale,
  openGroupId,
  issuingServiceId,
  onOpenGroup,
  onBack,
  onIssue,
}: {
  readonly tickets: TicketsView;
  readonly defaultLocale: Locale;
  /** The group the visitor opened (local UI state), or null for the start. */
  readonly openGroupId: string | null;
  /** Set from the tap until the core answers: every service button is disabled meanwhile. */
  readonly issuingServiceId: string | null;
  readonly onOpenGroup: (groupId: string) => void;
  readonly onBack: () => void;
  readonly onIssue: (serviceId: string) => void;
}) {
  const { t } = useTranslation();
  const group = openGroupOf(tickets, openGroupId);
  const entries: MenuEntry[] = group
    ? servicesOfGroup(tickets, group.id).map((service) => ({ kind: 'service', service }))
    : topLevelEntries(tickets);
  const busy = issuingServiceId !== null;

  return (
    <main className={`screen screen--menu ${group ? 'screen--menu-group' : 'screen--menu-start'}`}>
      <div className="menu__head">
        {/* A new key per level: the heading takes the focus, so the new list is announced. */}
        <ScreenTitle key={group?.id ?? ''} id="menu-title" className="menu__title">
          {group ? <LocalizedText text={group.name} defaultLocale={defaultLocale} /> : t('tickets.menu.title')}
        </ScreenTitle>
        {/* After the heading (in the page and on screen): from the focused heading, Tab reaches Back first. */}
        {group && (
          <button type="button" className="back-button" data-speech-item="back" onClick={onBack}>
            <BackIcon />
            <span>{t('tickets.group.back')}</span>
          </button>
        )}
      </div>
      {!group && <p className="screen__hint menu__hint">{t('tickets.menu.hint')}</p>}
      <ul className={`services services--count-${Math.min(entries.length, 9)}`} aria-labelledby="menu-title" aria-busy={busy}>
        {entries.map((entry) =>
          entry.kind === 'group' ? (
            <li key={`group:${entry.id}`} className="services__item">
              <button type="button" className="service service--group" data-speech-item={`group:${entry.id}`} onClick={() => onOpenGroup(entry.id)}>
                <GroupIcon />
                <span className="service__text">
                  <LocalizedText className="service__name" text={entry.name} defaultLocale={defaultLocale} />
                  <span className="service__detail">{t('tickets.group.services', { count: entry.services.length })}</span>
                </span>
                <ChevronIcon />
              </button>
            </li>
          ) : (
            <li key={`service:${entry.service.id}`} className="services__item">
              <ServiceButton
                service={entry.service}
                defaultLocale={defaultLocale}
                busy={busy}
                issuing={issuingServiceId === entry.service.id}
                onIssue={onIssue}
              />
            </li>
          ),
        )}
      </ul>
    </main>
  );
}

function ServiceButton({
  service,
  defaultLocale,
  busy,
  issuing,
  onIssue,
}: {
  readonly service: ServiceView;
  readonly defaultLocale: Locale;
  readonly busy: boolean;
  readonly issuing: boolean;
  readonly onIssue: (serviceId: string) => void;
}) {
  const { t } = useTranslation();
  const reason = unavailableReason(service);
  // aria-disabled rather than disabled: the button stays focusable, so its reason can be read out.
  const disabled = reason !== null || busy;
  const className = ['service', reason ? 'service--unavailable' : 'service--available', issuing ? 'service--issuing' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={className}
      data-speech-item={`service:${service.id}`}
      aria-disabled={disabled || undefined}
      onClick={() => {
        if (!disabled) onIssue(service.id);
      }}
    >
      <span className="service__text">
        <LocalizedText className="service__name" text={service.name} defaultLocale={defaultLocale} />
        {reason ? (
          <span className="service__reason">
            {service.unavailable === 'closed' ? <ClockIcon /> : <NoEntryIcon />}
            <span>{t(reason.key, { ...reason.values })}</span>
          </span>
        ) : (
          <Bring service={service} defaultLocale={defaultLocale} />
        )}
      </span>
      {!reason && <ChevronIcon />}
    </button>
  );
}

function Bring({ service, defaultLocale }: { readonly service: ServiceView; readonly defaultLocale: Locale }) {
  const { t } = useTranslation();
  const bring = <LocalizedText text={service.bring} defaultLocale={defaultLocale} />;
  if (!Object.values(service.bring).some((text) => text?.trim())) return null;
  return (
    <span className="service__detail">
      <span className="service__bring-label">{t('tickets.service.bring')}</span> {bring}
    </span>
  );
}
