import { WAIT_NORM_SECONDS } from '../../../shared/central/dashboardApi.ts';
import { eventPayloadSchemas } from '../../../shared/events.ts';
import { localTime } from './localHour.ts';
import type { FreshEvent, IngestContext, Projection } from './projection.ts';
import { RollupBatch, type RollupTable } from './rollupUpsert.ts';
import { countSkipped } from './skippedEvents.ts';

/**
 * The office queue (okno hub, docs/events.md "The office queue") → queue_rollup: per office, local
 * hour, service, window and operator, the tickets called (each `ticket.called`: a recall is another
 * event type and is not counted again; a redirected ticket called for its new service counts there),
 * the seconds they waited and how many waited longer than the MFC norm (WAIT_NORM_SECONDS), and the
 * visits finished (`service.finished`) with their service seconds. The hub records whole seconds; a
 * fraction from elsewhere is rounded to the second in the sums (the norm compares the exact value).
 */
export const QUEUE_ROLLUP: RollupTable = {
  name: 'queue_rollup',
  keys: [
    ['office', 'text'],
    ['hour', 'timestamp'],
    ['service', 'text'],
    ['window', 'text'],
    ['operator', 'text'],
  ],
  counts: [
    ['called', 'int'],
    ['wait_sum', 'bigint'],
    ['over_norm', 'int'],
    ['finished', 'int'],
    ['service_sum', 'bigint'],
  ],
};

export const queueRollupProjection: Projection = async (client, fresh: readonly FreshEvent[], context: IngestContext) => {
  const office = context.office ?? '';
  const rollup = new RollupBatch(QUEUE_ROLLUP);
  for (const event of fresh) {
    if (event.type !== 'ticket.called' && event.type !== 'service.finished') continue;
    const at = localTime(event.occurredAt);
    if (event.type === 'ticket.called') {
      const parsed = eventPayloadSchemas['ticket.called'].safeParse(event.payload);
      if (!parsed.success || at === null) {
        countSkipped(event.type);
        continue;
      }
      const { serviceId, window, operatorId, waitedSeconds } = parsed.data;
      rollup.add([office, at.hour, serviceId, window, operatorId], [1, Math.round(waitedSeconds), waitedSeconds > WAIT_NORM_SECONDS ? 1 : 0, 0, 0]);
    } else {
      const parsed = eventPayloadSchemas['service.finished'].safeParse(event.payload);
      if (!parsed.success || at === null) {
        countSkipped(event.type);
        continue;
      }
      const { serviceId, window, operatorId, serviceSeconds } = parsed.data;
      rollup.add([office, at.hour, serviceId, window, operatorId], [0, 0, 0, 1, Math.round(serviceSeconds)]);
    }
  }
  await rollup.write(client);
};
