import type { z } from 'zod';
import type { PressOutcome, TicketView } from '../kioskApi.ts';
import type {
  ConnectionTestView,
  DiagnosticsView,
  ExportedDiagnostics,
  ExportTarget,
  LearnedButtonView,
  PortView,
  PrintTestView,
  RequeuedBatches,
  SavedSettings,
  SettingsView,
} from '../technicianApi.ts';
import type { REQUEST_INPUTS } from './inputs.ts';

/**
 * The request registry: every request a screen can make of the device, with its name on each
 * transport, who may make it, and the type of its answer. Its input schemas are beside it in
 * ./inputs.ts (zod), imported here as types only so the page and the preload stay free of zod.
 *
 * The preload bridge, the browser's HTTP client and the tests' direct client are all made from this
 * table (shared/requests/client.ts), the hosts route by it, and the core's handlers are typed by it.
 * Adding a request: an entry here and its schema in ./inputs.ts (the compiler insists on both), a
 * handler (the compiler insists), and its use on a screen.
 */

/**
 * Who may make a request:
 * - `citizen`: the face on the screen answers it (refused while technician mode is open);
 *   `face` names the face that handles it, `null` when every face does;
 * - `technician-entry`: opening and closing the PIN pad, before the PIN;
 * - `technician`: only in an open technician mode (or on the first run, before any config).
 */
export type RequestGate =
  | { readonly kind: 'citizen'; readonly face: FaceName | null }
  | { readonly kind: 'technician-entry' }
  | { readonly kind: 'technician' };

/** What a screen shows: the rating terminal or the ticket dispenser (later the hall board and the operator's console). */
export type FaceName = 'rating' | 'tickets';

export interface RequestSpec {
  /** Electron IPC channel (ipcMain.handle / ipcRenderer.invoke). */
  readonly ipc: string;
  /** Browser host path, POSTed as JSON. */
  readonly http: string;
  readonly gate: RequestGate;
}

/** Carries the answer's type with the entry; nothing of it exists at run time. */
interface Answers<Answer> {
  readonly answer?: Answer;
}

const answers =
  <Answer>() =>
  <const Spec extends RequestSpec>(spec: Spec): Spec & Answers<Answer> =>
    spec;

// Literal gates, so the compiler can tell which requests are a face's (electron/core/device/face.ts).
const citizen = <const Face extends FaceName | null>(face: Face) => ({ kind: 'citizen', face }) as const;
const entry = { kind: 'technician-entry' } as const;
const technician = { kind: 'technician' } as const;

type Inputs = typeof REQUEST_INPUTS;

export const REQUESTS = {
  press: answers<PressOutcome>()({ ipc: 'okno:press', http: '/api/press', gate: citizen('rating') }),
  answerFollowUp: answers<null>()({ ipc: 'okno:follow-up', http: '/api/follow-up', gate: citizen('rating') }),
  setLocale: answers<null>()({ ipc: 'okno:locale', http: '/api/locale', gate: citizen(null) }),
  issueTicket: answers<TicketView>()({ ipc: 'okno:issue-ticket', http: '/api/ticket', gate: citizen('tickets') }),
  /** "done" on the ticket screen, back to the menu before the timeout. */
  closeTicket: answers<null>()({ ipc: 'okno:close-ticket', http: '/api/ticket/close', gate: citizen('tickets') }),

  /** The hidden gesture, the key combination or the service button: shows the PIN pad. */
  openPinPad: answers<null>()({ ipc: 'okno:tech:open', http: '/api/technician/open', gate: entry }),
  enterPin: answers<null>()({ ipc: 'okno:tech:pin', http: '/api/technician/pin', gate: entry }),
  /** Leaves technician mode (or closes the PIN pad); a saved config takes effect now. */
  leave: answers<null>()({ ipc: 'okno:tech:leave', http: '/api/technician/leave', gate: entry }),
  /** A touch on a technician screen: keeps it from leaving by itself. */
  activity: answers<null>()({ ipc: 'okno:tech:activity', http: '/api/technician/activity', gate: entry }),
  getSettings: answers<SettingsView>()({ ipc: 'okno:tech:settings', http: '/api/technician/settings', gate: technician }),
  saveSettings: answers<SavedSettings>()({ ipc: 'okno:tech:save', http: '/api/technician/save', gate: technician }),
  listPorts: answers<readonly PortView[]>()({ ipc: 'okno:tech:ports', http: '/api/technician/ports', gate: technician }),
  startButtonTest: answers<null>()({ ipc: 'okno:tech:buttons-start', http: '/api/technician/buttons/start', gate: technician }),
  stopButtonTest: answers<null>()({ ipc: 'okno:tech:buttons-stop', http: '/api/technician/buttons/stop', gate: technician }),
  learnButton: answers<LearnedButtonView>()({ ipc: 'okno:tech:buttons-learn', http: '/api/technician/buttons/learn', gate: technician }),
  testPrint: answers<PrintTestView>()({ ipc: 'okno:tech:print', http: '/api/technician/print', gate: technician }),
  testConnection: answers<ConnectionTestView>()({ ipc: 'okno:tech:connection', http: '/api/technician/connection', gate: technician }),
  getDiagnostics: answers<DiagnosticsView>()({ ipc: 'okno:tech:diagnostics', http: '/api/technician/diagnostics', gate: technician }),
  listExportTargets: answers<readonly ExportTarget[]>()({ ipc: 'okno:tech:export-targets', http: '/api/technician/export-targets', gate: technician }),
  exportDiagnostics: answers<ExportedDiagnostics>()({ ipc: 'okno:tech:export', http: '/api/technician/export', gate: technician }),
  /** Sends every quarantined sync batch again, once (after the collector was fixed). */
  requeueQuarantined: answers<RequeuedBatches>()({ ipc: 'okno:tech:sync-requeue', http: '/api/technician/sync/requeue', gate: technician }),
} as const satisfies { readonly [Name in keyof Inputs]: RequestSpec };

export type RequestName = keyof typeof REQUESTS;

/** What a screen sends (defaults not yet applied). */
export type RequestInput<Name extends RequestName> = z.input<Inputs[Name]>;
/** What a handler receives: the input after its schema parsed it. */
export type ParsedInput<Name extends RequestName> = z.output<Inputs[Name]>;
/** The requests a face answers (the citizen's screen), and those of technician mode. */
export type CitizenRequest = { [Name in RequestName]: (typeof REQUESTS)[Name]['gate'] extends { kind: 'citizen' } ? Name : never }[RequestName];
export type TechnicianRequest = Exclude<RequestName, CitizenRequest>;

/** What the request answers when it succeeds. */
export type RequestAnswer<Name extends RequestName> = Exclude<(typeof REQUESTS)[Name]['answer'], undefined>;

export const isRequestName = (name: string): name is RequestName => Object.hasOwn(REQUESTS, name);

/** Every request name, in the registry's order. */
export const REQUEST_NAMES: readonly RequestName[] = Object.keys(REQUESTS).filter(isRequestName);

// ---- the rest of the transports' vocabulary ----

export const IPC_GET_STATE = 'okno:get-state';
export const IPC_EVENT = 'okno:event';
export const HTTP_STATE = '/api/state';
export const HTTP_EVENTS = '/api/events';

/** The bridge the Electron preload exposes on `window`. */
export const BRIDGE_NAME = 'okno';

/**
 * The key combination that opens the technician's PIN pad (besides holding a screen corner and the
 * service button): Ctrl+Alt+Shift+O, matched by the physical key so a Russian layout works too.
 * The Electron shell lets exactly this combination through its shortcut lock-down.
 */
export const TECHNICIAN_SHORTCUT = { code: 'KeyO', ctrl: true, alt: true, shift: true } as const;
