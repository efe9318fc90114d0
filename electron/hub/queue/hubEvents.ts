import { eventPayloadSchemas, type EventPayload, type EventType } from '../../../shared/events.ts';

/** The events the office queue is made of: the hub's journal holds them, its queue state is their fold. */
export const HUB_EVENT_TYPES = [
  'ticket.received',
  'ticket.refused',
  'ticket.called',
  'ticket.recalled',
  'ticket.noShow',
  'service.started',
  'service.finished',
  'ticket.redirected',
  'ticket.expired',
  'window.paused',
  'window.resumed',
  'operator.signedIn',
  'operator.signedOut',
  'queue.dayStarted',
] as const satisfies readonly EventType[];
export type HubEventType = (typeof HUB_EVENT_TYPES)[number];

/** An event `decide` asks the hub to record: the hub stamps it with its clock (occurredAt) and appends it. */
export type HubEventDraft = { [T in HubEventType]: { readonly type: T; readonly payload: EventPayload<T> } }[HubEventType];

/** A recorded queue event. `occurredAt` is ISO 8601 with an offset (the hub's clock when it was decided). */
export type HubEvent = { [T in HubEventType]: { readonly type: T; readonly occurredAt: string; readonly payload: EventPayload<T> } }[HubEventType];

const HUB_TYPES: ReadonlySet<string> = new Set(HUB_EVENT_TYPES);

export const isHubEventType = (type: string): type is HubEventType => HUB_TYPES.has(type);

/**
 * A journal entry as a queue event, its payload checked against its schema; null when it is not a queue
 * event or its payload is not what the type says (the hub counts those and folds the rest: one bad row
 * must not stop the hub from starting).
 */
export function toHubEvent(event: { readonly type: string; readonly occurredAt: string; readonly payload: unknown }): HubEvent | null {
  const { type, occurredAt, payload } = event;
  if (!isHubEventType(type)) return null;
  const draft = toDraft(type, payload);
  return draft === null ? null : stamp(draft, occurredAt);
}

// One case per type, so each payload is checked by its own schema and typed as its own type (no cast).
function toDraft(type: HubEventType, payload: unknown): HubEventDraft | null {
  switch (type) {
    case 'ticket.received': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'ticket.refused': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'ticket.called': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'ticket.recalled': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'ticket.noShow': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'service.started': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'service.finished': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'ticket.redirected': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'ticket.expired': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'window.paused': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'window.resumed': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'operator.signedIn': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'operator.signedOut': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
    case 'queue.dayStarted': {
      const parsed = eventPayloadSchemas[type].safeParse(payload);
      return parsed.success ? { type, payload: parsed.data } : null;
    }
  }
}

/** The draft as recorded at `occurredAt`. */
export function stamp(draft: HubEventDraft, occurredAt: string): HubEvent {
  return { ...draft, occurredAt };
}
