import { createInstance, type i18n as I18n } from 'i18next';
import en from '../../shared/locales/dashboard/en.json' with { type: 'json' };
import ru from '../../shared/locales/dashboard/ru.json' with { type: 'json' };
import type { DashboardLocale } from './format.ts';

/**
 * The dashboard's words, its own files (shared/locales/dashboard/), none of the kiosk's: Russian by
 * default, English on the switch. One instance per language with the language fixed, as the kiosk
 * does (renderer/common/i18n.ts): switching is picking the other instance, never a lagging render.
 * No DOM here: the locale tests use this very file in Node.
 */

export const DASHBOARD_LOCALES = ['ru', 'en'] as const satisfies readonly DashboardLocale[];
export const DEFAULT_DASHBOARD_LOCALE: DashboardLocale = 'ru';

export const dashboardResources = {
  ru: { translation: ru },
  en: { translation: en },
} as const satisfies Record<DashboardLocale, { translation: object }>;

const instances = new Map<DashboardLocale, I18n>();

export function dashboardI18n(locale: DashboardLocale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createInstance();
    // Resources are bundled, so with initAsync: false the instance is ready when init returns.
    void instance.init({
      lng: locale,
      fallbackLng: DEFAULT_DASHBOARD_LOCALE,
      resources: dashboardResources,
      initAsync: false,
      // React escapes text itself.
      interpolation: { escapeValue: false },
    });
    instances.set(locale, instance);
  }
  return instance;
}

export const isDashboardLocale = (value: unknown): value is DashboardLocale => value === 'ru' || value === 'en';
