/**
 * Ticket numbers: `<prefix>-<NNN>`, per service and local day, inside the dispenser's own range so
 * two dispensers of one office never give the same number while offline. Pure.
 */
export function formatTicketNumber(prefix: string, number: number): string {
  return `${prefix}-${String(number).padStart(3, '0')}`;
}

export type NextNumber = { readonly number: number } | { readonly exhausted: true };

/** The number after `last` (null: none issued today yet), or exhausted at the end of the range. */
export function nextTicketNumber(range: readonly [number, number], last: number | null): NextNumber {
  const next = last === null ? range[0] : Math.max(last + 1, range[0]);
  return next > range[1] ? { exhausted: true } : { number: next };
}
