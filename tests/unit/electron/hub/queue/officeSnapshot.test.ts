import { describe, expect, it } from 'vitest';
import { officeSnapshotSchema } from '../../../../../shared/office/officeSnapshot.ts';
import { emptyQueue, officeSnapshot } from './queueDriver.ts';
import { at, DAY, office, receive, TestHub, ticket } from './queueFixtures.ts';

describe('officeSnapshot', () => {
  it('an empty office: every service and window from the config, closed, nothing waiting', () => {
    const config = office();
    const snapshot = officeSnapshot(emptyQueue(DAY), { config, now: at(0), revision: 0 });
    expect(officeSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({ protocol: 'okno-office/1', revision: 0, at: at(0), day: DAY, office: { id: 'mfc-tverskoy', name: 'МФЦ Тверской', timezone: 'Europe/Moscow' }, calls: [] });
    expect(snapshot.services.map((service) => [service.id, service.waiting, service.oldestWaitingSince, service.openWindows])).toEqual([
      ['passport', 0, null, 0],
      ['snils', 0, null, 0],
      ['pension', 0, null, 0],
    ]);
    expect(snapshot.windows.map((window) => [window.id, window.label, window.status, window.operator, window.current])).toEqual([
      ['1', 'окно 1', 'closed', null, null],
      ['2', 'окно 2', 'closed', null, null],
      ['3', 'окно 3', 'closed', null, null],
    ]);
  });

  it('waiting counts and the oldest wait (redirected ones included), windows’ status, operator names, the current ticket', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    hub.ok(receive(ticket('passport', 'П-001', { issuedAt: at(-60) })));
    hub.ok(receive(ticket('passport', 'П-002')));
    hub.ok(receive(ticket('snils', 'С-001')));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.ok({ kind: 'sign-in', window: '2', operatorId: 'boris' });
    hub.ok({ kind: 'pause', window: '2' });
    hub.advance(30);
    hub.call('1');
    hub.advance(5);
    hub.ok({ kind: 'recall', window: '1' });
    const snapshot = officeSnapshot(hub.state, { config: hub.config, now: hub.now, revision: 7 });
    expect(officeSnapshotSchema.safeParse(snapshot).error?.issues ?? []).toEqual([]);
    expect(snapshot.services.map((service) => [service.id, service.waiting, service.oldestWaitingSince, service.openWindows])).toEqual([
      ['passport', 1, at(0), 1],
      ['snils', 1, at(0), 1],
      ['pension', 0, null, 0],
    ]);
    expect(snapshot.windows[0]).toMatchObject({
      status: 'open',
      operator: { id: 'anna', name: 'Анна Петрова' },
      current: { number: 'П-001', serviceId: 'passport', phase: 'called', calledAt: at(30), recalls: 1, waitedSeconds: 90 },
    });
    expect(snapshot.windows[1]).toMatchObject({ status: 'paused', operator: { id: 'boris', name: 'Борис Иванов' }, current: null });
    expect(snapshot.calls).toEqual([
      { ticketId: expect.any(String), number: 'П-001', window: '1', windowLabel: 'окно 1', at: at(35), recall: 1 },
      { ticketId: expect.any(String), number: 'П-001', window: '1', windowLabel: 'окно 1', at: at(30), recall: 0 },
    ]);
    hub.ok({ kind: 'redirect', window: '1', to: { window: '3' } });
    const redirected = officeSnapshot(hub.state, { config: hub.config, now: hub.now, revision: 8 });
    expect(redirected.services[0]).toMatchObject({ waiting: 2, oldestWaitingSince: at(0) });
  });

  it('the last 10 calls, newest first', () => {
    const hub = new TestHub(office(), emptyQueue(DAY));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    for (let index = 1; index <= 12; index++) hub.ok(receive(ticket('passport', `П-${String(index).padStart(3, '0')}`)));
    for (let index = 1; index <= 12; index++) {
      hub.advance(1);
      hub.call('1');
      hub.ok({ kind: 'finish', window: '1' });
    }
    const snapshot = officeSnapshot(hub.state, { config: hub.config, now: hub.now, revision: 1 });
    expect(snapshot.calls.map((call) => call.number)).toEqual(['П-012', 'П-011', 'П-010', 'П-009', 'П-008', 'П-007', 'П-006', 'П-005', 'П-004', 'П-003']);
  });

  it('lastFinished shows for rateSeconds after the visit, then not', () => {
    const hub = new TestHub(office({}, { rateSeconds: 60 }), emptyQueue(DAY));
    hub.ok(receive(ticket('passport', 'П-001')));
    hub.ok({ kind: 'sign-in', window: '1', operatorId: 'anna' });
    hub.call('1');
    hub.ok({ kind: 'finish', window: '1' });
    const finishedAt = hub.now;
    const shown = (seconds: number): unknown =>
      officeSnapshot(hub.state, { config: hub.config, now: new Date(Date.parse(finishedAt) + seconds * 1000).toISOString(), revision: 1 }).windows[0]?.lastFinished;
    expect(shown(0)).toEqual({ ticketId: expect.any(String), number: 'П-001', serviceId: 'passport', operatorId: 'anna', finishedAt });
    expect(shown(59)).not.toBeNull();
    expect(shown(60)).toBeNull();
    expect(shown(-30)).not.toBeNull();
  });
});
