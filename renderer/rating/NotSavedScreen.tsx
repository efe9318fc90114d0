import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../common/Icons.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';

/** The rating could not be stored: apologise and ask the citizen to tell the staff. */
export function NotSavedScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen screen--not-saved">
      <AlertIcon />
      <ScreenTitle>{t('notSaved.title')}</ScreenTitle>
      <p className="screen__text">{t('notSaved.text')}</p>
    </main>
  );
}
