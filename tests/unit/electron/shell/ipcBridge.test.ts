import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { registerKioskIpc } from '../../../../electron/shell/ipcBridge.ts';
import { APP_ENTRY_URL } from '../../../../electron/shell/trustedUrl.ts';
import { REQUEST_NAMES, REQUESTS } from '../../../../shared/requests/registry.ts';
import { IPC_EVENT, IPC_GET_STATE, IPC_REQUEST } from '../../../../shared/requests/transport.ts';

const TECHNICIAN_REQUESTS = REQUEST_NAMES.filter((name) => REQUESTS[name].gate.kind !== 'citizen');
import { createFakeCore, sampleState } from './fakeCore.ts';
import { FakeFrame, FakeIpcMain, FakeWebContents, type FakeInvokeEvent } from './fakeElectron.ts';

function setUp() {
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents();
  contents.setURL(APP_ENTRY_URL);
  const fakeCore = createFakeCore();
  const refusals: string[] = [];
  const ipc = registerKioskIpc({
    ipcMain: ipcMain as unknown as IpcMain,
    core: fakeCore.core,
    contents: contents as unknown as WebContents,
    log: (what, detail) => refusals.push(`${what}: ${detail}`),
  });
  const fromPage: FakeInvokeEvent = { sender: contents, senderFrame: contents.mainFrame };
  return { ipcMain, contents, fakeCore, ipc, fromPage, refusals };
}

describe('IPC bridge, main side', () => {
  it('forwards a press from our page to the core with its input, and returns the core’s Result', async () => {
    const { ipcMain, fakeCore, fromPage } = setUp();
    const input = { score: 4, source: 'touch' };
    const result = await ipcMain.invoke(IPC_REQUEST, fromPage, 'press', input);
    expect(fakeCore.calls).toEqual([{ intent: 'press', input }]);
    expect(result).toEqual({ ok: true, value: { outcome: 'recorded', eventId: 'event-1' } });
  });

  it('returns the core’s error Result as it is', async () => {
    const { ipcMain, fromPage } = setUp();
    expect(await ipcMain.invoke(IPC_REQUEST, fromPage, 'press', { score: 7, source: 'keyboard' })).toEqual({
      ok: false,
      error: { code: 'score-out-of-range', message: 'score 7 is outside 1..5' },
    });
    expect(await ipcMain.invoke(IPC_REQUEST, fromPage, 'press', 'garbage')).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('routes each request by its name to its own handler', async () => {
    const { ipcMain, fakeCore, fromPage } = setUp();
    await ipcMain.invoke(IPC_REQUEST, fromPage, 'answerFollowUp', { reason: null });
    await ipcMain.invoke(IPC_REQUEST, fromPage, 'setLocale', { locale: 'en' });
    expect(fakeCore.calls).toEqual([
      { intent: 'answerFollowUp', input: { reason: null } },
      { intent: 'setLocale', input: { locale: 'en' } },
    ]);
  });

  it('routes every technician request by its name', async () => {
    const { ipcMain, fakeCore, fromPage } = setUp();
    for (const intent of TECHNICIAN_REQUESTS) await ipcMain.invoke(IPC_REQUEST, fromPage, intent, { probe: intent });
    expect(fakeCore.calls).toEqual(TECHNICIAN_REQUESTS.map((intent) => ({ intent, input: { probe: intent } })));
  });

  it('answers the state as a Result', async () => {
    const { ipcMain, fromPage } = setUp();
    expect(await ipcMain.invoke(IPC_GET_STATE, fromPage)).toEqual({ ok: true, value: sampleState(1) });
  });

  it('turns a throwing core into an internal-error Result instead of throwing across the boundary', async () => {
    const { ipcMain, fakeCore, fromPage } = setUp();
    fakeCore.throwOnNextHandle(new Error('disk on fire'));
    const result = await ipcMain.invoke(IPC_REQUEST, fromPage, 'press', { score: 5, source: 'touch' });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'device error: disk on fire' } });
  });

  describe('refuses a foreign sender, counts it, and never reaches the core', () => {
    const cases: Array<[string, (s: ReturnType<typeof setUp>) => FakeInvokeEvent]> = [
      ['a subframe of our page', (s) => ({ sender: s.contents, senderFrame: new FakeFrame(() => APP_ENTRY_URL, s.contents.mainFrame) })],
      ['our main frame showing a foreign page', (s) => {
        s.contents.setURL('https://evil.example/');
        return { sender: s.contents, senderFrame: s.contents.mainFrame };
      }],
      ['a look-alike origin', (s) => {
        s.contents.setURL('app://okno.evil/index.html');
        return { sender: s.contents, senderFrame: s.contents.mainFrame };
      }],
      ['a frame that is gone', (s) => ({ sender: s.contents, senderFrame: null })],
      ['another WebContents showing our page', () => {
        const other = new FakeWebContents();
        other.setURL(APP_ENTRY_URL);
        return { sender: other, senderFrame: other.mainFrame };
      }],
    ];

    it.each(cases)('%s', async (_name, makeEvent) => {
      const setup = setUp();
      const event = makeEvent(setup);
      const channels = [IPC_GET_STATE, IPC_REQUEST];
      for (const channel of channels) {
        const result = await setup.ipcMain.invoke(channel, event, 'press', { score: 5, source: 'touch' });
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
        expect(JSON.stringify(result)).not.toContain('test-w01');
      }
      expect(setup.fakeCore.calls).toEqual([]);
      expect(setup.ipc.refusedCalls).toBe(channels.length);
      expect(setup.refusals).toHaveLength(channels.length);
    });
  });

  it('pushes every core event to our window, in order', () => {
    const { contents, fakeCore } = setUp();
    const first = fakeCore.publish(2);
    const second = fakeCore.publish(3);
    expect(contents.sent).toEqual([
      { channel: IPC_EVENT, args: [first] },
      { channel: IPC_EVENT, args: [second] },
    ]);
  });

  it('does not push events to a foreign page, nor to a destroyed window', () => {
    const { contents, fakeCore } = setUp();
    contents.setURL('https://evil.example/');
    fakeCore.publish(2);
    expect(contents.sent).toEqual([]);
    contents.setURL(APP_ENTRY_URL);
    contents.destroy();
    expect(() => fakeCore.publish(3)).not.toThrow();
    expect(contents.sent).toEqual([]);
  });

  it('lets go of the core and the channels when the window is destroyed', () => {
    const { ipcMain, contents, fakeCore } = setUp();
    expect(fakeCore.listenerCount).toBe(1);
    contents.destroy();
    expect(fakeCore.listenerCount).toBe(0);
    expect([...ipcMain.handlers.keys()]).toEqual([]);
  });
});
