/**
 * Why the journal cannot be used. Codes are documented in docs/errors.md.
 * - newer-schema: the file was written by a newer okno; this one refuses to touch it.
 * - unavailable: the data directory or file cannot be opened or written (read-only, full, I/O error).
 */
export type StoreErrorCode = 'newer-schema' | 'unavailable';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** SQLite result codes that mean the disk, not the data, is the problem. */
export function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PERM|NOTADB|CORRUPT)/.test(code)
  );
}
