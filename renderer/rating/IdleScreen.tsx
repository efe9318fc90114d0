import type { RequestInput } from '../../shared/requests/registry.ts';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Face, moodFor } from './Face.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';
import type { VisitView } from '../../shared/kioskApi.ts';
import { VisitStatus } from './VisitStatus.tsx';

/**
 * "Rate our service": one large button per score, each with a face, the digit and a word. With an
 * office hub, the visit at this window above them (the ticket called, who serves), and after the
 * visit an invitation to rate it in place of the title; the hint gives way to keep the screen's size.
 */
export function IdleScreen({
  scale,
  onPress,
  visit = null,
}: {
  readonly scale: 3 | 4 | 5;
  readonly onPress: (input: RequestInput<'press'>) => void;
  readonly visit?: VisitView | null;
}) {
  const { t } = useTranslation();
  const scores = Array.from({ length: scale }, (_, index) => index + 1);
  // A click with detail 0 came from Enter/Space on a focused button, not from a touch.
  const sourceOf = (event: MouseEvent): RequestInput<'press'>['source'] => (event.detail === 0 ? 'keyboard' : 'touch');

  return (
    <main className="screen screen--idle">
      {visit && <VisitStatus visit={visit} />}
      <ScreenTitle id="idle-title">{visit?.phase === 'rate' ? t('visit.rateTitle') : t('idle.title')}</ScreenTitle>
      <div className={`rating rating--scale-${scale}`} role="group" aria-labelledby="idle-title">
        {scores.map((score) => {
          const word = t(`score.scale${scale}.${score}`);
          const mood = moodFor(score, scale);
          return (
            <button
              key={score}
              type="button"
              className={`rating__button rating__button--mood-${mood}`}
              onClick={(event) => onPress({ score, source: sourceOf(event) })}
            >
              <Face mood={mood} />
              {/* The name is the visible text, "1 Очень плохо": the digit matches the button box. */}
              <span className="rating__digit">{score}</span>{' '}
              <span className="rating__word">{word}</span>
            </button>
          );
        })}
      </div>
      {!visit && <p className="screen__hint">{t('idle.hint')}</p>}
    </main>
  );
}
