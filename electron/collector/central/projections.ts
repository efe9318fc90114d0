import type { Projection } from './projection.ts';

/**
 * The central read model's projections, in the order they run in each batch's transaction on the
 * PostgreSQL store (central/projection.ts). Each lives in its own module beside this one.
 */
export const CENTRAL_PROJECTIONS: readonly Projection[] = [];
