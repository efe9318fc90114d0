import { useTranslation } from 'react-i18next';
import { ThanksIcon } from '../common/Icons.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';

/** After a vote; `already-counted` when a second press came in the same visit. */
export function ThanksScreen({ kind }: { readonly kind: 'voted' | 'already-counted' }) {
  const { t } = useTranslation();
  const key = kind === 'voted' ? 'thanks.voted' : 'thanks.alreadyCounted';
  return (
    <main className={`screen screen--thanks screen--thanks-${kind}`}>
      <ThanksIcon />
      <ScreenTitle>{t(`${key}.title`)}</ScreenTitle>
      <p className="screen__text">{t(`${key}.text`)}</p>
    </main>
  );
}
