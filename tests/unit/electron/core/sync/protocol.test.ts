import { describe, expect, it } from 'vitest';
import { eventPayloadSchemas } from '../../../../../shared/events.ts';
import { batchSchema, wireEventSchema } from '../../../../../electron/core/sync/protocol.ts';
import { readVector } from '../../../../helpers/vectors.ts';

describe('okno-sync/1 schemas', () => {
  it('accept the test vector’s request as it is', () => {
    const vector = readVector('okno-sync-1.json') as { request: unknown };
    expect(batchSchema.safeParse(vector.request).error?.issues ?? []).toEqual([]);
  });

  it.each(Object.keys(eventPayloadSchemas))('the collector accepts the event type %s a device records', (type) => {
    const event = { id: '01936f5e-1111-7000-8000-000000000001', seq: 1, type, occurredAt: '2026-11-23T10:14:58.004+03:00', payload: {} };
    expect(wireEventSchema.safeParse(event).success).toBe(true);
  });

  it('refuse what is not an event: no offset, a bad type, an array payload, more than 500 events', () => {
    const event = { id: '01936f5e-1111-7000-8000-000000000001', seq: 1, type: 'rating.submitted', occurredAt: '2026-11-23T10:14:58.004+03:00', payload: {} };
    expect(wireEventSchema.safeParse({ ...event, occurredAt: '2026-11-23T10:14:58' }).success).toBe(false);
    expect(wireEventSchema.safeParse({ ...event, type: 'Rating' }).success).toBe(false);
    expect(wireEventSchema.safeParse({ ...event, payload: [] }).success).toBe(false);
    expect(wireEventSchema.safeParse({ ...event, seq: 0 }).success).toBe(false);
    const batch = { deviceId: 'w05', batchId: '01936f5e-7a2b-7c3d-8e4f-5a6b7c8d9e0f', sentAt: '2026-11-23T10:15:02.120+03:00' };
    expect(batchSchema.safeParse({ ...batch, events: Array.from({ length: 501 }, () => event) }).success).toBe(false);
    expect(batchSchema.safeParse({ ...batch, events: [] }).success).toBe(false);
  });
});
