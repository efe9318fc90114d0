import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountdownAnnouncement } from './CountdownAnnouncement.tsx';

const TICK_MS = 200;

/**
 * Seconds left until the core closes the screen, counted down locally from the `endsInMs` of the
 * state that was rendered. Give it a `key` that changes with each state so a new state restarts it.
 * `textKey` names a plural phrase with {{count}} (default: "N seconds left").
 */
export function Countdown({ endsInMs, textKey = 'followUp.secondsLeft' }: { readonly endsInMs: number; readonly textKey?: string }) {
  const { t } = useTranslation();
  const [deadline] = useState(() => performance.now() + endsInMs);
  const [now, setNow] = useState(() => performance.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  // role="timer" is not announced on every tick (its live region is off by default); the
  // announcement beside it says the time at a few moments only.
  return (
    <>
      <p className="countdown" role="timer">
        {t(textKey, { count: seconds })}
      </p>
      <CountdownAnnouncement secondsLeft={seconds} textKey={textKey} />
    </>
  );
}
