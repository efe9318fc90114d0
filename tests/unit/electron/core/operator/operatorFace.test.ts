import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import type { HubLink } from '../../../../../electron/core/office/hubLink.ts';
import { createOperatorFace } from '../../../../../electron/core/operator/operatorFace.ts';
import type { KioskState, OperatorView } from '../../../../../shared/kioskApi.ts';
import { FakeHubLink, officeSnapshot } from '../../../../helpers/fakeHubLink.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { serveFace } from '../../../../helpers/servedFace.ts';

export const HUB = { url: 'https://127.0.0.1:8443/', token: 'console-token-0123456789', fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') };

const config = () =>
  parseConfig({ device: { id: 'console-2', office: 'МФЦ района Тверской', window: '2', mode: 'operator' }, ui: { locale: 'ru', locales: ['ru', 'en'] }, hub: HUB }, 'test');

function setup(options: { hub?: 'none' } = {}) {
  const time = new FakeTime('2026-11-23T07:15:00.000Z');
  const link = new FakeHubLink(() => time.now());
  const hub: HubLink | null = options.hub === 'none' ? null : link;
  const kiosk = serveFace({
    config: config(),
    storageOk: () => true,
    makeFace: (onChange) => createOperatorFace({ config: config(), hub, clock: time, scheduler: time, onChange }),
  });
  const states: KioskState[] = [];
  kiosk.subscribe((event) => states.push(event.state));
  const view = (): OperatorView => {
    const operator = kiosk.getState().operator;
    if (!operator) throw new Error('no operator view');
    return operator;
  };
  const command = (input: { command: string; to?: object }) => kiosk.handle('operatorCommand', input);
  return { time, link, kiosk, states, view, command };
}

const calledWindow = officeSnapshot({
  revision: 7,
  windows: [
    {
      id: '2',
      label: 'Окно 2',
      services: ['tax', 'passport'],
      status: 'open',
      operator: { id: 'petrov', name: 'Петров И.' },
      current: { ticketId: '0196a5d2-0000-7000-8000-000000000017', number: 'П-017', serviceId: 'passport', phase: 'called', calledAt: '2026-11-23T07:14:30.000Z', recalls: 1, waitedSeconds: 610 },
      lastFinished: null,
    },
    { id: '3', label: 'Окно 3', services: ['passport'], status: 'paused', operator: null, current: null, lastFinished: null },
  ],
});

describe("operator's console", () => {
  it('before the hub answers: connecting, nothing shown; then the window, its queues first, and the other windows', () => {
    const { link, view } = setup();
    expect(view()).toMatchObject({ connection: { state: 'connecting' }, synced: false, window: null, services: [], pending: null, staleSince: null });
    link.push(calledWindow);
    expect(view()).toMatchObject({
      connection: { state: 'connected', problem: null },
      synced: true,
      window: {
        id: '2',
        label: 'Окно 2',
        status: 'open',
        operator: { id: 'petrov', name: 'Петров И.' },
        current: { number: 'П-017', phase: 'called', recalls: 1, waitedMinutes: 10, serviceName: { ru: 'Паспорт', en: 'Passport' } },
      },
      windows: [{ id: '3', label: 'Окно 3', status: 'paused' }],
    });
    // The window's services in its own order first: taxes, then passports; the oldest passport ticket has waited 12 minutes.
    expect(view().services.map((s) => [s.id, s.mine, s.waiting, s.oldestWaitMinutes])).toEqual([
      ['tax', true, 0, null],
      ['passport', true, 3, 12],
    ]);
  });

  it('the oldest wait grows with the clock, and the screen is told when the minute changes', () => {
    const { link, view, time, states } = setup();
    link.push(calledWindow);
    const before = states.length;
    time.advance(60_000);
    expect(view().services.find((s) => s.id === 'passport')?.oldestWaitMinutes).toBe(13);
    expect(states.length).toBeGreaterThan(before);
  });

  it('a double press sends one command: the second is refused in flight, and the buttons wait for the first', async () => {
    const { link, command, view } = setup();
    link.push(calledWindow);
    link.hold = true;
    link.answers.push({ ok: true, revision: 8, ticket: { ticketId: '0196a5d2-0000-7000-8000-000000000018', number: 'П-018' } });
    const first = command({ command: 'call-next' });
    const second = await command({ command: 'call-next' });
    expect(second).toEqual({ ok: true, value: { ok: false, refusal: 'in-flight', message: expect.stringContaining('call-next') } });
    expect(view().pending).toBe('call-next');
    expect(link.requests).toHaveLength(1);
    link.release();
    expect(await first).toEqual({ ok: true, value: { ok: true, ticket: { ticketId: '0196a5d2-0000-7000-8000-000000000018', number: 'П-018' } } });
    expect(view().pending).toBeNull();
    expect(view().notice).toEqual({ action: 'call-next', answer: { ok: true, ticket: { ticketId: '0196a5d2-0000-7000-8000-000000000018', number: 'П-018' } } });
    expect(link.requests).toHaveLength(1);
  });

  it('each press gets its own idempotency key (UUIDv7); a redirect carries its target', async () => {
    const { link, command } = setup();
    link.push(calledWindow);
    await command({ command: 'recall' });
    await command({ command: 'recall' });
    await command({ command: 'redirect', to: { window: '3' } });
    await command({ command: 'redirect', to: { service: 'tax' } });
    const bodies = link.requests.map((request) => (request.kind === 'command' ? request.body : null));
    const keys = bodies.map((body) => body?.idempotencyKey);
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bodies.map((body) => (body?.command === 'redirect' ? body.to : body?.command))).toEqual(['recall', 'recall', { window: '3' }, { service: 'tax' }]);
  });

  it('refuses a malformed command before it reaches the hub: a redirect without a target, an unknown command, a key from the page', async () => {
    const { link, command } = setup();
    link.push(calledWindow);
    for (const input of [{ command: 'redirect' }, { command: 'call-everyone' }, { command: 'recall', to: { window: '3' } }, { command: 'recall', idempotencyKey: '0196a5d2-0000-7000-8000-000000000001' }]) {
      const result = await command(input);
      expect(result.ok ? 'accepted' : result.error.code, JSON.stringify(input)).toBe('invalid-input');
    }
    expect(link.requests).toEqual([]);
  });

  it('the hub down: the command answers offline, in a word the screen can say, and the buttons come back', async () => {
    const { link, command, view } = setup();
    link.push(calledWindow);
    link.disconnect();
    link.answers.push({ ok: false, refusal: 'offline', message: 'the hub did not answer within 3 s' });
    expect(await command({ command: 'finish' })).toEqual({ ok: true, value: { ok: false, refusal: 'offline', message: 'the hub did not answer within 3 s' } });
    expect(view()).toMatchObject({ pending: null, connection: { state: 'connecting', problem: 'the hub does not answer' }, notice: { action: 'finish', answer: { refusal: 'offline' } } });
  });

  it("the hub's refusals come back as typed answers, and the notice goes after a while", async () => {
    const { link, command, view, time } = setup();
    link.push(calledWindow);
    link.answers.push({ ok: false, refusal: 'queue-empty', message: 'nobody waits for passport' });
    expect(await command({ command: 'call-next' })).toEqual({ ok: true, value: { ok: false, refusal: 'queue-empty', message: 'nobody waits for passport' } });
    expect(view().notice?.answer).toEqual({ ok: false, refusal: 'queue-empty', message: 'nobody waits for passport' });
    time.advance(8_000);
    expect(view().notice).toBeNull();
  });

  it('a link that throws is "offline", never a crash', async () => {
    const { link, command, view } = setup();
    link.push(calledWindow);
    link.command = () => Promise.reject(new Error('socket hang up'));
    expect(await command({ command: 'start' })).toEqual({ ok: true, value: { ok: false, refusal: 'offline', message: 'socket hang up' } });
    expect(view().pending).toBeNull();
  });

  it('signs in with the operator id and PIN typed on the console, and out; a PIN that is not 4–8 digits is refused here', async () => {
    const { link, kiosk } = setup();
    link.push(calledWindow);
    link.answers.push({ ok: false, refusal: 'wrong-pin', message: 'wrong PIN' });
    expect(await kiosk.handle('operatorSignIn', { operatorId: 'petrov', pin: '0000' })).toEqual({ ok: true, value: { ok: false, refusal: 'wrong-pin', message: 'wrong PIN' } });
    expect(await kiosk.handle('operatorSignIn', { operatorId: 'petrov', pin: '2468' })).toEqual({ ok: true, value: { ok: true, ticket: null } });
    const badPin = await kiosk.handle('operatorSignIn', { operatorId: 'petrov', pin: '12ab' });
    expect(badPin.ok ? 'accepted' : badPin.error.code).toBe('invalid-input');
    expect(await kiosk.handle('operatorSignOut', {})).toEqual({ ok: true, value: { ok: true, ticket: null } });
    expect(link.requests).toEqual([
      { kind: 'signIn', operatorId: 'petrov', pin: '0000' },
      { kind: 'signIn', operatorId: 'petrov', pin: '2468' },
      { kind: 'signOut' },
    ]);
  });

  it('a live link is never stale, however quiet the office; a lost one is, once the last update is 10 s old', () => {
    const { link, view, time, states } = setup();
    link.push(calledWindow);
    time.advance(30_000);
    // Live: a quiet office is not a stale screen.
    expect(view().staleSince).toBeNull();
    const lastUpdate = link.status().lastUpdateAt;
    // Lost after 30 s of quiet: what is shown is 30 s old, so it says so at once.
    link.disconnect();
    expect(view().staleSince).toBe(lastUpdate);
    expect(states.at(-1)?.operator?.staleSince).toBe(lastUpdate);
  });

  it('stale exactly at 10 s after the last update, told by a timer', () => {
    const { link, time, states } = setup();
    link.push(calledWindow);
    time.advance(4_000);
    link.disconnect();
    const before = states.length;
    time.advance(5_999);
    expect(states.at(-1)?.operator?.staleSince).toBeNull();
    time.advance(1);
    expect(states.length).toBe(before + 1);
    expect(states.at(-1)?.operator?.staleSince).toBe('2026-11-23T07:15:00.000Z');
  });

  it('never shows a snapshot older than the one shown; after a reconnect the whole view follows the new one', () => {
    const { link, view } = setup();
    link.push(calledWindow);
    link.setSnapshot(officeSnapshot({ revision: 5 }));
    expect(view().window?.current?.number).toBe('П-017');
    // The hub restarts (its revisions may start again): the first snapshot of the new connection is the truth.
    link.disconnect();
    link.push(officeSnapshot({ revision: 2 }));
    expect(view()).toMatchObject({ connection: { state: 'connected' }, staleSince: null, window: { status: 'closed', operator: null, current: null } });
    expect(view().windows).toEqual([{ id: '3', label: 'Окно 3', status: 'open' }]);
    // …and from then on the rule holds again.
    link.setSnapshot(officeSnapshot({ revision: 1, windows: [] }));
    expect(view().window?.status).toBe('closed');
  });

  it('a window the hub does not know: synced, but no window', () => {
    const { link, view } = setup();
    link.push(officeSnapshot({ windows: [{ id: '9', label: 'Окно 9', services: [], status: 'closed', operator: null, current: null, lastFinished: null }] }));
    expect(view()).toMatchObject({ synced: true, window: null });
  });

  it('without a link to the hub: says so, and a command is answered "no-hub"', async () => {
    const { view, command } = setup({ hub: 'none' });
    expect(view().connection).toEqual({ state: 'refused', problem: 'this device has no link to the office hub' });
    expect(await command({ command: 'call-next' })).toEqual({ ok: true, value: { ok: false, refusal: 'no-hub', message: 'this device has no link to the office hub' } });
  });

  it('is not a rating terminal: a vote is refused as the wrong mode', async () => {
    const { kiosk } = setup();
    const result = await kiosk.handle('press', { score: 5, source: 'touch' });
    expect(result.ok ? 'accepted' : result.error.code).toBe('wrong-mode');
  });
});
