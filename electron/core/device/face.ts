import type { HallView, HealthProblem, OperatorView, SessionView, TicketsView, VisitView } from '../../../shared/kioskApi.ts';
import type { CitizenRequest, FaceName, ParsedInput, RequestAnswer, RequestName } from '../../../shared/requests/registry.ts';
import type { Result } from '../../../shared/result.ts';

/**
 * A face is what the citizen's screen shows: the rating terminal or the ticket dispenser (later the
 * hall board and the operator's console). The device (./device.ts) is a face plus technician mode.
 * A face owns its screen's rules and its part of the state; it knows nothing of transports,
 * technician mode, the state's revision or the other faces.
 */

/** One request's handler: gets the input its schema parsed, answers a Result (never throws on purpose). */
export type Handler<Name extends RequestName> = (input: ParsedInput<Name>) => Result<RequestAnswer<Name>> | Promise<Result<RequestAnswer<Name>>>;

export type Handlers<Names extends RequestName> = { readonly [Name in Names]: Handler<Name> };

/** The face's part of the state the renderer sees (the state builder adds the rest). */
export interface FaceView {
  /** The rating session; a face without one reports `idle` with its language. */
  readonly session: SessionView;
  readonly tickets: TicketsView | null;
  /** The operator's console; left out by the other faces. */
  readonly operator?: OperatorView;
  /** The hall board; left out by the other faces. */
  readonly hall?: HallView;
  /** The visit at the rating terminal's window (office hub); absent on faces that show none. */
  readonly visit?: VisitView | null;
  /** Problems of the face's own hardware (the printer); storage is the device's. */
  readonly problems: readonly HealthProblem[];
}

/**
 * The timeouts of a citizen screen (WCAG 2.2.1), as speech mode and "more time" change them. The face
 * multiplies every new timeout by the device's timeoutFactor itself; these act on the one running now.
 */
export interface Countdowns {
  /** Speech mode just turned on: what is left of the running countdown is made `factor` times longer. */
  stretch(factor: number): void;
  /** "More time": the running countdown goes on `ms` longer than it would have. False when none runs. */
  moreTime(ms: number): boolean;
}

export interface Face {
  readonly name: FaceName;
  view(): FaceView;
  /** A citizen screen with timeouts (the rating terminal, the dispenser); absent on the others. */
  readonly countdowns?: Countdowns;
  /** The citizen's requests this face answers; the others are refused as the wrong mode. */
  readonly handlers: Partial<Handlers<CitizenRequest>>;
  close(): void | Promise<void>;
}

/** How the refusal names a face: "this device is a rating terminal, not a ticket dispenser". */
export const FACE_TITLES: Readonly<Record<FaceName, string>> = {
  rating: 'rating terminal',
  tickets: 'ticket dispenser',
  operator: "operator's console",
  hall: 'hall board',
};
