import type { z } from 'zod';
import type { ConsoleAnswer, PressOutcome, SpeechClip, TicketView } from '../kioskApi.ts';
import type {
  ConnectionTestView,
  DiagnosticsView,
  HubConnectionTestView,
  ExportedDiagnostics,
  ExportTarget,
  LearnedButtonView,
  PortView,
  PrintTestView,
  RequeuedBatches,
  SavedSettings,
  SettingsView,
} from '../technicianApi.ts';
import {
  buttonTestInputSchema,
  connectionTestInputSchema,
  empty,
  hubConnectionTestInputSchema,
  exportInputSchema,
  announcementClipInputSchema,
  announcementDoneInputSchema,
  speakInputSchema,
  speechModeInputSchema,
  speechVolumeInputSchema,
  followUpInputSchema,
  issueTicketInputSchema,
  learnButtonInputSchema,
  localeInputSchema,
  operatorCommandInputSchema,
  operatorSignInInputSchema,
  pinInputSchema,
  pressInputSchema,
  printTestInputSchema,
  saveSettingsInputSchema,
} from './inputs.ts';

/**
 * The request registry: every request a screen can make of the device, with the schema its input
 * must fit, who may make it, and the type of its answer. The core routes and checks by it
 * (electron/core/device/requests.ts), its handlers are typed by it, and every client — the preload
 * bridge, the browser's HTTP client, the tests' direct client — is typed by it: a request travels by
 * its name (shared/requests/transport.ts), so no transport lists requests.
 *
 * Adding a request: an entry here, its handler (the compiler insists), its use on a screen.
 * The page and the preload import this module for its types only (`import type`): zod stays out
 * of them (tests/unit/shell/preload.test.ts and the renderer bundle test check).
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

/** What a screen shows: the rating terminal, the ticket dispenser, the operator's console or the hall board (device.mode). */
export type FaceName = 'rating' | 'tickets' | 'operator' | 'hall';

export interface RequestSpec {
  /** What the input must be (strict: unknown fields are refused). Requests without input take `{}`. */
  readonly input: z.ZodType;
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

export const REQUESTS = {
  press: answers<PressOutcome>()({ input: pressInputSchema, gate: citizen('rating') }),
  answerFollowUp: answers<null>()({ input: followUpInputSchema, gate: citizen('rating') }),
  setLocale: answers<null>()({ input: localeInputSchema, gate: citizen(null) }),
  issueTicket: answers<TicketView>()({ input: issueTicketInputSchema, gate: citizen('tickets') }),
  /** "done" on the ticket screen, back to the menu before the timeout. */
  closeTicket: answers<null>()({ input: empty, gate: citizen('tickets') }),
  /** Operator's console: sign in at this window (operator id and personal PIN), sign out, a queue command. A refusal is an answer, not an error. */
  operatorSignIn: answers<ConsoleAnswer>()({ input: operatorSignInInputSchema, gate: citizen('operator') }),
  operatorSignOut: answers<ConsoleAnswer>()({ input: empty, gate: citizen('operator') }),
  operatorCommand: answers<ConsoleAnswer>()({ input: operatorCommandInputSchema, gate: citizen('operator') }),
  /** Speech (docs/accessibility.md): synthesize what the screen says, in the configured voice; the page plays it. */
  speak: answers<SpeechClip>()({ input: speakInputSchema, gate: citizen(null) }),
  /** Speech mode on or off (the on-screen button, the key); the box's speech button does the same in the core. */
  setSpeechMode: answers<null>()({ input: speechModeInputSchema, gate: citizen(null) }),
  /** Louder or quieter, for this visit (EN 301 549 §5.1.3.12–13). */
  changeSpeechVolume: answers<null>()({ input: speechVolumeInputSchema, gate: citizen(null) }),
  /** "More time" on a screen with a countdown (WCAG 2.2.1): the countdown starts again, longer. */
  moreTime: answers<null>()({ input: empty, gate: citizen(null) }),
  /** The hall board: the audio of the announcement in `hall.announcement`, and the report that it was played. */
  announcementClip: answers<SpeechClip>()({ input: announcementClipInputSchema, gate: citizen('hall') }),
  announcementDone: answers<null>()({ input: announcementDoneInputSchema, gate: citizen('hall') }),

  /** The hidden gesture, the key combination or the service button: shows the PIN pad. */
  openPinPad: answers<null>()({ input: empty, gate: entry }),
  enterPin: answers<null>()({ input: pinInputSchema, gate: entry }),
  /** Leaves technician mode (or closes the PIN pad); a saved config takes effect now. */
  leave: answers<null>()({ input: empty, gate: entry }),
  /** A touch on a technician screen: keeps it from leaving by itself. */
  activity: answers<null>()({ input: empty, gate: entry }),
  getSettings: answers<SettingsView>()({ input: empty, gate: technician }),
  saveSettings: answers<SavedSettings>()({ input: saveSettingsInputSchema, gate: technician }),
  listPorts: answers<readonly PortView[]>()({ input: empty, gate: technician }),
  startButtonTest: answers<null>()({ input: buttonTestInputSchema, gate: technician }),
  stopButtonTest: answers<null>()({ input: empty, gate: technician }),
  learnButton: answers<LearnedButtonView>()({ input: learnButtonInputSchema, gate: technician }),
  testPrint: answers<PrintTestView>()({ input: printTestInputSchema, gate: technician }),
  testConnection: answers<ConnectionTestView>()({ input: connectionTestInputSchema, gate: technician }),
  /** The office hub: its certificate's fingerprint (to compare and pin), and whether it takes the token. */
  testHubConnection: answers<HubConnectionTestView>()({ input: hubConnectionTestInputSchema, gate: technician }),
  getDiagnostics: answers<DiagnosticsView>()({ input: empty, gate: technician }),
  listExportTargets: answers<readonly ExportTarget[]>()({ input: empty, gate: technician }),
  exportDiagnostics: answers<ExportedDiagnostics>()({ input: exportInputSchema, gate: technician }),
  /** Sends every quarantined sync batch again, once (after the collector was fixed). */
  requeueQuarantined: answers<RequeuedBatches>()({ input: empty, gate: technician }),
} as const satisfies Record<string, RequestSpec>;

export type RequestName = keyof typeof REQUESTS;

/** What a screen sends (defaults not yet applied). */
export type RequestInput<Name extends RequestName> = z.input<(typeof REQUESTS)[Name]['input']>;
/** What a handler receives: the input after its schema parsed it. */
export type ParsedInput<Name extends RequestName> = z.output<(typeof REQUESTS)[Name]['input']>;
/** The requests a face answers (the citizen's screen), and those of technician mode. */
export type CitizenRequest = { [Name in RequestName]: (typeof REQUESTS)[Name]['gate'] extends { kind: 'citizen' } ? Name : never }[RequestName];
export type TechnicianRequest = Exclude<RequestName, CitizenRequest>;

/** What the request answers when it succeeds. */
export type RequestAnswer<Name extends RequestName> = Exclude<(typeof REQUESTS)[Name]['answer'], undefined>;

export const isRequestName = (name: string): name is RequestName => Object.hasOwn(REQUESTS, name);

/** Every request name, in the registry's order. */
export const REQUEST_NAMES: readonly RequestName[] = Object.keys(REQUESTS).filter(isRequestName);
