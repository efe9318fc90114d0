import { useTranslation } from 'react-i18next';
import { WrenchIcon } from './Icons.tsx';

/** Shown on every screen while the device needs a technician; the screen itself keeps working. */
export function TechnicianBanner() {
  const { t } = useTranslation();
  return (
    <div className="technician-banner" role="status">
      <WrenchIcon />
      <span>{t('health.needsTechnician')}</span>
    </div>
  );
}
