import { describe, expect, it } from 'vitest';
import { HUB_EVENT_TYPES, isHubEventType, toHubEvent } from '../../../../../electron/hub/queue/hubEvents.ts';
import { eventPayloadSchemas } from '../../../../../shared/events.ts';

describe('hubEvents', () => {
  it('every queue event type is a journal event type', () => {
    for (const type of HUB_EVENT_TYPES) expect(type in eventPayloadSchemas).toBe(true);
    expect(isHubEventType('rating.submitted')).toBe(false);
    expect(isHubEventType('ticket.called')).toBe(true);
  });

  it('toHubEvent: a journal row as a queue event, its payload checked; null for other events or a bad payload', () => {
    const payload = { window: '1', operatorId: 'anna' };
    expect(toHubEvent({ type: 'window.paused', occurredAt: '2026-11-23T10:00:00+03:00', payload })).toEqual({ type: 'window.paused', occurredAt: '2026-11-23T10:00:00+03:00', payload });
    expect(toHubEvent({ type: 'rating.submitted', occurredAt: '2026-11-23T10:00:00+03:00', payload: { score: 5, scale: 5, source: 'touch', window: '1' } })).toBeNull();
    expect(toHubEvent({ type: 'window.paused', occurredAt: '2026-11-23T10:00:00+03:00', payload: { window: 1 } })).toBeNull();
    expect(toHubEvent({ type: 'queue.dayStarted', occurredAt: '2026-11-24T00:00:01+03:00', payload: { day: '2026-11-24', previousDay: '2026-11-23' } })?.type).toBe('queue.dayStarted');
  });
});
