import { createInstance, type i18n as I18n } from 'i18next';
import { uiRules, type Locale } from '../../shared/configRules.ts';
import en from '../../shared/locales/en.json' with { type: 'json' };
import ru from '../../shared/locales/ru.json' with { type: 'json' };

/**
 * The UI language is a pure function of `state.session.locale`, so instead of one instance whose
 * language is switched (and may lag a render behind), each locale gets its own instance with the
 * language fixed. No DOM here: the locale tests use this very file in Node.
 */

export const resources = {
  ru: { translation: ru },
  en: { translation: en },
} as const satisfies Record<Locale, { translation: object }>;

/** Before the first state: the config's default language. */
export const DEFAULT_LOCALE: Locale = uiRules.defaultLocale;

export function createI18n(locale: Locale): I18n {
  const instance = createInstance();
  // Resources are bundled, so with initAsync: false the instance is ready when init returns.
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
  });
  return instance;
}

const instances = new Map<Locale, I18n>();

export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}
