import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './okno.ts';

/**
 * The protocol test vectors (okno-buttons/1, okno-sync/1) are kept in the repo, in tests/vectors/,
 * so a fresh clone tests itself. The protocol docs link to them.
 */
export const VECTORS_DIR = join(ROOT, 'tests', 'vectors');

export function readVector(name: string): unknown {
  return JSON.parse(readFileSync(join(VECTORS_DIR, name), 'utf8'));
}
