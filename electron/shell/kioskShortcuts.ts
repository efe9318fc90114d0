import type { Input, WebContents } from 'electron';
import { TECHNICIAN_SHORTCUT } from '../../shared/technicianShortcut.ts';

/**
 * Keys that would leave the kiosk or break its screen: close, quit, reload, new window, print,
 * zoom, full-screen toggle, DevTools, history navigation. Digits 1–9 must pass — keyboard-style
 * rating buttons send them.
 *
 * With Ctrl/Cmd or Alt held the rule is deny-by-default with a short list of text-editing keys
 * (the technician types an endpoint URL and may paste it): a list of forbidden combinations would
 * miss the next Chromium shortcut. Editing keys are matched by `code`, the physical key, so they
 * also work on a Russian layout, where Ctrl+C arrives as key "с".
 */

export type ShortcutInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

export interface ShortcutOptions {
  /** OKNO_DEVTOOLS=1 at the bench: F12 and Ctrl+Shift+I/J/C open DevTools. */
  readonly allowDevTools: boolean;
}

const EDITING_KEYS = new Set(['KeyA', 'KeyC', 'KeyV', 'KeyX', 'KeyZ', 'KeyY', 'Backspace', 'Delete',
  'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
/** With Shift as well: Ctrl+Shift+C/I/J is DevTools, so only redo, plain paste and selection. */
const EDITING_KEYS_WITH_SHIFT = new Set(['KeyZ', 'KeyV', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown',
  'Home', 'End']);
const DEVTOOLS_KEYS_WITH_CTRL_SHIFT = new Set(['KeyI', 'KeyJ', 'KeyC']);

/** Dedicated keys on multimedia keyboards and some kiosk keypads. */
const BROWSER_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch',
  'BrowserStop', 'BrowserFavorites', 'LaunchApplication1', 'LaunchApplication2', 'LaunchMail', 'Print',
  'ZoomIn', 'ZoomOut', 'ZoomToggle', 'Close', 'New', 'Open', 'Save']);

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'AltGraph', 'Shift', 'OS']);

const isFunctionKey = (input: ShortcutInput): boolean => /^F([1-9]|1[0-9]|2[0-4])$/.test(input.key) ||
  /^F([1-9]|1[0-9]|2[0-4])$/.test(input.code);

function isDevToolsShortcut(input: ShortcutInput): boolean {
  if (input.key === 'F12') return true;
  return (input.control || input.meta) && input.shift && !input.alt && DEVTOOLS_KEYS_WITH_CTRL_SHIFT.has(input.code);
}

/** The technician's combination does nothing in Chromium; the page needs it to open the PIN pad. */
const isTechnicianShortcut = (input: ShortcutInput): boolean =>
  input.code === TECHNICIAN_SHORTCUT.code && input.control && input.alt && input.shift && !input.meta;

export function isBlockedShortcut(input: ShortcutInput, options: ShortcutOptions): boolean {
  // Pressing a modifier on its own does nothing yet; the combination is judged on the next key.
  if (MODIFIER_KEYS.has(input.key)) return false;
  if (isTechnicianShortcut(input)) return false;
  const primary = input.control || input.meta;

  if (options.allowDevTools && isDevToolsShortcut(input)) return false;
  if (isFunctionKey(input)) return true;
  if (BROWSER_KEYS.has(input.key)) return true;
  if (input.alt) return true;
  if (primary) return !(input.shift ? EDITING_KEYS_WITH_SHIFT : EDITING_KEYS).has(input.code);
  return false;
}

export function blockKioskShortcuts(contents: WebContents, options: ShortcutOptions): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, options)) {
      event.preventDefault();
      return;
    }
    // With the menu removed nothing binds these keys, so at the bench the shell does.
    if (options.allowDevTools && input.type === 'keyDown' && isDevToolsShortcut(input)) contents.toggleDevTools();
  });
}
