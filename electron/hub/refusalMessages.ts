import type { OfficeRefusal } from '../../shared/office/officeProtocol.ts';

/** What a refusal means, in a technician's words (the console shows its own, translated, by the code). */
const MESSAGES: Readonly<Record<OfficeRefusal, string>> = {
  'not-signed-in': 'nobody is signed in at this window',
  'wrong-pin': 'wrong PIN',
  locked: 'too many wrong PINs: wait, then try again',
  'unknown-operator': 'no such operator in the hub\'s config',
  'unknown-window': 'no such window in the hub\'s config',
  'unknown-service': 'no such service in the hub\'s config',
  'queue-empty': 'nobody is waiting for the services of this window',
  'no-current-ticket': 'this window has no current ticket',
  'recall-first': 'recall the ticket before marking it as a no-show',
  busy: 'this window has a current ticket: finish it (or mark a no-show, or redirect it) first',
  'on-break': 'this window is on a break: resume first',
  'not-on-break': 'this window is not on a break',
};

export const refusalMessage = (refusal: OfficeRefusal): string => MESSAGES[refusal];
