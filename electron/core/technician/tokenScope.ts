import { BATCHES_PATH, endpointUrl } from '../sync/protocol.ts';

/**
 * The saved sync token goes only to the endpoint it was saved with. Technician mode may point the
 * device at another collector, but then the token must be typed again: otherwise whoever knows the
 * PIN could type the address of their own server, test the connection or save, and read the token
 * from the Authorization header. Pure, so the rule is unit-tested.
 */

/** A sync section as saved: where the token may go, and the token. */
export interface SavedSync {
  readonly endpoint: string;
  readonly token: string;
}

/** The URL the device would send batches to, or null when the text is not one. */
function batchesUrl(endpoint: string): string | null {
  try {
    return endpointUrl(endpoint.trim(), BATCHES_PATH).href;
  } catch {
    return null;
  }
}

/** Whether two endpoints send to the same place ("https://host/okno" and "https://host/okno/" do). */
export function sameEndpoint(a: string, b: string): boolean {
  const left = batchesUrl(a);
  return left !== null && left === batchesUrl(b);
}

/** The saved token that may go to `endpoint`: the one saved with that very endpoint, else none. */
export function savedTokenFor(endpoint: string, saved: readonly (SavedSync | null)[]): string | null {
  return saved.find((sync) => sync !== null && sameEndpoint(sync.endpoint, endpoint))?.token ?? null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sync section of a config file's JSON, when it has both an endpoint and a token. */
export function savedSyncOf(json: unknown): SavedSync | null {
  const sync = isObject(json) ? json['sync'] : undefined;
  if (!isObject(sync)) return null;
  const { endpoint, token } = sync;
  return typeof endpoint === 'string' && typeof token === 'string' && token.length > 0 ? { endpoint, token } : null;
}

/**
 * A save that would send the saved token to another endpoint (the uploader would use it there):
 * the message for the technician, naming the field, or null when the save is fine.
 */
export function endpointNeedsNewToken(before: unknown, edited: Json, newToken: string | null): string | null {
  if (newToken !== null) return null;
  const saved = savedSyncOf(before);
  const sync = edited['sync'];
  if (saved === null || !isObject(sync) || typeof sync['endpoint'] !== 'string') return null;
  // Not a URL: nothing would be sent there, and the config's own check names sync.endpoint.
  if (batchesUrl(sync['endpoint']) === null) return null;
  return sameEndpoint(saved.endpoint, sync['endpoint'])
    ? null
    : 'sync.token: a new sync.endpoint needs the device token typed again (the saved token goes only to the endpoint it was saved with)';
}
