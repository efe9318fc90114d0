// Re-exported for the tests of this folder, so each imports the queue from one place.
export { decide, emptyQueue, evolve, officeSnapshot, peopleAhead, applyDecision } from '../../../../../electron/hub/queue/queueState.ts';
export { ticketOf as ticketOfState } from '../../../../../electron/hub/queue/queueRecords.ts';
