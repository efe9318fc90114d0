/**
 * The names of the KioskApi on each transport. Kept apart from the schemas (shared/kioskApi.ts) so
 * the preload and the renderer's HTTP transport carry no validation library: validation is the
 * core's job.
 */
export const KIOSK_CHANNELS = {
  press: { ipc: 'okno:press', http: '/api/press' },
  answerFollowUp: { ipc: 'okno:follow-up', http: '/api/follow-up' },
  setLocale: { ipc: 'okno:locale', http: '/api/locale' },
  issueTicket: { ipc: 'okno:issue-ticket', http: '/api/ticket' },
  closeTicket: { ipc: 'okno:close-ticket', http: '/api/ticket/close' },
} as const;
export type KioskIntent = keyof typeof KIOSK_CHANNELS;

export const IPC_GET_STATE = 'okno:get-state';
export const IPC_EVENT = 'okno:event';
export const HTTP_STATE = '/api/state';
export const HTTP_EVENTS = '/api/events';

/** The bridge the Electron preload exposes on `window`. */
export const BRIDGE_NAME = 'okno';
