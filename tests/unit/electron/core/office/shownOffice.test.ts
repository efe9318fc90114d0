import { describe, expect, it } from 'vitest';
import type { HubLink, HubStatus } from '../../../../../electron/core/office/hubLink.ts';
import { STALE_AFTER_MS, watchOffice } from '../../../../../electron/core/office/shownOffice.ts';
import { FakeHubLink, officeSnapshot } from '../../../../helpers/fakeHubLink.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';

function setup() {
  const time = new FakeTime('2026-11-23T07:15:00.000Z');
  const link = new FakeHubLink(() => time.now());
  let changes = 0;
  const office = watchOffice({ hub: link, clock: time, scheduler: time, onChange: () => (changes += 1) });
  return { time, link, office, changes: () => changes };
}

describe('the office as a face shows it', () => {
  it('a reconnect without a new snapshot yet keeps the old one, and still takes the next one whatever its revision', () => {
    const { link, office } = setup();
    link.push(officeSnapshot({ revision: 30 }));
    link.disconnect();
    // Connected again, the link has no new snapshot yet: the old one stays until the hub sends its own.
    link.push(officeSnapshot({ revision: 30 }));
    expect(office.snapshot()?.revision).toBe(30);
    link.disconnect();
    link.setSnapshot(officeSnapshot({ revision: 2 }));
    // Taken while down: the newest the link kept is shown (nothing better is there) …
    expect(office.snapshot()?.revision).toBe(2);
    link.push(officeSnapshot({ revision: 1 }));
    // … and the first of the new connection replaces it.
    expect(office.snapshot()?.revision).toBe(1);
    link.setSnapshot(officeSnapshot({ revision: 0 }));
    expect(office.snapshot()?.revision).toBe(1);
  });

  it('a clock that jumps back is not "stale"; one that jumps forward is, at the next look', () => {
    const { time, link, office } = setup();
    link.push(officeSnapshot());
    link.disconnect();
    time.setWall('2026-11-23T07:00:00.000Z');
    expect(office.staleSince()).toBeNull();
    time.setWall('2026-11-23T09:00:00.000Z');
    expect(office.staleSince()).toBe('2026-11-23T07:15:00.000Z');
  });

  it('an unreadable "last update" from the link falls back to when this face took the snapshot', () => {
    const time = new FakeTime('2026-11-23T07:15:00.000Z');
    let status: HubStatus = { state: 'connected', problem: null, lastUpdateAt: 'not a time' };
    const listeners: Array<() => void> = [];
    const link: HubLink = {
      snapshot: () => officeSnapshot(),
      status: () => status,
      onChange: (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
      ahead: async () => null,
      signIn: async () => ({ ok: false, refusal: 'offline', message: '' }),
      signOut: async () => ({ ok: false, refusal: 'offline', message: '' }),
      command: async () => ({ ok: false, refusal: 'offline', message: '' }),
      close: async () => undefined,
    };
    const office = watchOffice({ hub: link, clock: time, scheduler: time, onChange: () => undefined });
    status = { state: 'connecting', problem: 'down', lastUpdateAt: 'not a time' };
    for (const listener of listeners) listener();
    expect(office.staleSince()).toBeNull();
    time.advance(STALE_AFTER_MS);
    expect(office.staleSince()).toBe('2026-11-23T07:15:00.000Z');
  });

  it('after close, nothing more is told and no timer is left', () => {
    const { time, link, office, changes } = setup();
    link.push(officeSnapshot());
    link.disconnect();
    const before = changes();
    office.close();
    link.push(officeSnapshot({ revision: 9 }));
    time.advance(STALE_AFTER_MS * 2);
    expect(changes()).toBe(before);
    expect(time.pendingTimers()).toBe(0);
  });
});
