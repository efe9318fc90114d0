import type { HubLink, HubStatus, OfflineAnswer } from '../../electron/core/office/hubLink.ts';
import type { AheadAnswer, CommandAnswer, CommandBody } from '../../shared/office/officeProtocol.ts';
import type { OfficeSnapshot } from '../../shared/office/officeSnapshot.ts';

/** What a face asked the fake hub, in order. */
export type FakeHubRequest =
  | { readonly kind: 'command'; readonly body: CommandBody }
  | { readonly kind: 'signIn'; readonly operatorId: string; readonly pin: string }
  | { readonly kind: 'signOut' };

type Answer = CommandAnswer | OfflineAnswer;

/** The link's default answer: done, no ticket. */
const DONE: CommandAnswer = { ok: true, revision: 0, ticket: null };

/**
 * A HubLink the test drives: it sets the snapshot and the status (each change told to the faces, as
 * the real link does), records every request, and answers as told — at once, or held until the test
 * releases it (a request in flight).
 */
export class FakeHubLink implements HubLink {
  readonly requests: FakeHubRequest[] = [];
  /** Answers for the next requests, first in first out; DONE when none is queued. */
  readonly answers: Answer[] = [];
  /** While true, requests wait until `release` is called. */
  hold = false;
  closed = false;
  private current: OfficeSnapshot | null = null;
  private state: HubStatus = { state: 'connecting', problem: 'not connected yet', lastUpdateAt: null };
  private readonly listeners = new Set<() => void>();
  private readonly held: Array<() => void> = [];

  private readonly now: () => Date;

  /** `now`: the device's clock, which stamps each snapshot's arrival (the faces' staleness is measured from it). */
  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  snapshot(): OfficeSnapshot | null {
    return this.current;
  }

  status(): HubStatus {
    return this.state;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A snapshot arrives over a live stream. */
  push(snapshot: OfficeSnapshot): void {
    this.current = snapshot;
    this.state = { state: 'connected', problem: null, lastUpdateAt: this.now().toISOString() };
    this.tell();
  }

  /** The stream is lost (the hub went away): the last snapshot stays. */
  disconnect(problem = 'the hub does not answer'): void {
    this.state = { state: 'connecting', problem, lastUpdateAt: this.state.lastUpdateAt };
    this.tell();
  }

  refuse(problem: string): void {
    this.state = { state: 'refused', problem, lastUpdateAt: this.state.lastUpdateAt };
    this.tell();
  }

  /** Sets the snapshot without touching the status (a link that keeps an older snapshot, for the tests of that rule). */
  setSnapshot(snapshot: OfficeSnapshot | null): void {
    this.current = snapshot;
    this.tell();
  }

  /** Lets every held request have its answer. */
  release(): void {
    for (const go of this.held.splice(0)) go();
  }

  /** How many faces listen (each must unsubscribe when it closes). */
  listenerCount(): number {
    return this.listeners.size;
  }

  heldCount(): number {
    return this.held.length;
  }

  async ahead(serviceId: string, _timeoutMs?: number): Promise<AheadAnswer | null> {
    return { serviceId, ahead: 0, estimateMinutes: null };
  }

  signIn(operatorId: string, pin: string): Promise<Answer> {
    return this.answer({ kind: 'signIn', operatorId, pin });
  }

  signOut(): Promise<Answer> {
    return this.answer({ kind: 'signOut' });
  }

  command(body: CommandBody): Promise<Answer> {
    return this.answer({ kind: 'command', body });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private async answer(request: FakeHubRequest): Promise<Answer> {
    this.requests.push(request);
    const answer = this.answers.shift() ?? DONE;
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    return answer;
  }

  private tell(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A small office: windows 1 and 2, passports and taxes; override what a test needs. */
export function officeSnapshot(overrides: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
  return {
    protocol: 'okno-office/1',
    revision: 1,
    at: '2026-11-23T07:15:00.000Z',
    office: { id: 'tverskoy', name: 'МФЦ района Тверской', timezone: 'Europe/Moscow' },
    day: '2026-11-23',
    services: [
      { id: 'passport', prefix: 'П', name: { ru: 'Паспорт', en: 'Passport' }, waiting: 3, oldestWaitingSince: '2026-11-23T07:03:00.000Z', medianServiceSeconds: null, openWindows: 1 },
      { id: 'tax', prefix: 'Н', name: { ru: 'Налоги', en: 'Taxes' }, waiting: 0, oldestWaitingSince: null, medianServiceSeconds: null, openWindows: 0 },
    ],
    windows: [
      { id: '2', label: 'Окно 2', services: ['passport'], status: 'closed', operator: null, current: null, lastFinished: null },
      { id: '3', label: 'Окно 3', services: ['passport', 'tax'], status: 'open', operator: { id: 'ivanova', name: 'Иванова А.' }, current: null, lastFinished: null },
    ],
    calls: [],
    ...overrides,
  };
}
