import { useTranslation } from 'react-i18next';

/** Until the first state arrives from the device (start-up, or the host is not answering yet). */
export function ConnectingScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen screen--connecting">
      <h1 className="screen__title">{t('app.connecting')}</h1>
    </main>
  );
}
