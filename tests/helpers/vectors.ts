import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './okno.ts';

/** The protocol test vectors of DESIGN.md live beside the checkout (../shared/vectors), not in it. */
export function readVector(name: string): unknown {
  const dir = process.env.OKNO_VECTORS ?? join(ROOT, '..', 'shared', 'vectors');
  const file = join(dir, name);
  if (!existsSync(file)) {
    throw new Error(`protocol test vector ${file} is missing: the shared/ folder must sit beside the checkout (or set OKNO_VECTORS to its vectors/ folder)`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}
