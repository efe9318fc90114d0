import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/config.ts';
import { i18nFor } from './i18n.ts';

/**
 * Always on screen. Each language is named in itself ("Русский", "English") and marked with its
 * own lang attribute, so a screen reader reads it with the right voice whatever the UI language is.
 */
export function LanguageSwitch({
  locales,
  current,
  onSelect,
}: {
  readonly locales: readonly Locale[];
  readonly current: Locale;
  readonly onSelect: (locale: Locale) => void;
}) {
  const { t } = useTranslation();
  if (locales.length < 2) return null;
  return (
    <div className="language-switch" role="group" aria-label={t('language.switchLabel')}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="language-switch__option"
          aria-pressed={locale === current}
          onClick={() => {
            if (locale !== current) onSelect(locale);
          }}
        >
          {i18nFor(locale).t('language.name')}
        </button>
      ))}
    </div>
  );
}
