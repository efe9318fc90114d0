import type { OperatorView } from '../../shared/kioskApi.ts';
import type { QueueCommandName } from '../../shared/office/officeProtocol.ts';

/**
 * The console's buttons: which command each is, its key, and whether it can be pressed now. The hub
 * has the last word (it refuses what its rules refuse); the console only keeps the buttons that
 * cannot help out of the way, and every button waits while a request is on its way. Pure, for Node tests.
 */

/** The function key of each command, shown on its button. Break and Resume are one button (F6). */
export const COMMAND_KEYS: Readonly<Record<QueueCommandName, string>> = {
  'call-next': 'F1',
  recall: 'F2',
  finish: 'F3',
  'no-show': 'F4',
  redirect: 'F5',
  pause: 'F6',
  resume: 'F6',
  start: 'F7',
};

export interface CommandButton {
  readonly command: QueueCommandName;
  readonly key: string;
  readonly enabled: boolean;
  /** The button pressed most (Call next): the largest. */
  readonly primary: boolean;
}

/** The buttons in the order on screen: the first is the one pressed most. */
export function commandButtons(view: OperatorView): CommandButton[] {
  const window = view.window;
  const ready = view.connection.state === 'connected' && view.pending === null && window !== null && window.status !== 'closed';
  const open = ready && window.status === 'open';
  const current = window?.current ?? null;
  const called = open && current?.phase === 'called';
  const withTicket = open && current !== null;
  const button = (command: QueueCommandName, enabled: boolean): CommandButton => ({ command, key: COMMAND_KEYS[command], enabled, primary: command === 'call-next' });
  return [
    button('call-next', open && current === null),
    button('recall', called),
    button('start', called),
    button('finish', withTicket),
    button('no-show', called),
    button('redirect', withTicket),
    window?.status === 'paused' ? button('resume', ready) : button('pause', open),
  ];
}

/** The command a function key stands for now, if its button can be pressed. */
export function commandForKey(key: string, view: OperatorView): QueueCommandName | null {
  return commandButtons(view).find((button) => button.key === key && button.enabled)?.command ?? null;
}

/** Every key the console takes for itself (F5 must not reload the page, F1 must not open help). */
export const CONSOLE_KEYS: ReadonlySet<string> = new Set(Object.values(COMMAND_KEYS));
