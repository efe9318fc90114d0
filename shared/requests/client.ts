import type { KioskEvent, KioskState } from '../kioskApi.ts';
import { fail, type Result } from '../result.ts';
import type { RequestAnswer, RequestInput, RequestName } from './registry.ts';

/**
 * DeviceApi: the screens' only door to the device, the same on every transport — Electron IPC via
 * the preload bridge, HTTP + server-sent events via the browser host, and the tests' direct client.
 * There is no method per request: `request(name, input)` is typed by the registry, and each
 * transport finds the request's channel there, so a new request needs no transport code at all.
 */
export interface DeviceApi {
  getState(): Promise<KioskState>;
  request<Name extends RequestName>(name: Name, input: RequestInput<Name>): Promise<Result<RequestAnswer<Name>>>;
  /** Listener gets every state the core publishes, in order. Returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

/**
 * An answer off the wire (JSON over HTTP, a structured clone over IPC) as the registry types it.
 * The one place the client trusts rather than checks: the core on the other side answered from the
 * same registry, through handlers the compiler held to these types, and the contract suite runs
 * the same requests through every transport. Checking again here would put zod into the page.
 */
export function answerOffTheWire<Name extends RequestName>(_name: Name, wire: unknown): Result<RequestAnswer<Name>> {
  return wire as Result<RequestAnswer<Name>>;
}

/** The state off the wire: built by the core's state builder from the same types. */
export const stateOffTheWire = (wire: unknown): KioskState => wire as KioskState;

/** The state off IPC, as the main side's guarded handler answers it. */
export const stateResultOffTheWire = (wire: unknown): Result<KioskState> => wire as Result<KioskState>;

/** An event off the wire (a server-sent event's JSON, an IPC message). */
export const eventOffTheWire = (wire: unknown): KioskEvent => wire as KioskEvent;

/** A name the page made up (or a stale page's old request): refused before it reaches a channel. */
export const unknownRequest = (name: string): Result<never> => fail('invalid-input', `unknown request ${JSON.stringify(name).slice(0, 80)}`);

