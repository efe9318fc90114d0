import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratedTicketLookup } from '../../../../../electron/core/rating/ratedTickets.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const T17 = '0190f3a4-1111-7000-8000-000000000017';

describe('ratedTicketLookup', () => {
  it('answers from the journal whether a ticket has its rating; suppressed presses and unlinked ratings do not count', () => {
    const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: 'w2', timeZone: 'Europe/Moscow', clock: new FakeTime() });
    const rated = ratedTicketLookup(store);
    expect(rated(T17)).toBe(false);
    store.journal().append('rating.submitted', { score: 5, scale: 5, source: 'touch', window: '2' });
    store.journal().append('rating.suppressed', { score: 5, source: 'touch', reason: 'already-rated' });
    expect(rated(T17)).toBe(false);
    store.journal().append('rating.submitted', { score: 5, scale: 5, source: 'touch', window: '2', ticketId: T17, ticketNumber: 'П-017', serviceId: 'passport', operatorId: 'op' });
    expect(rated(T17)).toBe(true);
    store.close();
  });

  it('cannot tell (null) when the journal is closed, rather than throw', () => {
    const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: 'w2', timeZone: 'Europe/Moscow', clock: new FakeTime() });
    const rated = ratedTicketLookup(store);
    store.close();
    expect(rated(T17)).toBeNull();
  });
});
