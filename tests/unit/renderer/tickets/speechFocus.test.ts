import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../../../shared/kioskApi.ts';
import { actionOf, focusedItem, itemId, menuItems, moveFocus } from '../../../../renderer/tickets/speechFocus.ts';

const service = (id: string, group: string | null, extra: Partial<ServiceView> = {}): ServiceView => ({
  id,
  name: { ru: id },
  bring: {},
  group,
  available: true,
  unavailable: null,
  opensAt: null,
  ...extra,
});
const TICKETS = {
  services: [service('passport', null), service('foreign', 'docs'), service('licence', 'docs', { available: false, unavailable: 'daily-limit' }), service('snils', null)],
  groups: [{ id: 'docs', name: { ru: 'Документы' } }],
};
const ids = (items: ReturnType<typeof menuItems>) => items.map(itemId);

describe('the dispenser focus in speech mode', () => {
  it('the start: the groups, the services without a group, then the other languages', () => {
    expect(ids(menuItems(TICKETS, null, ['ru', 'en'], 'ru'))).toEqual(['group:docs', 'service:passport', 'service:snils', 'language:en']);
    expect(ids(menuItems(TICKETS, null, ['ru'], 'ru'))).toEqual(['group:docs', 'service:passport', 'service:snils']);
  });

  it('an opened group: Back first, then its services', () => {
    expect(ids(menuItems(TICKETS, 'docs', ['ru', 'en'], 'en'))).toEqual(['back', 'service:foreign', 'service:licence', 'language:ru']);
    // A group that is gone is the start.
    expect(ids(menuItems(TICKETS, 'gone', ['ru'], 'ru'))[0]).toBe('group:docs');
  });

  it('next and previous wrap round; with nothing focused they start at either end', () => {
    const items = menuItems(TICKETS, null, ['ru', 'en'], 'ru');
    expect(itemId(moveFocus(items, null, 'next')!)).toBe('group:docs');
    expect(itemId(moveFocus(items, null, 'previous')!)).toBe('language:en');
    expect(itemId(moveFocus(items, 'group:docs', 'next')!)).toBe('service:passport');
    expect(itemId(moveFocus(items, 'language:en', 'next')!)).toBe('group:docs');
    expect(itemId(moveFocus(items, 'group:docs', 'previous')!)).toBe('language:en');
    expect(itemId(moveFocus(items, 'service:gone', 'next')!)).toBe('group:docs');
    expect(moveFocus([], null, 'next')).toBeNull();
  });

  it('choose: a group opens, back goes back, a service issues, an unavailable one does not, a language switches', () => {
    const start = menuItems(TICKETS, null, ['ru', 'en'], 'ru');
    const group = menuItems(TICKETS, 'docs', ['ru', 'en'], 'ru');
    expect(actionOf(focusedItem(start, 'group:docs')!)).toEqual({ kind: 'openGroup', groupId: 'docs' });
    expect(actionOf(focusedItem(start, 'service:passport')!)).toEqual({ kind: 'issue', serviceId: 'passport' });
    expect(actionOf(focusedItem(start, 'language:en')!)).toEqual({ kind: 'locale', locale: 'en' });
    expect(actionOf(focusedItem(group, 'back')!)).toEqual({ kind: 'back' });
    expect(actionOf(focusedItem(group, 'service:licence')!)).toEqual({ kind: 'unavailable' });
    expect(focusedItem(group, null)).toBeNull();
  });
});
