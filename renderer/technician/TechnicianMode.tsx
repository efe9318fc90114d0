import type { DeviceApi } from '../../shared/requests/client.ts';
// First: what every technician screen shares, so that the PIN pad's, the wizard's and diagnostics' own rules come after it.
import './technician.css';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../shared/configRules.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import type { TechnicianView } from '../../shared/technicianApi.ts';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { WrenchIcon } from '../common/Icons.tsx';
import { settle } from './call.ts';
import { Diagnostics } from './diagnostics/Diagnostics.tsx';
import { idleSpan } from './format.ts';
import { KeyboardProvider, OnScreenKeyboard } from './OnScreenKeyboard.tsx';
import { PinPad } from './pin/PinPad.tsx';
import { TechnicianHome } from './TechnicianHome.tsx';
import { useActivity } from './useActivity.ts';
import { Wizard } from './wizard/Wizard.tsx';

// With the component, the words it speaks: App adds them to the page's languages when this chunk arrives.
export { technicianWords } from './technicianWords.ts';

type OpenView = Extract<TechnicianView, { phase: 'open' }>;

/**
 * Technician mode, shown instead of the kiosk while `state.technician` is not closed: the PIN pad,
 * then the technician's screens. Which screen is open is local (home, setup, diagnostics); whether
 * technician mode is open at all is the core's, which also closes it after a while untouched.
 */
export function TechnicianMode({
  technician,
  state,
  locale,
  onLocale,
}: {
  readonly technician: DeviceApi;
  readonly state: KioskState;
  readonly locale: Locale;
  readonly onLocale: (locale: Locale) => void;
}) {
  const view = state.technician;
  if (view.phase === 'pin') return <PinPad technician={technician} view={view} />;
  if (view.phase === 'open') return <TechnicianScreens technician={technician} state={state} view={view} locale={locale} onLocale={onLocale} />;
  return null;
}

type Screen = 'home' | 'wizard' | 'diagnostics';

function TechnicianScreens({
  technician,
  state,
  view,
  locale,
  onLocale,
}: {
  readonly technician: DeviceApi;
  readonly state: KioskState;
  readonly view: OpenView;
  readonly locale: Locale;
  readonly onLocale: (locale: Locale) => void;
}) {
  // Kept when the first save turns `firstRun` off, so the wizard can say where it saved.
  const [screen, setScreen] = useState<Screen>(view.firstRun ? 'wizard' : 'home');
  useActivity(technician, true);
  const leave = (): void => void settle(technician.request('leave', {}));
  const home = view.firstRun ? null : (): void => setScreen('home');

  return (
    <KeyboardProvider>
      <TechnicianFrame idleSeconds={view.idleSeconds} locale={locale} onLocale={onLocale}>
        {screen === 'home' && !view.firstRun ? (
          <TechnicianHome state={state} onSetup={() => setScreen('wizard')} onDiagnostics={() => setScreen('diagnostics')} onExit={leave} />
        ) : screen === 'diagnostics' && !view.firstRun ? (
          <Diagnostics technician={technician} onBack={() => setScreen('home')} />
        ) : (
          <Wizard technician={technician} view={view} onClose={home} />
        )}
      </TechnicianFrame>
    </KeyboardProvider>
  );
}

/** The bar over every technician screen: which mode this is, when it leaves by itself, the language. */
function TechnicianFrame({
  idleSeconds,
  locale,
  onLocale,
  children,
}: {
  readonly idleSeconds: number | null;
  readonly locale: Locale;
  readonly onLocale: (locale: Locale) => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const idle = idleSeconds === null ? null : idleSpan(idleSeconds);
  return (
    <div className="technician" data-testid="technician">
      <header className="technician__bar">
        <p className="technician__badge">
          <WrenchIcon />
          <span>{t('technician.title')}</span>
        </p>
        {idle && (
          <p className="technician__idle" data-testid="technician-idle-note">
            {t(idle.unit === 'minutes' ? 'technician.idleMinutes' : 'technician.idleSeconds', { count: idle.count })}
          </p>
        )}
        <LanguageSwitch locales={LOCALES} current={locale} onSelect={onLocale} />
      </header>
      {children}
      <OnScreenKeyboard />
    </div>
  );
}
