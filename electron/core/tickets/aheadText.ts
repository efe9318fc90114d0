import type { Locale } from '../../../shared/config.ts';

/**
 * The printed line about the wait ("Перед вами: 4 человека, примерно 10 мин"), in the ticket's
 * language. The screen says the same from its own words (shared/locales, tickets.ticket.ahead…);
 * the paper cannot load them, so the few forms live here. Pure.
 */

const RU_PLURAL = new Intl.PluralRules('ru');

/** "человек" / "человека": 1, 21 and 5, 11 человек; 2–4, 22 человека. */
const people = (count: number): string => (RU_PLURAL.select(count) === 'few' ? 'человека' : 'человек');

function estimate(locale: Locale, minutes: number | null): string {
  if (minutes === null) return '';
  // The hub rounds to 5 minutes: 0 means "less than 5".
  if (locale === 'ru') return minutes === 0 ? ', меньше 5 мин' : `, примерно ${minutes} мин`;
  return minutes === 0 ? ', under 5 min' : `, about ${minutes} min`;
}

export function aheadText(locale: Locale, ahead: number, estimateMinutes: number | null): string {
  if (ahead === 0) return locale === 'ru' ? 'Вы следующий в очереди' : 'You are next';
  if (locale === 'ru') return `Перед вами: ${ahead} ${people(ahead)}${estimate(locale, estimateMinutes)}`;
  return `People ahead: ${ahead}${estimate(locale, estimateMinutes)}`;
}
