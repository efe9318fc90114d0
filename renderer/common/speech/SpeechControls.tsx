import { useTranslation } from 'react-i18next';
import type { SpeechView } from '../../../shared/kioskApi.ts';
import type { RequestInput } from '../../../shared/requests/registry.ts';
import { SpeakerIcon } from '../Icons.tsx';
import './speech.css';

/**
 * The accessibility button on every citizen screen (issue #15, item 4): a speaker and a word, pressed
 * while speech mode is on; with it on, quieter and louder. Shown only where the device can speak.
 * On a small panel the words are hidden from sight (speech.css), not from a screen reader: the
 * buttons keep their names, and the top bar keeps room for 2-cm controls.
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
            <span className="speech-volume__sign" aria-hidden="true">−</span> <span className="speech-volume__word">{t('speech.quieter')}</span>
          </button>
          <button type="button" className="speech-volume__button" onClick={() => onVolume(1)}>
            <span className="speech-volume__sign" aria-hidden="true">+</span> <span className="speech-volume__word">{t('speech.louder')}</span>
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
        <span className="speech-button__word">{t('speech.button')}</span>
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
