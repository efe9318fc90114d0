import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyboardContext, useKeyboardControl, type KeyboardControl, type KeyboardTarget } from './useKeyboardControl.ts';
import { keyText, LAYOUTS, layoutsFor, nextLayout, type LayoutName } from './keyboardLayouts.ts';

/** The marker a text field carries, so that focusing it does not hide the keyboard. */
export const OSK_FIELD_ATTRIBUTE = 'data-osk-field';

/**
 * Holds the field the keyboard types into. The keyboard goes away when the technician hides it,
 * when the field is unmounted, or when the focus moves to anything that is not a text field
 * (a button, a select) outside the keyboard itself: then only once that tap or key is over, since
 * hiding the keyboard moves the layout, and a button that moved between press and release would
 * never get its click.
 */
export function KeyboardProvider({ children }: { readonly children: ReactNode }) {
  const [target, setTarget] = useState<KeyboardTarget | null>(null);
  const cancelHide = useRef<(() => void) | null>(null);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent): void => {
      const element = event.target instanceof Element ? event.target : null;
      if (element?.closest(`[${OSK_FIELD_ATTRIBUTE}], .osk`)) return;
      if (cancelHide.current) return;
      const hideNow = (): void => {
        stop();
        setTarget(null);
      };
      const stop = (): void => {
        window.removeEventListener('click', hideNow);
        window.removeEventListener('keyup', hideNow);
        cancelHide.current = null;
      };
      window.addEventListener('click', hideNow);
      window.addEventListener('keyup', hideNow);
      cancelHide.current = stop;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      cancelHide.current?.();
    };
  }, []);

  const attach = useCallback((next: KeyboardTarget) => {
    cancelHide.current?.();
    setTarget(next);
  }, []);
  const detach = useCallback((id: string) => setTarget((current) => (current?.id === id ? null : current)), []);
  const hide = useCallback(() => setTarget(null), []);
  const control = useMemo<KeyboardControl>(() => ({ target, attach, detach, hide }), [target, attach, detach, hide]);
  return <KeyboardContext.Provider value={control}>{children}</KeyboardContext.Provider>;
}

/** Docked at the bottom while a text field has the focus. */
export function OnScreenKeyboard() {
  const { target, hide } = useKeyboardControl();
  if (!target) return null;
  // A new field starts with its own first layout and no shift.
  return <KeyboardPanel key={`${target.id}:${target.kind}`} target={target} onHide={hide} />;
}

function KeyboardPanel({ target, onHide }: { readonly target: KeyboardTarget; readonly onHide: () => void }) {
  const { t } = useTranslation();
  const offered = layoutsFor(target.kind);
  const [layout, setLayout] = useState<LayoutName>(offered[0] ?? 'latin');
  const [shift, setShift] = useState(false);
  const rows = LAYOUTS[layout];
  const letters = layout !== 'digits';
  const following = nextLayout(layout, offered);

  // Keep the focused field in view above the keyboard.
  useEffect(() => {
    const field = document.getElementById(target.id);
    field?.scrollIntoView({ block: 'nearest' });
  }, [target.id]);

  const type = (key: string): void => {
    target.apply({ kind: 'insert', text: keyText(key, shift) });
    if (shift) setShift(false);
  };

  return (
    <div
      className={`osk osk--${layout}`}
      role="group"
      aria-label={t('technician.keyboard.label', { field: target.label })}
      data-testid="osk"
      // Keys must not take the focus from the field: the caret stays where the technician put it.
      onPointerDown={(event) => event.preventDefault()}
      onMouseDown={(event) => event.preventDefault()}
    >
      {rows.map((row, index) => (
        <div key={index} className="osk__row">
          {row.map((key) => (
            <button key={key} type="button" className="osk__key" data-testid={`osk-key-${key}`} onClick={() => type(key)}>
              {keyText(key, shift)}
            </button>
          ))}
        </div>
      ))}
      <div className="osk__row osk__row--controls">
        {letters && (
          <button
            type="button"
            className="osk__key osk__key--wide"
            aria-label={t('technician.keyboard.shift')}
            aria-pressed={shift}
            data-testid="osk-shift"
            onClick={() => setShift((on) => !on)}
          >
            ⇧
          </button>
        )}
        {offered.length > 1 && (
          <button
            type="button"
            className="osk__key osk__key--wide"
            aria-label={t('technician.keyboard.switchTo', {
              short: t(`technician.keyboard.layoutShort.${following}`),
              layout: t(`technician.keyboard.layouts.${following}`),
            })}
            data-testid="osk-layout"
            onClick={() => setLayout(following)}
          >
            {t(`technician.keyboard.layoutShort.${following}`)}
          </button>
        )}
        {letters && (
          <button
            type="button"
            className="osk__key osk__key--space"
            aria-label={t('technician.keyboard.space')}
            data-testid="osk-space"
            onClick={() => target.apply({ kind: 'insert', text: ' ' })}
          >
            ␣
          </button>
        )}
        <button
          type="button"
          className="osk__key osk__key--wide"
          aria-label={t('technician.keyboard.backspace')}
          data-testid="osk-backspace"
          onClick={() => target.apply({ kind: 'backspace' })}
        >
          ⌫
        </button>
        <button type="button" className="osk__key osk__key--wide osk__key--hide" aria-label={t('technician.keyboard.hide')} data-testid="osk-hide" onClick={onHide}>
          ⌨︎✕
        </button>
      </div>
    </div>
  );
}
