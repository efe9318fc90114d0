import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countdownMoment } from './countdownMoments.ts';

/**
 * The countdown said aloud at its moments only (countdownMoments.ts): a polite live region, visually
 * hidden, whose text changes when the screen opens and at 10 s and 5 s left. It starts empty and is
 * filled after the first render, so screen readers see a change to read even on the first moment.
 */
export function CountdownAnnouncement({ secondsLeft, textKey }: { readonly secondsLeft: number; readonly textKey: string }) {
  const { t } = useTranslation();
  const moment = countdownMoment(secondsLeft);
  const [said, setSaid] = useState<{ readonly moment: string | number | null; readonly text: string }>({ moment: null, text: '' });
  useEffect(() => {
    if (moment === 'over' || moment === said.moment) return;
    setSaid({ moment, text: t(textKey, { count: secondsLeft }) });
  }, [moment, said.moment, secondsLeft, t, textKey]);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="countdown-announcement">
      {said.text}
    </p>
  );
}
