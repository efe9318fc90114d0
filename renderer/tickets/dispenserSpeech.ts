import type { Locale } from '../../shared/config.ts';
import type { Localized, TicketView } from '../../shared/kioskApi.ts';
import { spokenPeopleAhead, spokenTicket, spokenWait } from '../../shared/speech/spokenTicket.ts';
import { spokenNumber } from '../../shared/speech/spokenNumber.ts';
import { buttonWord, joinParts, languageOfText, said, spokenClockTime, type SpeechWords, type SpokenPart } from '../common/speech/parts.ts';
import type { SpeechKeys } from '../common/speech/speechKeys.ts';
import type { FocusItem } from './speechFocus.ts';
import { issueTime, pickLocalized, unavailableReason } from './ticketMenu.ts';

/**
 * What the ticket dispenser says in speech mode (issue #15, item 5): the menu's title and how to move
 * through it, each item with its state and how to choose it, and the ticket — everything printed is
 * also spoken (EN 301 549 §5.1.3.16). Pure.
 */


/** The hub rounds its estimate to 5 minutes and sends 0 for "under five" (shared/speech spokenWait). */
const ESTIMATE_STEP_MINUTES = 5;

const keyWords = (words: SpeechWords, keys: SpeechKeys) => ({
  next: buttonWord(words, keys.next),
  previous: buttonWord(words, keys.previous),
  choose: buttonWord(words, keys.choose),
  repeat: buttonWord(words, keys.repeat),
});

/** A configured text in the screen's language, or the language it falls back to. */
function localized(words: SpeechWords, text: Localized | null | undefined, defaultLocale: Locale): SpokenPart | null {
  const picked = pickLocalized(text, words.locale, defaultLocale);
  // A full stop after a name: the voice pauses before what follows it.
  return picked ? { lang: picked.lang, text: /[.!?…:]$/.test(picked.text) ? picked.text : `${picked.text}.` } : null;
}

/** On arrival at the menu (or an opened group): where the visitor is and how to move. */
export function menuScript(
  words: SpeechWords,
  menu: { readonly office: string; readonly groupName: Localized | null; readonly defaultLocale: Locale; readonly keys: SpeechKeys },
): SpokenPart[] {
  const { t } = words;
  const title = menu.groupName ? localized(words, menu.groupName, menu.defaultLocale) : said(words, `${t('tickets.menu.title')}.`);
  return joinParts([
    menu.groupName ? null : { lang: languageOfText(menu.office, words.locale), text: `${menu.office}.` },
    menu.groupName ? said(words, t('speech.menu.group')) : null,
    title,
    said(words, t('speech.menu.keys', keyWords(words, menu.keys))),
  ]);
}

/** One item of the menu, with its state and how to choose it. */
export function itemScript(words: SpeechWords, item: FocusItem, defaultLocale: Locale, keys: SpeechKeys): SpokenPart[] {
  const { t } = words;
  const choose = buttonWord(words, keys.choose);
  switch (item.kind) {
    case 'back':
      return joinParts([said(words, t('speech.menu.back', { choose }))]);
    case 'group': {
      // "одна услуга": the noun is feminine in Russian.
      const count = spokenNumber(words.locale, item.count, { gender: 'feminine' });
      return joinParts([
        said(words, t('speech.menu.group')),
        localized(words, item.name, defaultLocale),
        said(words, t('speech.menu.groupServices', { count: item.count, words: count, choose })),
      ]);
    }
    case 'service': {
      const { service } = item;
      const reason = unavailableReason(service);
      const state =
        reason === null
          ? t('speech.menu.take', { choose })
          : reason.key === 'tickets.unavailable.closedUntil' && service.opensAt
            ? t('speech.menu.closedUntil', { time: spokenClockTime(words.locale, service.opensAt) })
            : `${t(reason.key, { ...reason.values })}.`;
      return joinParts([said(words, t('speech.menu.service')), localized(words, service.name, defaultLocale), said(words, state)]);
    }
    case 'language': {
      // Each language names itself in its own voice, as on the language switch.
      return joinParts([{ lang: item.locale, text: t('speech.menu.language', { choose: spokenNumber(item.locale, keys.choose), lng: item.locale }) }]);
    }
  }
}

/** Never a crash for an odd number from the hub: the phrase is left out (shared/speech throws on impossible counts). */
function safely(phrase: () => string): string | null {
  try {
    return phrase();
  } catch {
    return null;
  }
}

/** The ticket screen: the number in words, the service, when, the paper, the people ahead and the wait, the hint, and how to get more time. */
export function ticketScript(
  words: SpeechWords,
  ticket: { readonly ticket: TicketView; readonly serviceName: Localized | null; readonly hint: Localized | null; readonly defaultLocale: Locale; readonly keys: SpeechKeys },
): SpokenPart[] {
  const { t, locale } = words;
  const { ticket: view } = ticket;
  const time = issueTime(view.issuedAt);
  const ahead = view.ahead === null ? null : safely(() => spokenPeopleAhead(locale, view.ahead ?? 0));
  const wait = view.estimateMinutes === null ? null : safely(() => spokenWait(locale, view.estimateMinutes ?? 0, ESTIMATE_STEP_MINUTES));
  const hasHint = ticket.hint !== null && Object.values(ticket.hint).some((text) => text?.trim());
  const printed = view.printed === 'yes' ? t('tickets.ticket.printed') : t('tickets.ticket.notPrinted');
  return joinParts([
    said(words, t('speech.ticket.number')),
    said(words, `${spokenTicket(locale, view.number)}.`),
    localized(words, ticket.serviceName, ticket.defaultLocale),
    time ? said(words, `${t('tickets.ticket.issuedAt', { time: spokenClockTime(locale, time) })}.`) : null,
    ahead === null ? null : said(words, wait === null ? t('speech.ticket.aheadOnly', { ahead }) : t('speech.ticket.ahead', { ahead, wait })),
    said(words, `${printed}.`),
    hasHint ? localized(words, ticket.hint, ticket.defaultLocale) : said(words, `${t('tickets.ticket.wait')}.`),
    said(words, t('speech.ticket.done', { choose: buttonWord(words, ticket.keys.choose), repeat: buttonWord(words, ticket.keys.repeat) })),
  ]);
}
