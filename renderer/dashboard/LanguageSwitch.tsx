import { useTranslation } from 'react-i18next';
import type { DashboardLocale } from './format.ts';
import { DASHBOARD_LOCALES, dashboardI18n } from './i18n.ts';

/** Each language named in itself and marked with its lang, so a screen reader says it right. */
export function LanguageSwitch({ current, onSelect }: { readonly current: DashboardLocale; readonly onSelect: (locale: DashboardLocale) => void }) {
  const { t } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {DASHBOARD_LOCALES.map((locale) => (
        <button key={locale} type="button" lang={locale} className="language-switch__option" aria-pressed={locale === current} onClick={() => onSelect(locale)}>
          {dashboardI18n(locale).t('language.name')}
        </button>
      ))}
    </div>
  );
}
