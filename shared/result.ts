/**
 * Errors cross process and network boundaries as values, never as thrown exceptions.
 * `code` is stable and documented in docs/errors.md so a technician can look it up.
 */
export type ErrorCode =
  | 'invalid-input'
  | 'score-out-of-range'
  | 'not-accepting'
  | 'storage-unavailable'
  | 'unknown-locale'
  | 'no-follow-up'
  | 'wrong-protocol'
  | 'learn-timeout'
  | 'learn-too-long'
  | 'no-config-file'
  | 'service-unavailable'
  | 'unknown-service'
  | 'wrong-mode'
  | 'wrong-pin'
  | 'pin-locked'
  | 'technician-only'
  | 'invalid-config'
  | 'export-failed'
  | 'speech-failed'
  | 'internal';

export interface KioskError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** `E` is KioskError everywhere but where a rule refuses with its own vocabulary (the office queue's refusals). */
export type Result<T, E = KioskError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
