import { useTranslation } from 'react-i18next';
import type { FollowUpReason } from '../../shared/followUp.ts';
import { Countdown } from '../common/Countdown.tsx';
import { ReasonIcon } from '../common/Icons.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';

/** "What could be better?" after a low score: one button per reason, and skip. */
export function FollowUpScreen({
  reasons,
  endsInMs,
  revision,
  onAnswer,
}: {
  readonly reasons: readonly FollowUpReason[];
  readonly endsInMs: number;
  /** Restarts the countdown whenever a new state arrives. */
  readonly revision: number;
  readonly onAnswer: (reason: FollowUpReason | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen screen--follow-up">
      <ScreenTitle id="follow-up-title">{t('followUp.title')}</ScreenTitle>
      <p className="screen__text">{t('followUp.subtitle')}</p>
      <div className="reasons" role="group" aria-label={t('followUp.reasonsLabel')}>
        {reasons.map((reason) => (
          <button key={reason} type="button" className="reasons__button" onClick={() => onAnswer(reason)}>
            <ReasonIcon reason={reason} />
            <span>{t(`followUp.reasons.${reason}`)}</span>
          </button>
        ))}
        <button type="button" className="reasons__button reasons__button--skip" onClick={() => onAnswer(null)}>
          <span>{t('followUp.skip')}</span>
        </button>
      </div>
      <Countdown key={revision} endsInMs={endsInMs} />
    </main>
  );
}
