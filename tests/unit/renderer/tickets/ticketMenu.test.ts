import { describe, expect, it } from 'vitest';
import type { ServiceView, TicketsView } from '../../../../shared/kioskApi.ts';
import { createI18n } from '../../../../renderer/common/i18n.ts';
import {
  issueTime,
  localizedText,
  numberLength,
  openGroupOf,
  pickLocalized,
  servicesOfGroup,
  topLevelEntries,
  unavailableReason,
} from '../../../../renderer/tickets/ticketMenu.ts';

const service = (id: string, extra: Partial<ServiceView> = {}): ServiceView => ({
  id,
  name: { ru: id, en: id },
  bring: {},
  group: null,
  available: true,
  unavailable: null,
  opensAt: null,
  ...extra,
});

describe('localized text', () => {
  it('takes the current locale first', () => {
    expect(localizedText({ ru: 'Паспорт', en: 'Passport' }, 'en', 'ru')).toBe('Passport');
    expect(pickLocalized({ ru: 'Паспорт', en: 'Passport' }, 'ru', 'ru')).toEqual({ text: 'Паспорт', lang: 'ru' });
  });

  it('falls back to the default locale, then to any text, and says which language it is in', () => {
    expect(pickLocalized({ ru: 'Паспорт' }, 'en', 'ru')).toEqual({ text: 'Паспорт', lang: 'ru' });
    expect(pickLocalized({ en: 'Passport' }, 'ru', 'ru')).toEqual({ text: 'Passport', lang: 'en' });
  });

  it('skips blank texts and gives nothing when there is no text at all', () => {
    expect(localizedText({ en: '  ', ru: 'Паспорт' }, 'en', 'en')).toBe('Паспорт');
    expect(localizedText({ ru: ' Паспорт ' }, 'ru', 'ru')).toBe('Паспорт');
    expect(localizedText({}, 'ru', 'ru')).toBe('');
    expect(localizedText(null, 'ru', 'ru')).toBe('');
    expect(pickLocalized(undefined, 'ru', 'ru')).toBeNull();
  });
});

describe('why a service is unavailable', () => {
  const ru = createI18n('ru');
  const en = createI18n('en');
  const say = (i18n: typeof ru, s: Pick<ServiceView, 'available' | 'unavailable' | 'opensAt'>) => {
    const phrase = unavailableReason(s);
    return phrase === null ? null : i18n.t(phrase.key, { ...phrase.values });
  };

  it('an available service has no reason', () => {
    expect(unavailableReason({ available: true, unavailable: null, opensAt: null })).toBeNull();
  });

  it.each([
    [{ available: false, unavailable: 'closed', opensAt: '14:00' }, 'Сейчас не\u00a0работает — откроется в\u00a014:00', 'Closed now — opens at 14:00'],
    [{ available: false, unavailable: 'closed', opensAt: null }, 'Сегодня не\u00a0работает', 'Not available today'],
    [{ available: false, unavailable: 'daily-limit', opensAt: null }, 'Талоны на\u00a0сегодня закончились', 'No more tickets today'],
    [{ available: false, unavailable: 'range-exhausted', opensAt: null }, 'Талоны закончились, обратитесь к\u00a0сотруднику', 'No tickets left, please ask a member of staff'],
    [{ available: false, unavailable: null, opensAt: null }, 'Сейчас недоступно, обратитесь к\u00a0сотруднику', 'Not available now, please ask a member of staff'],
  ] as const)('%j', (s, inRussian, inEnglish) => {
    expect(say(ru, s)).toBe(inRussian);
    expect(say(en, s)).toBe(inEnglish);
  });
});

describe('the menu', () => {
  const tickets: Pick<TicketsView, 'services' | 'groups'> = {
    groups: [
      { id: 'docs', name: { ru: 'Документы' } },
      { id: 'empty', name: { ru: 'Пустая' } },
      { id: 'family', name: { ru: 'Семья' } },
    ],
    services: [
      service('passport'),
      service('foreign', { group: 'docs' }),
      service('birth', { group: 'family' }),
      service('licence', { group: 'docs' }),
      service('orphan', { group: 'no-such-group' }),
    ],
  };

  it('starts with the groups that have services, in their order, then the services without a group', () => {
    const entries = topLevelEntries(tickets).map((entry) => (entry.kind === 'group' ? `group:${entry.id}:${entry.services.length}` : entry.service.id));
    expect(entries).toEqual(['group:docs:2', 'group:family:1', 'passport', 'orphan']);
  });

  it('lists the services of a group in the configured order', () => {
    expect(servicesOfGroup(tickets, 'docs').map((s) => s.id)).toEqual(['foreign', 'licence']);
  });

  it('an open group that is gone or empty is the start screen', () => {
    expect(openGroupOf(tickets, 'docs')?.id).toBe('docs');
    expect(openGroupOf(tickets, 'empty')).toBeNull();
    expect(openGroupOf(tickets, 'gone')).toBeNull();
    expect(openGroupOf(tickets, null)).toBeNull();
  });

  it('without groups every service is on the first screen', () => {
    expect(topLevelEntries({ groups: [], services: [service('a'), service('b')] }).map((e) => e.kind)).toEqual(['service', 'service']);
  });
});

describe('the ticket', () => {
  it('shows the issue time as the device wrote it, whatever the browser time zone', () => {
    expect(issueTime('2026-11-23T14:02:31.120+03:00')).toBe('14:02');
    expect(issueTime('2026-11-23T09:05:00Z')).toBe('09:05');
    expect(issueTime('not a time')).toBeNull();
  });

  it('sizes the number by its length', () => {
    expect(numberLength('П-017')).toBe('short');
    expect(numberLength('ПАС-017')).toBe('medium');
    expect(numberLength('ПАС-1234')).toBe('long');
  });
});

describe('ticket phrases with numbers (Russian plural forms)', () => {
  const ru = createI18n('ru');
  const en = createI18n('en');

  it.each([
    [1, 'Меню откроется через 1 секунду', '1 услуга'],
    [2, 'Меню откроется через 2 секунды', '2 услуги'],
    [5, 'Меню откроется через 5 секунд', '5 услуг'],
    [11, 'Меню откроется через 11 секунд', '11 услуг'],
    [15, 'Меню откроется через 15 секунд', '15 услуг'],
    [21, 'Меню откроется через 21 секунду', '21 услуга'],
    [22, 'Меню откроется через 22 секунды', '22 услуги'],
    [0, 'Меню откроется через 0 секунд', '0 услуг'],
  ])('ru %i', (count, closesIn, services) => {
    expect(ru.t('tickets.ticket.closesIn', { count })).toBe(closesIn);
    expect(ru.t('tickets.group.services', { count })).toBe(services);
  });

  it.each([
    [1, 'The menu comes back in 1 second', '1 service'],
    [15, 'The menu comes back in 15 seconds', '15 services'],
  ])('en %i', (count, closesIn, services) => {
    expect(en.t('tickets.ticket.closesIn', { count })).toBe(closesIn);
    expect(en.t('tickets.group.services', { count })).toBe(services);
  });
});
