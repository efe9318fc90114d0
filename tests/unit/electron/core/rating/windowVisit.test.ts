import { describe, expect, it } from 'vitest';
import { windowVisit, UNLINKED } from '../../../../../electron/core/rating/windowVisit.ts';
import { calledTicket, emptyWindow, finishedTicket, officeSnapshot, TICKET_17, TICKET_18 } from '../../../../helpers/fakeVisitHub.ts';

const none = (): boolean => false;
const link17 = { ticketId: TICKET_17.ticketId, ticketNumber: 'П-017', serviceId: 'passport', operatorId: 'op-ivanova' };

describe('windowVisit', () => {
  it('no snapshot, a stale one, or an unknown window: unlinked', () => {
    const snapshot = officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17, 'serving') }]);
    expect(windowVisit(null, true, '2', none)).toBe(UNLINKED);
    expect(windowVisit(snapshot, false, '2', none)).toBe(UNLINKED);
    expect(windowVisit(snapshot, true, '3', none)).toBe(UNLINKED);
  });

  it('an empty window shows nothing and links nothing', () => {
    expect(windowVisit(officeSnapshot([emptyWindow('2')]), true, '2', none)).toEqual(UNLINKED);
  });

  it('a called ticket is shown; a press then is not about it (the visitor is not there yet)', () => {
    const visit = windowVisit(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17) }]), true, '2', none);
    expect(visit).toEqual({ view: { phase: 'called', ticketNumber: 'П-017', operatorName: 'Иванова Анна' }, link: null });
  });

  it('serving: the operator by name, and a press is about this visit', () => {
    const visit = windowVisit(officeSnapshot([{ ...emptyWindow('2'), ...calledTicket(TICKET_17, 'serving') }]), true, '2', none);
    expect(visit).toEqual({ view: { phase: 'serving', ticketNumber: 'П-017', operatorName: 'Иванова Анна' }, link: link17 });
  });

  it('a finished visit not rated here invites the rating; rated, it is gone', () => {
    const snapshot = officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17) }]);
    expect(windowVisit(snapshot, true, '2', none)).toEqual({ view: { phase: 'rate', ticketNumber: 'П-017', operatorName: 'Иванова Анна' }, link: link17 });
    expect(windowVisit(snapshot, true, '2', (id) => id === TICKET_17.ticketId)).toEqual(UNLINKED);
  });

  it('the finished visit of another operator (signed out since) is rated without a name', () => {
    const snapshot = officeSnapshot([{ ...emptyWindow('2'), ...finishedTicket(TICKET_17, 'op-petrov') }]);
    expect(windowVisit(snapshot, true, '2', none)).toEqual({
      view: { phase: 'rate', ticketNumber: 'П-017', operatorName: null },
      link: { ...link17, operatorId: 'op-petrov' },
    });
  });

  it('while the next ticket is called, a press belongs to the visitor who just left, if they have not rated', () => {
    const window = { ...emptyWindow('2'), ...finishedTicket(TICKET_17), ...calledTicket(TICKET_18) };
    expect(windowVisit(officeSnapshot([window]), true, '2', none)).toEqual({ view: { phase: 'called', ticketNumber: 'П-018', operatorName: 'Иванова Анна' }, link: link17 });
    expect(windowVisit(officeSnapshot([window]), true, '2', () => true).link).toBeNull();
  });

  it('serving the next ticket: presses are about the visitor at the window', () => {
    const window = { ...emptyWindow('2'), ...finishedTicket(TICKET_17), ...calledTicket(TICKET_18, 'serving') };
    expect(windowVisit(officeSnapshot([window]), true, '2', none).link?.ticketId).toBe(TICKET_18.ticketId);
  });
});
