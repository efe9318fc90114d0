import type { Locale } from '../../shared/config.ts';
import type { Localized, ServiceView, TicketsView } from '../../shared/kioskApi.ts';
import { openGroupOf, servicesOfGroup, topLevelEntries } from './ticketMenu.ts';

/**
 * The dispenser's menu without sight (issue #15, item 5): the items a visitor moves through with
 * next / previous (the box's keys or the arrows), in the order a sighted visitor reads them: Back
 * first in an opened group, the groups and services, then the other languages. Pure.
 */
export type FocusItem =
  | { readonly kind: 'back' }
  | { readonly kind: 'group'; readonly id: string; readonly name: Localized; readonly count: number }
  | { readonly kind: 'service'; readonly service: ServiceView }
  | { readonly kind: 'language'; readonly locale: Locale };

/** What "choose" does with an item. */
export type FocusAction =
  | { readonly kind: 'openGroup'; readonly groupId: string }
  | { readonly kind: 'back' }
  | { readonly kind: 'issue'; readonly serviceId: string }
  /** A service that gives no ticket now: its reason is said again. */
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'locale'; readonly locale: Locale };

export function menuItems(tickets: Pick<TicketsView, 'services' | 'groups'>, openGroupId: string | null, locales: readonly Locale[], current: Locale): FocusItem[] {
  const group = openGroupOf(tickets, openGroupId);
  const entries: FocusItem[] = group
    ? servicesOfGroup(tickets, group.id).map((service) => ({ kind: 'service', service }))
    : topLevelEntries(tickets).map((entry) =>
        entry.kind === 'group' ? { kind: 'group', id: entry.id, name: entry.name, count: entry.services.length } : { kind: 'service', service: entry.service },
      );
  const languages: FocusItem[] = locales.length < 2 ? [] : locales.filter((locale) => locale !== current).map((locale) => ({ kind: 'language', locale }));
  return [...(group ? [{ kind: 'back' } as const] : []), ...entries, ...languages];
}

/** A stable name for an item: what the page marks on its button and keeps as the focus. */
export function itemId(item: FocusItem): string {
  switch (item.kind) {
    case 'back':
      return 'back';
    case 'group':
      return `group:${item.id}`;
    case 'service':
      return `service:${item.service.id}`;
    case 'language':
      return `language:${item.locale}`;
  }
}

/**
 * The item after (or before) the focused one, wrapping round at the ends. With nothing focused yet (or
 * the focused item gone), "next" starts at the first item and "previous" at the last. Null: no items.
 */
export function moveFocus(items: readonly FocusItem[], focusedId: string | null, direction: 'next' | 'previous'): FocusItem | null {
  if (items.length === 0) return null;
  const index = focusedId === null ? -1 : items.findIndex((item) => itemId(item) === focusedId);
  if (index < 0) return (direction === 'next' ? items[0] : items.at(-1)) ?? null;
  const step = direction === 'next' ? 1 : -1;
  return items[(index + step + items.length) % items.length] ?? null;
}

export const focusedItem = (items: readonly FocusItem[], focusedId: string | null): FocusItem | null =>
  focusedId === null ? null : (items.find((item) => itemId(item) === focusedId) ?? null);

export function actionOf(item: FocusItem): FocusAction {
  switch (item.kind) {
    case 'back':
      return { kind: 'back' };
    case 'group':
      return { kind: 'openGroup', groupId: item.id };
    case 'service':
      return item.service.available ? { kind: 'issue', serviceId: item.service.id } : { kind: 'unavailable' };
    case 'language':
      return { kind: 'locale', locale: item.locale };
  }
}
