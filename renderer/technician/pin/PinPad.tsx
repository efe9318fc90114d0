import type { DeviceApi } from '../../../shared/requests/client.ts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/result.ts';
import type { TechnicianView } from '../../../shared/technicianApi.ts';
import { ScreenTitle } from '../../common/ScreenTitle.tsx';
import { settle } from '../call.ts';
import { untilTime } from '../format.ts';
import { appendDigit, eraseDigit, isLocked, isValidPin, PIN_MIN } from './pin.ts';
import { pinPadKey } from '../technicianKeys.ts';
import './pin.css';

type PinView = Extract<TechnicianView, { phase: 'pin' }>;

const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

/**
 * The technician's PIN pad, full screen: large digit keys, the PIN as dots, erase, OK and cancel.
 * A physical keyboard works too (digits, Backspace, Enter, Escape). After too many wrong PINs the
 * core locks it for a while: the digits are disabled and the screen says until when.
 */
export function PinPad({ technician, view }: { readonly technician: DeviceApi; readonly view: PinView }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KioskError | 'too-short' | null>(null);
  const locked = useLockedNow(view.lockedUntil);
  const disabled = busy || locked;

  const submit = (): void => {
    if (disabled) return;
    if (!isValidPin(pin)) {
      setError('too-short');
      return;
    }
    setBusy(true);
    void settle(technician.request('enterPin', { pin })).then((result) => {
      setBusy(false);
      setPin('');
      // On success the core moves to the technician screens: this pad goes away with the new state.
      setError(result.ok ? null : result.error);
    });
  };
  const type = (digit: string): void => {
    if (disabled) return;
    setError(null);
    setPin((current) => appendDigit(current, digit));
  };
  const erase = (): void => {
    if (busy) return;
    setPin(eraseDigit);
  };
  const cancel = (): void => {
    void settle(technician.request('leave', {}));
  };

  // Physical keys, through refs so the listener is added once.
  const actions = useRef({ submit, type, erase, cancel });
  useEffect(() => {
    actions.current = { submit, type, erase, cancel };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const key = pinPadKey(event);
      if (!key) return;
      // Enter on a focused pad button is that button's own click.
      if (key.kind === 'submit' && event.target instanceof HTMLButtonElement) return;
      event.preventDefault();
      if (key.kind === 'digit') actions.current.type(key.digit);
      else if (key.kind === 'erase') actions.current.erase();
      else if (key.kind === 'submit') actions.current.submit();
      else actions.current.cancel();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const lockedTime = view.lockedUntil ? untilTime(view.lockedUntil, Date.now()) : null;
  const message = locked
    ? t('technician.pin.locked', { time: lockedTime ?? '?' })
    : error === 'too-short'
      ? t('technician.pin.tooShort')
      : error?.code === 'wrong-pin'
        ? t('technician.pin.wrong', { count: view.attemptsLeft })
        : error?.code === 'pin-locked'
          ? t('technician.pin.locked', { time: lockedTime ?? '?' })
          : error
            ? t('technician.pin.failed', { message: error.message })
            : null;
  const slots = Math.max(PIN_MIN, pin.length);

  return (
    <div className="technician technician--pin" data-testid="pin-pad">
      <main className="pin-pad">
        <div className="pin-pad__info">
          <ScreenTitle id="pin-title">{t('technician.pin.title')}</ScreenTitle>
          <div className="pin-dots" role="img" aria-label={t('technician.pin.entered', { count: pin.length })} data-testid="pin-dots" data-length={pin.length}>
            {Array.from({ length: slots }, (_, index) => (
              <span key={index} className={index < pin.length ? 'pin-dots__dot pin-dots__dot--filled' : 'pin-dots__dot'} />
            ))}
          </div>
          <p className={message ? 'pin-pad__message pin-pad__message--error' : 'pin-pad__message'} role="alert" data-testid="pin-message">
            {message}
          </p>
        </div>
        <div className="pin-keys" role="group" aria-labelledby="pin-title">
          {DIGIT_ROWS.flat().map((digit) => (
            <DigitKey key={digit} digit={digit} disabled={disabled} onType={type} />
          ))}
          <button type="button" className="pin-keys__key pin-keys__key--erase" disabled={busy || pin.length === 0} data-testid="pin-erase" onClick={erase}>
            {t('technician.pin.erase')}
          </button>
          <DigitKey digit="0" disabled={disabled} onType={type} />
          <button type="button" className="pin-keys__key pin-keys__key--ok" disabled={disabled} data-testid="pin-ok" onClick={submit}>
            {t('technician.pin.ok')}
          </button>
        </div>
        <button type="button" className="technician-button pin-pad__cancel" data-testid="pin-cancel" onClick={cancel}>
          {t('technician.pin.cancel')}
        </button>
      </main>
    </div>
  );
}

function DigitKey({ digit, disabled, onType }: { readonly digit: string; readonly disabled: boolean; readonly onType: (digit: string) => void }) {
  return (
    <button type="button" className="pin-keys__key" disabled={disabled} data-testid={`pin-digit-${digit}`} onClick={() => onType(digit)}>
      {digit}
    </button>
  );
}

/** Whether the pad is locked now; turns false by itself when the lock runs out. */
function useLockedNow(lockedUntil: string | null): boolean {
  const [now, setNow] = useState(() => Date.now());
  const locked = isLocked(lockedUntil, now);
  useEffect(() => {
    if (!locked || lockedUntil === null) return undefined;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, Date.parse(lockedUntil) - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [locked, lockedUntil]);
  // A new state (a new lock) is checked against the clock at once.
  useEffect(() => setNow(Date.now()), [lockedUntil]);
  return locked;
}
