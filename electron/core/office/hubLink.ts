import type { AheadAnswer, CommandAnswer, CommandBody } from '../../../shared/office/officeProtocol.ts';
import type { OfficeSnapshot } from '../../../shared/office/officeSnapshot.ts';

/**
 * A device's link to its office hub (okno-office/1), as the faces see it: the newest office snapshot,
 * whether the hub is there, and the few requests a face makes. One link per `okno serve` with a `hub`
 * section; the faces never see the token, the URL or TLS. Made by ./hubConnection.ts; tests give fakes.
 */

export type HubConnectionState =
  /** The live stream is open and the snapshot is the hub's newest. */
  | 'connected'
  /** Not (yet) connected: the first connection, or trying again after the hub went away. */
  | 'connecting'
  /** Refused for good until the config changes: a wrong fingerprint, a token the hub does not know, a role that may not do this. */
  | 'refused';

export interface HubStatus {
  readonly state: HubConnectionState;
  /** Why not connected, in a technician's words ("certificate fingerprint does not match"); null when connected. */
  readonly problem: string | null;
  /** When the newest snapshot arrived (device clock, ISO); null before the first. */
  readonly lastUpdateAt: string | null;
}

/** A command or sign-in the hub did not answer: the console says "no connection", nothing was done (or the repeat will act once). */
export type OfflineAnswer = { readonly ok: false; readonly refusal: 'offline'; readonly message: string };

export interface HubLink {
  /** The newest snapshot, kept after the connection drops (the faces show its age); null before the first. */
  snapshot(): OfficeSnapshot | null;
  status(): HubStatus;
  /** Called after every new snapshot and every change of status. Returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** People ahead and the estimate for a ticket of this service issued now; null when the hub did not answer in time. */
  ahead(serviceId: string, timeoutMs: number): Promise<AheadAnswer | null>;
  signIn(operatorId: string, pin: string): Promise<CommandAnswer | OfflineAnswer>;
  signOut(): Promise<CommandAnswer | OfflineAnswer>;
  /** A queue command at this console's window; the same idempotency key acts once however often it is sent. */
  command(body: CommandBody): Promise<CommandAnswer | OfflineAnswer>;
  close(): Promise<void>;
}
