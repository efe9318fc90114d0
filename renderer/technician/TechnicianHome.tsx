import { useTranslation } from 'react-i18next';
import type { KioskState } from '../../shared/kioskApi.ts';
import { ScreenTitle } from '../common/ScreenTitle.tsx';

/** The technician's start: setup, diagnostics, or back to the kiosk. */
export function TechnicianHome({
  state,
  onSetup,
  onDiagnostics,
  onExit,
}: {
  readonly state: KioskState;
  readonly onSetup: () => void;
  readonly onDiagnostics: () => void;
  readonly onExit: () => void;
}) {
  const { t } = useTranslation();
  const { device, health } = state;
  return (
    <main className="technician__main technician-home" data-testid="technician-home">
      <ScreenTitle id="technician-home-title">{t('technician.home.title')}</ScreenTitle>
      <dl className="facts technician-home__device">
        <div className="facts__row">
          <dt>{t('technician.home.device')}</dt>
          <dd>{device.id}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('technician.home.mode')}</dt>
          <dd>{t(`technician.mode.${device.mode}`)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('technician.home.office')}</dt>
          <dd>{device.office}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('technician.home.window')}</dt>
          <dd>{device.window}</dd>
        </div>
      </dl>
      {health.problems.length > 0 && (
        <ul className="technician-home__problems" aria-label={t('technician.home.problems')}>
          {health.problems.map((problem) => (
            <li key={problem}>{t(`technician.home.problem.${problem}`)}</li>
          ))}
        </ul>
      )}
      <div className="technician-home__actions">
        <button type="button" className="technician-tile" data-testid="home-setup" onClick={onSetup}>
          <span className="technician-tile__name">{t('technician.home.setup')}</span>
          <span className="technician-tile__hint">{t('technician.home.setupHint')}</span>
        </button>
        <button type="button" className="technician-tile" data-testid="home-diagnostics" onClick={onDiagnostics}>
          <span className="technician-tile__name">{t('technician.home.diagnostics')}</span>
          <span className="technician-tile__hint">{t('technician.home.diagnosticsHint')}</span>
        </button>
        <button type="button" className="technician-tile technician-tile--exit" data-testid="home-exit" onClick={onExit}>
          <span className="technician-tile__name">{t('technician.home.exit')}</span>
          <span className="technician-tile__hint">{t('technician.home.exitHint')}</span>
        </button>
      </div>
    </main>
  );
}
