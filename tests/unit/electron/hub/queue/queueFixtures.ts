import { expect } from 'vitest';
import { hubConfigSchema, type HubConfig, type HubConfigInput } from '../../../../../electron/hub/hubConfig.ts';
import { applyDecision, decide, type Decision, type QueueCommand, type QueueState } from '../../../../../electron/hub/queue/queueState.ts';
import type { DeliveredTicket, OfficeRefusal } from '../../../../../shared/office/officeProtocol.ts';

/** Shared by the queue's tests: a small office, tickets, and a driver that decides and folds like the hub. */

export const PIN_HASH = `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;

export const DAY = '2026-11-23';

/** 2026-11-23 09:00 Moscow plus `seconds`. */
export function at(seconds: number, day = DAY): string {
  const base = Date.parse(`${day}T09:00:00+03:00`) + seconds * 1000;
  // The hub's clock is ISO with an offset; Z is one.
  return new Date(base).toISOString();
}

export function office(overrides: Partial<HubConfigInput> = {}, queue: HubConfigInput['queue'] = {}): HubConfig {
  return hubConfigSchema.parse({
    office: { id: 'mfc-tverskoy', name: 'МФЦ Тверской', timezone: 'Europe/Moscow' },
    services: [
      { id: 'passport', prefix: 'П', name: { ru: 'Паспорт', en: 'Passport' } },
      { id: 'snils', prefix: 'С', name: { ru: 'СНИЛС' } },
      { id: 'pension', prefix: 'Л', name: { ru: 'Пенсия' }, priority: 'elderly' },
    ],
    priorities: [{ id: 'elderly', name: { ru: 'Пенсионеры' } }],
    windows: [
      { id: '1', label: 'окно 1', services: ['passport', 'snils'] },
      { id: '2', label: 'окно 2', services: ['snils', 'passport', 'pension'] },
      { id: '3', label: 'окно 3', services: ['pension', 'passport'] },
    ],
    operators: [
      { id: 'anna', name: 'Анна Петрова', pinHash: PIN_HASH },
      { id: 'boris', name: 'Борис Иванов', pinHash: PIN_HASH },
      { id: 'vera', name: 'Вера Смирнова', pinHash: PIN_HASH },
    ],
    queue,
    ...overrides,
  });
}

let counter = 0;
/** A UUID made from a counter: readable in a failure, unique in a run. */
export function uuid(n = ++counter): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function ticket(serviceId: string, number: string, options: { day?: string; issuedAt?: string; n?: number } = {}): DeliveredTicket {
  const n = options.n ?? ++counter;
  return { eventId: uuid(n + 1_000_000), ticketId: uuid(n), number, serviceId, day: options.day ?? DAY, issuedAt: options.issuedAt ?? at(0) };
}

export const receive = (delivered: DeliveredTicket, dispenserId = 'disp-1'): QueueCommand => ({ kind: 'receive', ticket: delivered, dispenserId, sourceEventId: delivered.eventId });

/** A hub in a test: the state, the journal it would keep, and its clock. */
export class TestHub {
  state: QueueState;
  readonly journal: { type: string; occurredAt: string; payload: unknown }[] = [];
  now: string;
  readonly config: HubConfig;

  constructor(config: HubConfig, state: QueueState, now = at(0)) {
    this.config = config;
    this.state = state;
    this.now = now;
  }

  /** Decides and, when accepted, records and folds the events; returns the decision or the refusal. */
  run(command: QueueCommand): { ok: true; value: Decision } | { ok: false; error: OfficeRefusal } {
    const result = decide(this.state, command, { config: this.config, now: this.now });
    if (result.ok) {
      for (const event of result.value.events) this.journal.push({ type: event.type, occurredAt: this.now, payload: event.payload });
      this.state = applyDecision(this.state, result.value.events, this.now);
    }
    return result;
  }

  /** Runs a command that must be accepted; returns its decision. */
  ok(command: QueueCommand): Decision {
    const result = this.run(command);
    if (!result.ok) expect.unreachable(`${command.kind} refused: ${result.error}`);
    return result.value;
  }

  refused(command: QueueCommand): OfficeRefusal | null {
    const result = this.run(command);
    return result.ok ? null : result.error;
  }

  /** Calls at `window` and returns the called ticket's number, or the refusal. */
  call(window: string): string {
    const result = this.run({ kind: 'call-next', window });
    return result.ok ? (result.value.ticket?.number ?? '?') : result.error;
  }

  advance(seconds: number): void {
    this.now = new Date(Date.parse(this.now) + seconds * 1000).toISOString();
  }

  types(): string[] {
    return this.journal.map((event) => event.type);
  }
}
