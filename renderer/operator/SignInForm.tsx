import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_PATTERN } from '../../shared/configRules.ts';
import type { Intents } from '../common/intents.ts';
import { Lang } from '../common/Lang.tsx';
import { ScreenTitle } from '../common/ScreenTitle.tsx';

/** The window is closed until an operator signs in here with their id and personal PIN. */
export function SignInForm({ windowLabel, pending, onSignIn }: { readonly windowLabel: string; readonly pending: boolean; readonly onSignIn: Intents['operatorSignIn'] }) {
  const { t } = useTranslation();
  const [operatorId, setOperatorId] = useState('');
  const [pin, setPin] = useState('');
  const ready = operatorId.trim() !== '' && PIN_PATTERN.test(pin) && !pending;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!ready) return;
    // The PIN is not kept on screen after it was sent, whatever the answer.
    setPin('');
    void onSignIn({ operatorId: operatorId.trim(), pin });
  };

  return (
    <main className="screen screen--sign-in">
      <ScreenTitle>
        <Lang text={t('operator.signIn.title', { window: windowLabel })} />
      </ScreenTitle>
      <p className="screen__hint">{t('operator.signIn.hint')}</p>
      <form className="sign-in" onSubmit={submit}>
        <label className="sign-in__field">
          <span className="sign-in__label">{t('operator.signIn.operatorId')}</span>
          <input className="sign-in__input" name="operatorId" autoComplete="username" value={operatorId} onChange={(event) => setOperatorId(event.target.value)} />
        </label>
        <label className="sign-in__field">
          <span className="sign-in__label">{t('operator.signIn.pin')}</span>
          <input
            className="sign-in__input"
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button type="submit" className="console-button console-button--primary sign-in__submit" disabled={!ready}>
          {t('operator.signIn.submit')}
        </button>
      </form>
    </main>
  );
}
