import type { TFunction } from 'i18next';
import type { Alert } from '../../shared/central/dashboardApi.ts';
import { alertValues } from './alertText.ts';
import type { DashboardLocale } from './format.ts';

/** An alert in a sentence of the page's language. */
export const alertSentence = (alert: Alert, t: TFunction, locale: DashboardLocale): string => t(`alerts.kind.${alert.kind}`, alertValues(alert, locale));

/** Where it happened: office, window, device, as far as the alert says. */
export function alertPlace(alert: Alert, t: TFunction): string {
  const parts: string[] = [];
  if (alert.office !== null) parts.push(t('alerts.place.office', { office: alert.office }));
  if (alert.window !== null) parts.push(t('alerts.place.window', { window: alert.window }));
  if (alert.deviceId !== null) parts.push(t('alerts.place.device', { device: alert.deviceId }));
  return parts.join(', ') || '—';
}
