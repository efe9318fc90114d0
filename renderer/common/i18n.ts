import { createInstance, type i18n as I18n, type Resource } from 'i18next';
import { uiRules, type Locale } from '../../shared/configRules.ts';
import en from '../../shared/locales/en.json' with { type: 'json' };
import ru from '../../shared/locales/ru.json' with { type: 'json' };
import technicianEn from '../../shared/locales/technician/en.json' with { type: 'json' };
import technicianRu from '../../shared/locales/technician/ru.json' with { type: 'json' };

/**
 * The UI language is a pure function of `state.session.locale`, so instead of one instance whose
 * language is switched (and may lag a render behind), each locale gets its own instance with the
 * language fixed. No DOM here: the locale tests use this very file in Node.
 *
 * The words of the citizen's screens are in the page from its first load; technician mode's come
 * with its chunk (shared/locales/technician/), which adds them with addWords when it arrives.
 */

/** Words for some of the screens, in each language: the whole tree under the one namespace. */
export type Words = Readonly<Record<Locale, object>>;

const CITIZEN_WORDS = { ru, en } as const satisfies Words;

/** Every word of every screen, in each language (what the tests check; not in a citizen's page). */
export const resources = /* @__PURE__ */ allResources();
function allResources() {
  return {
    ru: { translation: { ...ru, ...technicianRu } },
    en: { translation: { ...en, ...technicianEn } },
  } as const satisfies Record<Locale, { translation: object }>;
}

/** Before the first state: the config's default language. */
export const DEFAULT_LOCALE: Locale = uiRules.defaultLocale;

function instanceWith(locale: Locale, resourcesToUse: Resource): I18n {
  const instance = createInstance();
  // Resources are bundled, so with initAsync: false the instance is ready when init returns.
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: resourcesToUse,
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** An instance with every word (tests, tools). */
export const createI18n = (locale: Locale): I18n => instanceWith(locale, resources);

const instances = new Map<Locale, I18n>();
const added: Words[] = [];

/** Each language's words as a resource, as every instance holds them (the default language is the fallback). */
const asResource = (words: Words): Resource => Object.fromEntries(Object.entries(words).map(([locale, tree]) => [locale, { translation: tree }]));

function add(instance: I18n, words: Words): void {
  for (const [locale, tree] of Object.entries(words)) instance.addResourceBundle(locale, 'translation', tree, true, true);
}

/** Adds words that arrived with a chunk, to the instances there are and to those still to come. */
export function addWords(words: Words): void {
  if (added.includes(words)) return;
  added.push(words);
  for (const instance of instances.values()) add(instance, words);
}

/** The page's instance for a language: the citizen's words, and those added since. */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = instanceWith(locale, asResource(CITIZEN_WORDS));
    for (const words of added) add(instance, words);
    instances.set(locale, instance);
  }
  return instance;
}
