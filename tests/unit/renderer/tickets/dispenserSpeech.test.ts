import { describe, expect, it } from 'vitest';
import type { ServiceView, TicketView } from '../../../../shared/kioskApi.ts';
import { buttonsRules } from '../../../../shared/configRules.ts';
import { spokenTicket } from '../../../../shared/speech/spokenTicket.ts';
import { createI18n } from '../../../../renderer/common/i18n.ts';
import { wordsOf } from '../../../../renderer/common/speech/parts.ts';
import { itemScript, menuScript, ticketScript } from '../../../../renderer/tickets/dispenserSpeech.ts';

const ru = wordsOf(createI18n('ru'), 'ru');
const en = wordsOf(createI18n('en'), 'en');
const KEYS = buttonsRules.defaultSpeechKeys;
const text = (parts: readonly { text: string }[]) => parts.map((part) => part.text).join(' ');
const service = (extra: Partial<ServiceView> = {}): ServiceView => ({
  id: 'passport',
  name: { ru: 'Паспорт', en: 'Passport' },
  bring: {},
  group: null,
  available: true,
  unavailable: null,
  opensAt: null,
  ...extra,
});
const TICKET: TicketView = { id: 't1', number: 'П-017', serviceId: 'passport', issuedAt: '2026-12-03T14:02:00+03:00', printed: 'no', ahead: 4, estimateMinutes: 15 };

describe('what the dispenser says', () => {
  it('the menu: the office (in its own language), the title and the keys', () => {
    expect(menuScript(en, { office: 'МФЦ района Тверской', groupName: null, defaultLocale: 'ru', keys: KEYS })).toEqual([
      { lang: 'ru', text: 'МФЦ района Тверской.' },
      { lang: 'en', text: `${en.t('tickets.menu.title')}. Button two: next item, button one: previous, button three: choose, button four: repeat.` },
    ]);
    expect(text(menuScript(ru, { office: 'МФЦ', groupName: { ru: 'Документы' }, defaultLocale: 'ru', keys: KEYS }))).toBe(
      'Группа услуг: Документы. Кнопка два — следующий пункт, кнопка один — предыдущий, кнопка три — выбрать, кнопка четыре — повторить.',
    );
  });

  it('a service with how to take it; a name only in Russian is a Russian part inside English', () => {
    expect(itemScript(ru, { kind: 'service', service: service() }, 'ru', KEYS)).toEqual([{ lang: 'ru', text: 'Услуга: Паспорт. Кнопка три — взять талон.' }]);
    expect(itemScript(en, { kind: 'service', service: service({ name: { ru: 'Недвижимость' } }) }, 'ru', KEYS)).toEqual([
      { lang: 'en', text: 'Service:' },
      { lang: 'ru', text: 'Недвижимость.' },
      { lang: 'en', text: 'Button three to take a ticket.' },
    ]);
  });

  it('an unavailable service says why, the opening time in words', () => {
    expect(text(itemScript(ru, { kind: 'service', service: service({ available: false, unavailable: 'daily-limit' }) }, 'ru', KEYS))).toContain('Талоны на сегодня закончились');
    expect(text(itemScript(ru, { kind: 'service', service: service({ available: false, unavailable: 'closed', opensAt: '14:30' }) }, 'ru', KEYS))).toContain(
      'откроется в четырнадцать тридцать',
    );
    expect(text(itemScript(en, { kind: 'service', service: service({ available: false, unavailable: 'closed', opensAt: '09:00' }) }, 'ru', KEYS))).toContain("opens at nine o'clock");
  });

  it('a group with its count agreed, back, and a language in its own voice', () => {
    expect(text(itemScript(ru, { kind: 'group', id: 'docs', name: { ru: 'Документы' }, count: 1 }, 'ru', KEYS))).toBe('Группа услуг: Документы. одна услуга. Кнопка три — открыть.');
    expect(text(itemScript(ru, { kind: 'group', id: 'docs', name: { ru: 'Документы' }, count: 2 }, 'ru', KEYS))).toContain('две услуги');
    expect(text(itemScript(en, { kind: 'group', id: 'docs', name: { en: 'Documents' }, count: 5 }, 'ru', KEYS))).toContain('five services');
    expect(text(itemScript(ru, { kind: 'back' }, 'ru', KEYS))).toBe('Назад, к списку услуг. Кнопка три — выбрать.');
    expect(itemScript(ru, { kind: 'language', locale: 'en' }, 'ru', KEYS)).toEqual([{ lang: 'en', text: 'English. Button three to choose.' }]);
  });

  it('the ticket: the number in words, the service, the time, people ahead and the wait (step 5), the paper, the hint, more time', () => {
    const said = text(ticketScript(ru, { ticket: TICKET, serviceName: { ru: 'Паспорт' }, hint: { ru: 'Ожидайте вызова в зале 2' }, defaultLocale: 'ru', keys: KEYS }));
    expect(said).toBe(
      'Ваш талон: пэ семнадцать. Паспорт. Выдан в четырнадцать ноль два. впереди четыре человека, ожидание около пятнадцати минут. ' +
        'Талон не напечатан — пожалуйста, запомните или сфотографируйте номер. Ожидайте вызова в зале 2. Кнопка три — продлить время, кнопка четыре — повторить.',
    );
    const english = text(ticketScript(en, { ticket: { ...TICKET, ahead: 0, estimateMinutes: 0, printed: 'yes' }, serviceName: null, hint: null, defaultLocale: 'ru', keys: KEYS }));
    expect(english).toContain(`Your ticket: ${spokenTicket('en', 'П-017')}.`);
    expect(english).toContain('you are next, waiting time less than five minutes.');
    expect(english).toContain(en.t('tickets.ticket.printed'));
  });

  it('a ticket without a hub says nothing about the wait; an impossible count is left out, not a crash', () => {
    const none = text(ticketScript(ru, { ticket: { ...TICKET, ahead: null, estimateMinutes: null }, serviceName: null, hint: null, defaultLocale: 'ru', keys: KEYS }));
    expect(none).not.toMatch(/впереди|минут/);
    const odd = text(ticketScript(ru, { ticket: { ...TICKET, ahead: -3, estimateMinutes: Number.NaN }, serviceName: null, hint: null, defaultLocale: 'ru', keys: KEYS }));
    expect(odd).toContain('Ваш талон: пэ семнадцать.');
  });
});
