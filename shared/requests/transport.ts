import type { RequestName } from './registry.ts';

/**
 * How a request travels, the same rule for every request so no transport keeps a table: over IPC
 * one channel carries (name, input); over HTTP each request is POSTed to `/api/<name>`. Zod-free
 * and type-only towards the registry, so the page and the sandboxed preload load none of it.
 */

/** The one IPC channel for requests: `ipcRenderer.invoke(IPC_REQUEST, name, input)`. */
export const IPC_REQUEST = 'okno:request';
export const IPC_GET_STATE = 'okno:get-state';
export const IPC_EVENT = 'okno:event';

export const HTTP_STATE = '/api/state';
export const HTTP_EVENTS = '/api/events';
const HTTP_REQUESTS = '/api/';

/** The browser host's path of a request. */
export const requestPath = (name: RequestName): string => `${HTTP_REQUESTS}${name}`;

/** The request a browser-host path names, if it has the shape of one (the registry decides whether it is one). */
export const requestNameOfPath = (path: string): string | null => {
  if (!path.startsWith(HTTP_REQUESTS)) return null;
  const name = path.slice(HTTP_REQUESTS.length);
  return /^[a-z][A-Za-z]{0,63}$/.test(name) ? name : null;
};

/** The bridge the Electron preload exposes on `window`. */
export const BRIDGE_NAME = 'okno';
