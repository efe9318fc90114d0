import type { Locale } from '../../shared/config.ts';
import type { Localized, ServiceView, TicketsView } from '../../shared/kioskApi.ts';

/**
 * What the ticket dispenser's screens show, worked out from the state: the text of a service in the
 * current language, why a service is unavailable, what the menu lists, the issue time. Pure (no DOM,
 * no React) so it is unit-tested in Node.
 */

/** A text and the language it is in (for the `lang` attribute when it is not the UI language). */
export interface PickedText {
  readonly text: string;
  readonly lang: Locale;
}

/** The text in `locale`, else in the default locale, else in any language that has one; null when none has. */
export function pickLocalized(text: Localized | null | undefined, locale: Locale, defaultLocale: Locale): PickedText | null {
  if (!text) return null;
  const candidates = [locale, defaultLocale, ...(Object.keys(text) as Locale[])];
  for (const lang of candidates) {
    const value = text[lang]?.trim();
    if (value) return { text: value, lang };
  }
  return null;
}

/** The text alone, "" when there is none. */
export function localizedText(text: Localized | null | undefined, locale: Locale, defaultLocale: Locale): string {
  return pickLocalized(text, locale, defaultLocale)?.text ?? '';
}

/** A translation key and its values: the words themselves live in the locale files. */
export interface Phrase {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** Why the service gives no ticket now, in words; null when it does. */
export function unavailableReason(service: Pick<ServiceView, 'available' | 'unavailable' | 'opensAt'>): Phrase | null {
  if (service.available) return null;
  switch (service.unavailable) {
    case 'closed':
      return service.opensAt ? { key: 'tickets.unavailable.closedUntil', values: { time: service.opensAt } } : { key: 'tickets.unavailable.closedToday' };
    case 'daily-limit':
      return { key: 'tickets.unavailable.dailyLimit' };
    case 'range-exhausted':
      return { key: 'tickets.unavailable.rangeExhausted' };
    case null:
      // Unavailable without a reason from the core: say the least, and send the visitor to the staff.
      return { key: 'tickets.unavailable.other' };
  }
}

export type MenuEntry =
  | { readonly kind: 'group'; readonly id: string; readonly name: Localized; readonly services: readonly ServiceView[] }
  | { readonly kind: 'service'; readonly service: ServiceView };

/**
 * The first screen: each group that has services (in the configured order of the groups), then the
 * services that belong to no group. A service whose group is not in `groups` is shown at the top
 * level rather than lost; an empty group is not shown.
 */
export function topLevelEntries(tickets: Pick<TicketsView, 'services' | 'groups'>): MenuEntry[] {
  const groupIds = new Set(tickets.groups.map((group) => group.id));
  const groups: MenuEntry[] = tickets.groups
    .map((group) => ({ kind: 'group' as const, id: group.id, name: group.name, services: servicesOfGroup(tickets, group.id) }))
    .filter((entry) => entry.services.length > 0);
  const loose: MenuEntry[] = tickets.services
    .filter((service) => service.group === null || !groupIds.has(service.group))
    .map((service) => ({ kind: 'service' as const, service }));
  return [...groups, ...loose];
}

export function servicesOfGroup(tickets: Pick<TicketsView, 'services'>, groupId: string): ServiceView[] {
  return tickets.services.filter((service) => service.group === groupId);
}

/** The open group if it still exists and has services, else null (the start screen). */
export function openGroupOf(tickets: Pick<TicketsView, 'services' | 'groups'>, groupId: string | null): TicketsView['groups'][number] | null {
  if (groupId === null) return null;
  const group = tickets.groups.find((candidate) => candidate.id === groupId);
  return group && servicesOfGroup(tickets, group.id).length > 0 ? group : null;
}

/**
 * "14:02" from the issue time. It is taken from the ISO string as written, which is the device's
 * local time with its offset: the ticket shows the office's clock, not the browser's time zone.
 */
export function issueTime(issuedAt: string): string | null {
  const match = /T(\d{2}):(\d{2})/.exec(issuedAt);
  return match ? `${match[1]}:${match[2]}` : null;
}

/** How long a ticket number is on screen: "П-017" is short, "ПАС-017" medium, "ПАС-1234" long. */
export function numberLength(number: string): 'short' | 'medium' | 'long' {
  const length = [...number].length;
  return length <= 5 ? 'short' : length <= 7 ? 'medium' : 'long';
}
