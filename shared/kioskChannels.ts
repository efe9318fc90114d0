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

/**
 * Technician mode's requests (shared/technicianApi.ts). Every one but `openPinPad`, `enterPin` and
 * `leave` is refused unless the technician entered the PIN (or the device has no config yet).
 */
export const TECHNICIAN_CHANNELS = {
  openPinPad: { ipc: 'okno:tech:open', http: '/api/technician/open' },
  enterPin: { ipc: 'okno:tech:pin', http: '/api/technician/pin' },
  leave: { ipc: 'okno:tech:leave', http: '/api/technician/leave' },
  activity: { ipc: 'okno:tech:activity', http: '/api/technician/activity' },
  getSettings: { ipc: 'okno:tech:settings', http: '/api/technician/settings' },
  saveSettings: { ipc: 'okno:tech:save', http: '/api/technician/save' },
  listPorts: { ipc: 'okno:tech:ports', http: '/api/technician/ports' },
  startButtonTest: { ipc: 'okno:tech:buttons-start', http: '/api/technician/buttons/start' },
  stopButtonTest: { ipc: 'okno:tech:buttons-stop', http: '/api/technician/buttons/stop' },
  learnButton: { ipc: 'okno:tech:buttons-learn', http: '/api/technician/buttons/learn' },
  testPrint: { ipc: 'okno:tech:print', http: '/api/technician/print' },
  testConnection: { ipc: 'okno:tech:connection', http: '/api/technician/connection' },
  getDiagnostics: { ipc: 'okno:tech:diagnostics', http: '/api/technician/diagnostics' },
  listExportTargets: { ipc: 'okno:tech:export-targets', http: '/api/technician/export-targets' },
  exportDiagnostics: { ipc: 'okno:tech:export', http: '/api/technician/export' },
  requeueQuarantined: { ipc: 'okno:tech:sync-requeue', http: '/api/technician/sync/requeue' },
} as const;
export type TechnicianIntent = keyof typeof TECHNICIAN_CHANNELS;

/**
 * The key combination that opens the technician's PIN pad (besides holding a screen corner and the
 * service button): Ctrl+Alt+Shift+O, matched by the physical key so a Russian layout works too.
 * The Electron shell lets exactly this combination through its shortcut lock-down.
 */
export const TECHNICIAN_SHORTCUT = { code: 'KeyO', ctrl: true, alt: true, shift: true } as const;
