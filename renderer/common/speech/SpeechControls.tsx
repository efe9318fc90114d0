import { useTranslation } from 'react-i18next';
import type { SpeechView } from '../../../shared/kioskApi.ts';
import type { RequestInput } from '../../../shared/requests/registry.ts';
import { SpeakerIcon } from '../Icons.tsx';
import './speech.css';

/**
 * The accessibility button on every citizen screen (issue #15, item 4): a speaker and a word, pressed
 * while speech mode is on; with it on, quieter and louder. Shown only where the device can speak.
 */
export function SpeechControls({
  speech,
  onMode,
  onVolume,
}: {
  readonly speech: SpeechView;
  readonly onMode: (input: RequestInput<'setSpeechMode'>) => void;
  readonly onVolume: (step: 1 | -1) => void;
}) {
  const { t } = useTranslation();
  if (!speech.available) return null;
  return (
    <div className="speech-controls">
      {speech.on && (
        <div className="speech-volume" role="group" aria-label={t('speech.volumeLabel')}>
          <button type="button" className="speech-volume__button" onClick={() => onVolume(-1)}>
            <span aria-hidden="true">−</span> {t('speech.quieter')}
          </button>
          <button type="button" className="speech-volume__button" onClick={() => onVolume(1)}>
            <span aria-hidden="true">+</span> {t('speech.louder')}
          </button>
        </div>
      )}
      <button
        type="button"
        className="speech-button"
        aria-pressed={speech.on}
        title={t('speech.buttonHint')}
        onClick={(event) => onMode({ on: !speech.on, source: event.detail === 0 ? 'keyboard' : 'touch' })}
      >
        <SpeakerIcon />
        <span>{t('speech.button')}</span>
      </button>
    </div>
  );
}

/** "More time" on a screen with a countdown (WCAG 2.2.1): the core starts the countdown again, longer. */
export function MoreTimeButton({ onMoreTime }: { readonly onMoreTime: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="more-time-button" onClick={onMoreTime}>
      {t('speech.moreTime')}
    </button>
  );
}
