import { describe, expect, it } from 'vitest';
import { eventPayloadSchemas, type EventType } from '../../../shared/events.ts';
import { readVector } from '../../helpers/vectors.ts';

interface VectorEvent {
  id: string;
  seq: number;
  type: string;
  occurredAt: string;
  payload: unknown;
}

/** The events the journal writes must be exactly what okno-sync/1 ships: checked against its vector. */
describe('okno-sync/1 vector: event shapes', () => {
  const vector = readVector('okno-sync-1.json') as { request: { events: VectorEvent[] } };
  const known = vector.request.events.filter((event): event is VectorEvent & { type: EventType } => event.type in eventPayloadSchemas);

  it('holds the rating events this device records', () => {
    expect(known.map((event) => event.type)).toEqual(expect.arrayContaining(['rating.submitted', 'rating.suppressed']));
  });

  it.each(known.map((event) => [event.type, event] as const))('%s payload matches our schema', (type, event) => {
    expect(eventPayloadSchemas[type].safeParse(event.payload).error?.issues ?? []).toEqual([]);
  });

  it('every event has a UUID id, an integer seq and local time with an offset', () => {
    for (const event of vector.request.events) {
      expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Number.isInteger(event.seq)).toBe(true);
      expect(event.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    }
  });
});
