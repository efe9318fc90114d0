import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/config.ts';
import type { Localized } from '../../shared/kioskApi.ts';
import { Lang } from '../common/Lang.tsx';
import { pickLocalized } from './ticketMenu.ts';

/**
 * Configured text (a service name, "what to bring") in the UI language, falling back to the default
 * language, then to any. When the fallback is in another language, the span says so with `lang`,
 * so a screen reader reads it with the right voice; a part in yet another language inside it is
 * marked too (a Russian name in an English text).
 */
export function LocalizedText({
  text,
  defaultLocale,
  className,
}: {
  readonly text: Localized | null | undefined;
  readonly defaultLocale: Locale;
  readonly className?: string;
}) {
  const { i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const picked = pickLocalized(text, locale, defaultLocale);
  if (!picked) return null;
  return (
    <span className={className} lang={picked.lang === locale ? undefined : picked.lang}>
      <Lang text={picked.text} around={picked.lang} />
    </span>
  );
}
