import { useTranslation } from 'react-i18next';
import { Lang } from '../common/Lang.tsx';
import type { VisitView } from '../../shared/kioskApi.ts';

/**
 * The visit at this window, as the office hub shows it: the ticket invited, who is serving, or the
 * finished visit the screen asks to rate. A live region: a visitor who cannot see the screen hears
 * the call too. Nothing without a hub (the terminal is then exactly as before).
 */
export function VisitStatus({ visit }: { readonly visit: VisitView }) {
  const { t } = useTranslation();
  const number = (
    <strong className="visit__number">
      <Lang text={visit.ticketNumber} />
    </strong>
  );
  return (
    <p className={`visit visit--${visit.phase}`} role="status">
      {visit.phase === 'called' && (
        <>
          {t('visit.called')} {number}
        </>
      )}
      {visit.phase === 'serving' && (
        <>
          {t('visit.ticket')} {number}
          {visit.operatorName && <span className="visit__operator"><Lang text={t('visit.servedBy', { name: visit.operatorName })} /></span>}
        </>
      )}
      {visit.phase === 'rate' && (
        <>
          {t('visit.ticket')} {number}
          {visit.operatorName && <span className="visit__operator"><Lang text={t('visit.servedByPast', { name: visit.operatorName })} /></span>}
        </>
      )}
    </p>
  );
}
