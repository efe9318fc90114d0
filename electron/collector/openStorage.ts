import { z } from 'zod';
import type { CollectorStorage } from './collectorStorage.ts';
import type { Projection } from './central/projection.ts';
import { openCollectorStore } from './collectorStore.ts';
import { openPostgresStore } from './postgresStore.ts';

/**
 * Which store `okno collector` uses: a SQLite file (`--db FILE`, the embedded default for one office
 * or a trial) or a PostgreSQL database (`--store postgres://…`, for a city: docs/central.md).
 */
export type StorageChoice = { readonly engine: 'sqlite'; readonly file: string } | { readonly engine: 'postgres'; readonly url: string };

export const postgresUrlSchema = z
  .string()
  .refine((text) => URL.canParse(text), { message: 'not a URL', abort: true })
  .refine((text) => /^postgres(ql)?:$/.test(URL.parse(text)?.protocol ?? ''), 'a postgres:// or postgresql:// URL');

/** From the command's flags; a message for the usage error otherwise. */
export function chooseStorage(flags: { readonly db?: string | undefined; readonly store?: string | undefined }): StorageChoice | string {
  if (flags.db !== undefined && flags.store !== undefined) return '--db and --store are two stores: give one';
  if (flags.store !== undefined) {
    const url = postgresUrlSchema.safeParse(flags.store);
    if (!url.success) return `--store: ${url.error.issues[0]?.message ?? 'invalid'} (e.g. postgres://okno@db.example:5432/okno)`;
    return { engine: 'postgres', url: url.data };
  }
  if (flags.db !== undefined) return { engine: 'sqlite', file: flags.db };
  return '--db FILE (SQLite) or --store postgres://… is required';
}

/** `projections`: the central read model kept with each batch on PostgreSQL (default: CENTRAL_PROJECTIONS). */
export function openStorage(choice: StorageChoice, log: (line: string) => void, projections?: readonly Projection[]): Promise<CollectorStorage> {
  if (choice.engine === 'sqlite') return Promise.resolve().then(() => openCollectorStore(choice.file));
  return openPostgresStore({ url: choice.url, log, ...(projections ? { projections } : {}) });
}
