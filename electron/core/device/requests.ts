import type { z } from 'zod';
import {
  isRequestName,
  REQUESTS,
  type ParsedInput,
  type RequestAnswer,
  type RequestInput,
  type RequestName,
  type TechnicianRequest,
} from '../../../shared/requests/registry.ts';
import { fail, type Result } from '../../../shared/result.ts';
import { FACE_TITLES, type Face, type Handler, type Handlers } from './face.ts';

/**
 * The one door for a request from a screen, whatever the transport: find it in the registry, check
 * who may make it now, parse its input with its schema (refused with every bad field named, and
 * counted), then hand the typed input to its handler. A handler's exception becomes an `internal`
 * answer: nothing thrown here reaches a transport.
 */

/**
 * The registry as the handlers see it: each request's schema parses to exactly its handler's input
 * type. Checked by the compiler request by request here, so a generic lookup below needs no cast.
 */
const SCHEMAS: { readonly [Name in RequestName]: { readonly input: z.ZodType<ParsedInput<Name>, RequestInput<Name>> } } = REQUESTS;

export interface RequestRoutes {
  /** The face on the screen; null on the first run, before any config. */
  readonly face: () => Face | null;
  readonly technicianOpen: () => boolean;
  /**
   * The speech requests of the running configuration (speak, speech mode, volume, more time): asked
   * after the face's own handlers, before technician mode's. Absent or null: none (first run, face tests).
   */
  readonly speech?: () => Partial<Handlers<RequestName>> | null;
  /** Technician mode's requests (the PIN pad and everything behind it). */
  readonly technician: Handlers<TechnicianRequest>;
  /** Before any config only the language may change (the wizard's). */
  readonly setupLocale: Handler<'setLocale'>;
  /** A request refused for its input (or its name): counted, so okno doctor shows it. */
  readonly onInvalidInput: () => void;
  /** A technician request got through its gate: technician mode stays open while it is used. */
  readonly onTechnicianRequest: () => void;
  /** A citizen request got through its gate: the visitor is there (speech mode's walked-away timer starts again). */
  readonly onCitizenRequest?: () => void;
}

export type RequestDispatcher = <Name extends RequestName>(name: Name, input: unknown) => Promise<Result<RequestAnswer<Name>>>;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createRequestDispatcher(routes: RequestRoutes): RequestDispatcher {
  /** Why this request may not be made now, or null. */
  const refusal = (name: RequestName): Result<never> | null => {
    const gate = REQUESTS[name].gate;
    switch (gate.kind) {
      case 'citizen':
        if (!routes.face()) {
          return name === 'setLocale' ? null : fail('not-accepting', 'this device has no config yet: the technician is setting it up');
        }
        // Under technician mode nobody votes or takes a ticket: the screen is the technician's.
        return routes.technicianOpen() && name !== 'setLocale' ? fail('not-accepting', 'technician mode is open') : null;
      case 'technician-entry':
        return null;
      case 'technician':
        return routes.technicianOpen() ? null : fail('technician-only', 'enter the technician PIN first');
    }
  };

  // Looked up, not merged, on every request: a press allocates no handler table.
  const technician: Partial<Handlers<RequestName>> = routes.technician;
  const setup: Partial<Handlers<RequestName>> = { setLocale: routes.setupLocale };

  /** The handler that answers now: the face's (before any config, the wizard's language), else speech's, else technician mode's. */
  function handlerFor<Name extends RequestName>(name: Name): Handler<Name> | undefined {
    const face: Partial<Handlers<RequestName>> = routes.face()?.handlers ?? setup;
    return face[name] ?? routes.speech?.()?.[name] ?? technician[name];
  }

  /** A citizen's request this face does not answer (a vote on a ticket dispenser). */
  const wrongMode = (name: RequestName): Result<never> => {
    const gate = REQUESTS[name].gate;
    const face = routes.face();
    const wanted = gate.kind === 'citizen' && gate.face !== null ? FACE_TITLES[gate.face] : 'device that answers this';
    return fail('wrong-mode', `this device is a ${face ? FACE_TITLES[face.name] : 'device being set up'}, not a ${wanted}`);
  };

  return async function handle<Name extends RequestName>(name: Name, input: unknown): Promise<Result<RequestAnswer<Name>>> {
    if (!isRequestName(name)) {
      routes.onInvalidInput();
      return fail('invalid-input', `unknown request ${String(name)}`);
    }
    const refused = refusal(name);
    if (refused) return refused;
    const parsed = SCHEMAS[name].input.safeParse(input);
    if (!parsed.success) {
      routes.onInvalidInput();
      return fail('invalid-input', parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '));
    }
    if (REQUESTS[name].gate.kind !== 'citizen') routes.onTechnicianRequest();
    else routes.onCitizenRequest?.();
    const handler = handlerFor(name);
    if (!handler) return wrongMode(name);
    try {
      return await handler(parsed.data);
    } catch (error) {
      return fail('internal', `${name} failed: ${message(error)}`);
    }
  };
}
