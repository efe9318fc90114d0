import { KIOSK_INTENTS, type KioskIntent } from '../../shared/kioskApi.ts';
import { fail, type Result } from '../../shared/result.ts';
import type { Counters } from './counters.ts';

export type IntentHandlers<R> = { [I in KioskIntent]: (input: unknown) => R };

/**
 * The one door for input from a renderer: validated with the intent's zod schema, refused with every
 * bad field named (and counted) when it does not fit, else handed to the kiosk's handler.
 */
export function dispatchIntent<R>(
  handlers: IntentHandlers<R>,
  intent: KioskIntent,
  input: unknown,
  counters: Counters,
  onRefused?: () => void,
): R | Result<never> {
  const schema = KIOSK_INTENTS[intent]?.schema;
  if (!schema) {
    counters.invalidInput += 1;
    onRefused?.();
    return fail('invalid-input', `unknown intent ${String(intent)}`);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    counters.invalidInput += 1;
    onRefused?.();
    return fail('invalid-input', parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '));
  }
  return handlers[intent](parsed.data);
}
