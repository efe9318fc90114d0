import { useCallback, useEffect, useId, useLayoutEffect, useRef, type HTMLAttributes } from 'react';
import { useKeyboardControl } from './useKeyboardControl.ts';
import { applyKey, type FieldKeyboard, type KeyAction } from './keyboardLayouts.ts';
import { OSK_FIELD_ATTRIBUTE } from './OnScreenKeyboard.tsx';

/**
 * A labelled text input that the on-screen keyboard can type into. It stays a plain controlled
 * input: a physical keyboard works as usual, and the on-screen keys go through the same `onChange`.
 */
export function TextField({
  label,
  value,
  onChange,
  hint,
  keyboard = 'latin',
  type = 'text',
  maxLength,
  invalid = false,
  testId,
  inputMode,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: string;
  readonly keyboard?: FieldKeyboard;
  readonly type?: 'text' | 'password' | 'url';
  readonly maxLength?: number;
  readonly invalid?: boolean;
  readonly testId?: string;
  readonly inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const input = useRef<HTMLInputElement>(null);
  const { attach, detach } = useKeyboardControl();
  // The latest value and setter, for key presses that arrive between renders.
  const latest = useRef({ value, onChange, maxLength });
  useLayoutEffect(() => {
    latest.current = { value, onChange, maxLength };
  });
  const caret = useRef<number | null>(null);

  // After an on-screen key, put the caret back where the key left it.
  useLayoutEffect(() => {
    const element = input.current;
    if (caret.current === null || !element) return;
    if (document.activeElement === element) element.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value]);

  const apply = useCallback((action: KeyAction) => {
    const element = input.current;
    const { value: current, onChange: set, maxLength: max } = latest.current;
    const next = applyKey({ value: current, start: element?.selectionStart ?? null, end: element?.selectionEnd ?? null }, action, max);
    caret.current = next.caret;
    latest.current = { ...latest.current, value: next.value };
    set(next.value);
  }, []);

  const attachHere = (): void => attach({ id, kind: keyboard, label, apply });
  useEffect(() => () => detach(id), [detach, id]);

  return (
    <div className={`field${invalid ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        ref={input}
        id={id}
        className="field__input"
        type={type}
        value={value}
        maxLength={maxLength}
        inputMode={keyboard === 'digits' ? 'numeric' : inputMode}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
        {...{ [OSK_FIELD_ATTRIBUTE]: '' }}
        onChange={(event) => onChange(event.target.value)}
        onFocus={attachHere}
        onPointerDown={attachHere}
      />
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
