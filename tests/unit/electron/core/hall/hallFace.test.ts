import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { createHallFace } from '../../../../../electron/core/hall/hallFace.ts';
import type { HallView, KioskState } from '../../../../../shared/kioskApi.ts';
import type { HallCall } from '../../../../../shared/office/officeSnapshot.ts';
import { FakeHubLink, officeSnapshot } from '../../../../helpers/fakeHubLink.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { serveFace } from '../../../../helpers/servedFace.ts';

const HUB = { url: 'https://127.0.0.1:8443/', token: 'hall-token-0123456789ab', fingerprint: Array.from({ length: 32 }, () => 'CD').join(':') };
const config = () => parseConfig({ device: { id: 'hall-board', office: 'МФЦ района Тверской', window: 'зал', mode: 'hall' }, hub: HUB }, 'test');

function setup() {
  const time = new FakeTime('2026-11-23T07:15:00.000Z');
  const link = new FakeHubLink(() => time.now());
  const kiosk = serveFace({ config: config(), storageOk: () => true, makeFace: (onChange) => createHallFace({ config: config(), hub: link, clock: time, scheduler: time, onChange }) });
  const states: KioskState[] = [];
  kiosk.subscribe((event) => states.push(event.state));
  const view = (): HallView => {
    const hall = kiosk.getState().hall;
    if (!hall) throw new Error('no hall view');
    return hall;
  };
  return { time, link, kiosk, states, view };
}

const call = (number: string, window: string, at: string, recall = 0): HallCall => ({
  ticketId: `0196a5d2-0000-7000-8000-${String(number.replace(/\D/g, '')).padStart(12, '0')}`,
  number,
  window,
  windowLabel: `окно ${window}`,
  at,
  recall,
});

describe('hall board', () => {
  it('the newest call large, the calls before it below, and the waiting per service', () => {
    const { link, view, kiosk } = setup();
    expect(view()).toMatchObject({ synced: false, current: null, recent: [], services: [], connection: { state: 'connecting' } });
    link.push(
      officeSnapshot({
        calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z'), call('Н-501', '3', '2026-11-23T07:12:00.000Z'), call('П-016', '2', '2026-11-23T07:10:00.000Z')],
      }),
    );
    expect(view().current).toMatchObject({ number: 'П-017', window: '2', windowLabel: 'окно 2', recall: 0 });
    expect(view().recent.map((c) => c.number)).toEqual(['Н-501', 'П-016']);
    expect(view().services).toEqual([
      { id: 'passport', prefix: 'П', name: { ru: 'Паспорт', en: 'Passport' }, waiting: 3 },
      { id: 'tax', prefix: 'Н', name: { ru: 'Налоги', en: 'Taxes' }, waiting: 0 },
    ]);
    expect(kiosk.getState().device.mode).toBe('hall');
    expect(kiosk.getState().operator).toBeNull();
  });

  it('asks nothing of the hub: a queue command is refused as the wrong mode', async () => {
    const { kiosk, link } = setup();
    const result = await kiosk.handle('operatorCommand', { command: 'call-next' });
    expect(result.ok ? 'accepted' : result.error.code).toBe('wrong-mode');
    expect(link.requests).toEqual([]);
  });

  it('the hub gone: "no connection" at once, and since when once the last update is 10 s old', () => {
    const { link, view, time, states } = setup();
    link.push(officeSnapshot({ calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z')] }));
    link.disconnect('connection refused');
    expect(view()).toMatchObject({ connection: { state: 'connecting', problem: 'connection refused' }, staleSince: null });
    time.advance(10_000);
    expect(states.at(-1)?.hall?.staleSince).toBe('2026-11-23T07:15:00.000Z');
    // What it showed stays on the board, marked as old.
    expect(view().current?.number).toBe('П-017');
  });

  it('after the hub is back, the board follows its snapshot whole, even with a lower revision', () => {
    const { link, view, time } = setup();
    link.push(officeSnapshot({ revision: 40, calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z')] }));
    link.disconnect();
    time.advance(20_000);
    link.push(officeSnapshot({ revision: 3, calls: [], services: [] }));
    expect(view()).toMatchObject({ connection: { state: 'connected' }, staleSince: null, current: null, recent: [], services: [] });
  });

  it('an older snapshot than the one shown is never shown', () => {
    const { link, view } = setup();
    link.push(officeSnapshot({ revision: 9, calls: [call('П-018', '2', '2026-11-23T07:15:00.000Z')] }));
    link.setSnapshot(officeSnapshot({ revision: 8, calls: [call('П-017', '2', '2026-11-23T07:14:50.000Z')] }));
    expect(view().current?.number).toBe('П-018');
  });

  it('a refused link says why', () => {
    const { link, view } = setup();
    link.refuse('the hub refused the device token');
    expect(view().connection).toEqual({ state: 'refused', problem: 'the hub refused the device token' });
  });
});
