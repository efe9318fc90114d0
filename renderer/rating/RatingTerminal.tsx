import { useTranslation } from 'react-i18next';
import type { KioskState } from '../../shared/kioskApi.ts';
import type { Intents } from '../common/intents.ts';
import { Lang } from '../common/Lang.tsx';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { TechnicianBanner } from '../common/TechnicianBanner.tsx';
import { FollowUpScreen } from './FollowUpScreen.tsx';
import { IdleScreen } from './IdleScreen.tsx';
import { NotSavedScreen } from './NotSavedScreen.tsx';
import { ThanksScreen } from './ThanksScreen.tsx';
import { MoreTimeButton, SpeechControls } from '../common/speech/SpeechControls.tsx';
import { useRatingSpeech } from './useRatingSpeech.ts';
import './rating.css';

/** The rating terminal at a service window (device.mode "rating"). */
export function RatingTerminal({ state, intents }: { readonly state: KioskState; readonly intents: Intents }) {
  const { t } = useTranslation();
  const { session } = state;
  useRatingSpeech(state, intents);
  return (
    <div className={`terminal terminal--${session.phase}`}>
      <header className="topbar topbar--citizen">
        <p className="topbar__window"><Lang text={t('header.window', { window: state.device.window })} /></p>
        <LanguageSwitch locales={state.ui.locales} current={session.locale} onSelect={intents.setLocale} />
        {session.phase !== 'idle' && <MoreTimeButton onMoreTime={intents.moreTime} />}
        <SpeechControls speech={state.speech} onMode={intents.setSpeechMode} onVolume={intents.changeSpeechVolume} />
      </header>
      {state.health.needsTechnician && <TechnicianBanner />}
      <Screen state={state} intents={intents} />
    </div>
  );
}

function Screen({ state, intents }: { readonly state: KioskState; readonly intents: Intents }) {
  const { session } = state;
  switch (session.phase) {
    case 'idle':
      return <IdleScreen scale={state.rating.scale} onPress={intents.press} visit={state.visit} />;
    case 'followUp':
      return (
        <FollowUpScreen
          reasons={state.rating.followUpReasons}
          endsInMs={session.endsInMs}
          revision={state.revision}
          onAnswer={intents.answerFollowUp}
        />
      );
    case 'thanks':
      return <ThanksScreen kind={session.kind} />;
    case 'notSaved':
      return <NotSavedScreen />;
  }
}
