/**
 * Counters of things that went wrong but did not stop the device. They are shown by `okno doctor`
 * (through the status file) and never reset while the host runs.
 */
export interface Counters {
  /** Requests from the renderer that failed validation (malformed body, unknown field, bad type). */
  invalidInput: number;
  /** Well-formed presses with a score outside the configured scale. */
  scoreOutOfRange: number;
  /** Journal writes that failed (disk full, read-only, I/O error). */
  storageWriteFailures: number;
}

export const newCounters = (): Counters => ({ invalidInput: 0, scoreOutOfRange: 0, storageWriteFailures: 0 });
