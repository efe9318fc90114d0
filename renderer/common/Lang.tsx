import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/config.ts';
import { languageRuns } from './languageRuns.ts';

/**
 * A text whose parts may be in another language than the screen's — config text, a ticket number,
 * an operator's name, or a phrase with them in it — with each such part in a `<span lang>`, so a
 * screen reader switches its voice there (WCAG 3.1.2). `around`: the language of the element the
 * text sits in, when that is not the screen's (inside a `lang` span of its own).
 */
export function Lang({ text, around }: { readonly text: string; readonly around?: Locale }) {
  const { i18n } = useTranslation();
  const runs = languageRuns(text, around ?? (i18n.language as Locale));
  return (
    <>
      {runs.map((run, index) =>
        run.lang === null ? (
          run.text
        ) : (
          // The runs of one text never move: their index is their identity.
          <span key={index} lang={run.lang}>
            {run.text}
          </span>
        ),
      )}
    </>
  );
}
