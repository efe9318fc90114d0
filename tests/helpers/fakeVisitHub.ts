import { FakeHubLink } from './fakeHubLink.ts';
import type { AheadAnswer } from '../../shared/office/officeProtocol.ts';
import type { OfficeSnapshot, WindowState } from '../../shared/office/officeSnapshot.ts';

/**
 * The fake hub link of the rating terminal's and the dispenser's tests: FakeHubLink (tests/helpers/fakeHubLink.ts)
 * with windows set one at a time, and `ahead` answering what the test chose (or never, to play a hub that
 * does not answer).
 */
export class FakeVisitHub extends FakeHubLink {
  /** What `ahead` answers: a value, null (the hub said nothing in time), or `never` (the promise never settles). */
  aheadAnswer: AheadAnswer | null | 'never' = null;
  readonly aheadAsked: { serviceId: string; timeoutMs: number }[] = [];

  override ahead(serviceId: string, timeoutMs: number): Promise<AheadAnswer | null> {
    this.aheadAsked.push({ serviceId, timeoutMs });
    const answer = this.aheadAnswer;
    if (answer === 'never') return new Promise<never>(() => undefined);
    return Promise.resolve(answer);
  }

  /** The hub's live stream is up and shows this snapshot. */
  connect(snapshot: OfficeSnapshot): void {
    this.push(snapshot);
  }

  /** A new snapshot with one window changed (the revision grows). */
  setWindow(id: string, change: Partial<WindowState>): void {
    const base = this.snapshot() ?? officeSnapshot([]);
    const windows = base.windows.some((window) => window.id === id)
      ? base.windows.map((window) => (window.id === id ? { ...window, ...change } : window))
      : [...base.windows, { ...emptyWindow(id), ...change }];
    this.push({ ...base, revision: base.revision + 1, windows });
  }
}


export const emptyWindow = (id: string): WindowState => ({
  id,
  label: `Окно ${id}`,
  services: ['passport'],
  status: 'open',
  operator: { id: 'op-ivanova', name: 'Иванова Анна' },
  current: null,
  lastFinished: null,
});

export function officeSnapshot(windows: readonly WindowState[]): OfficeSnapshot {
  return {
    protocol: 'okno-office/1',
    revision: 1,
    at: '2026-11-23T10:15:00.000+03:00',
    office: { id: 'mfc-tverskoy', name: 'МФЦ района Тверской', timezone: 'Europe/Moscow' },
    day: '2026-11-23',
    services: [{ id: 'passport', prefix: 'П', name: { ru: 'Паспорт', en: 'Passport' }, waiting: 0, oldestWaitingSince: null, medianServiceSeconds: null, openWindows: 1 }],
    windows: [...windows],
    calls: [],
  };
}

export const TICKET_17 = { ticketId: '0190f3a4-1111-7000-8000-000000000017', number: 'П-017', serviceId: 'passport' } as const;
export const TICKET_18 = { ticketId: '0190f3a4-1111-7000-8000-000000000018', number: 'П-018', serviceId: 'passport' } as const;

/** Window `id` with this ticket called (or at the window). */
export const calledTicket = (ticket: { ticketId: string; number: string; serviceId: string }, phase: 'called' | 'serving' = 'called') => ({
  current: { ...ticket, phase, calledAt: '2026-11-23T10:14:00.000+03:00', recalls: 0, waitedSeconds: 240 },
});

/** Window `id` done with this ticket: the visit to rate. */
export const finishedTicket = (ticket: { ticketId: string; number: string; serviceId: string }, operatorId = 'op-ivanova') => ({
  current: null,
  lastFinished: { ...ticket, operatorId, finishedAt: '2026-11-23T10:20:00.000+03:00' },
});
