import type { FollowUpReason } from '../../shared/followUp.ts';
import type { SessionView, VisitView } from '../../shared/kioskApi.ts';
import { buttonWord, joinParts, said, type SpeechWords, type SpokenPart } from '../common/speech/parts.ts';

/**
 * What the rating terminal says in speech mode (issue #15, item 4): on each screen its title, then
 * each choice with how to choose it ("Кнопка один — очень плохо."), and after a vote what happened
 * ("Спасибо, ваша оценка учтена."). Pure: the screen in, the parts to say out.
 */

export interface RatingScreen {
  readonly session: SessionView;
  readonly scale: 3 | 4 | 5;
  readonly followUpReasons: readonly FollowUpReason[];
  readonly visit: VisitView | null;
}

/** The follow-up's reasons are chosen with the keyboard's digits in speech mode (the box's buttons vote only): reason n is key n, skip the next one. */
export const followUpKeyOf = (reasons: readonly FollowUpReason[], key: number): FollowUpReason | null | undefined =>
  key >= 1 && key <= reasons.length ? reasons[key - 1] : key === reasons.length + 1 ? null : undefined;

export function ratingScript(words: SpeechWords, screen: RatingScreen): SpokenPart[] {
  const { t } = words;
  const say = (text: string): SpokenPart => said(words, text);
  const { session } = screen;
  switch (session.phase) {
    case 'idle': {
      const title = screen.visit?.phase === 'rate' ? t('visit.rateTitle') : t('idle.title');
      const choices = Array.from({ length: screen.scale }, (_, index) =>
        say(t('speech.rating.choice', { button: buttonWord(words, index + 1), word: t(`score.scale${screen.scale}.${index + 1}`) })),
      );
      return joinParts([say(`${title}.`), ...choices]);
    }
    case 'followUp': {
      const reasons = screen.followUpReasons.map((reason, index) =>
        say(t('speech.rating.followUpChoice', { button: buttonWord(words, index + 1), reason: t(`followUp.reasons.${reason}`) })),
      );
      const skip = say(t('speech.rating.followUpSkip', { button: buttonWord(words, screen.followUpReasons.length + 1) }));
      return joinParts([say(t('followUp.title')), say(t('followUp.subtitle')), ...reasons, skip, say(t('speech.moreTimeHint'))]);
    }
    case 'thanks':
      return session.kind === 'voted'
        ? joinParts([say(t('speech.rating.voted')), say(t('thanks.voted.text'))])
        : joinParts([say(`${t('thanks.alreadyCounted.title')}.`), say(t('thanks.alreadyCounted.text'))]);
    case 'notSaved':
      return joinParts([say(`${t('notSaved.title')}.`), say(t('notSaved.text'))]);
  }
}

/** Which screen is shown: a new one is said on arrival, the same one again only on "repeat". */
export function ratingScreenKey(screen: RatingScreen): string {
  const { session } = screen;
  return session.phase === 'thanks' ? `thanks:${session.kind}` : `${session.phase}:${screen.visit?.phase ?? ''}`;
}
