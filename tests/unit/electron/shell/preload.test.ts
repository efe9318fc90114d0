import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { IpcMain, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerKioskIpc } from '../../../../electron/shell/ipcBridge.ts';
import { APP_ENTRY_URL } from '../../../../electron/shell/trustedUrl.ts';
import type { KioskEvent } from '../../../../shared/kioskApi.ts';
import type { DeviceApi } from '../../../../shared/requests/client.ts';
import { REQUEST_NAMES } from '../../../../shared/requests/registry.ts';
import { BRIDGE_NAME } from '../../../../shared/requests/transport.ts';
import { createFakeCore, sampleState } from './fakeCore.ts';
import { createFakeElectron, FakeFrame, FakeWebContents, type FakeElectron } from './fakeElectron.ts';

let fake: FakeElectron;

beforeEach(() => {
  vi.resetModules();
  fake = createFakeElectron();
  vi.doMock('electron', () => fake.module);
});

async function loadBridge(): Promise<DeviceApi> {
  await import('../../../../electron/shell/preload.ts');
  return fake.exposed.get(BRIDGE_NAME) as DeviceApi;
}

/** The preload and the main-side bridge wired through the fake IPC, as in the real app. */
async function wired(frame?: (contents: FakeWebContents) => FakeFrame) {
  const contents = new FakeWebContents();
  contents.setURL(APP_ENTRY_URL);
  const fakeCore = createFakeCore();
  registerKioskIpc({ ipcMain: fake.ipcMain as unknown as IpcMain, core: fakeCore.core, contents: contents as unknown as WebContents });
  fake.ipcRenderer.connect(fake.ipcMain, contents, frame ? frame(contents) : contents.mainFrame);
  return { api: await loadBridge(), fakeCore, contents };
}

describe('preload bridge', () => {
  it('exposes exactly the DeviceApi functions, and no way to reach ipcRenderer', async () => {
    const api = await loadBridge();
    expect(Object.keys(api).sort()).toEqual(['getState', 'request', 'subscribe']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
  });

  it('reaches every request of the registry by its name, and nothing the registry does not name', async () => {
    const { api, fakeCore } = await wired();
    for (const name of REQUEST_NAMES) await api.request(name, {});
    expect(fakeCore.calls.map((call) => call.intent)).toEqual(REQUEST_NAMES);
    const before = fakeCore.calls.length;
    for (const made of ['okno:press', 'okno:get-state', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await api.request(made as never, {} as never)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(fakeCore.calls).toHaveLength(before);
  });

  it('sends a press to the core and hands back the core’s Result', async () => {
    const { api, fakeCore } = await wired();
    const result = await api.request('press', { score: 5, source: 'touch' });
    expect(fakeCore.calls).toEqual([{ intent: 'press', input: { score: 5, source: 'touch' } }]);
    expect(result).toEqual({ ok: true, value: { outcome: 'recorded', eventId: 'event-1' } });
    expect(await api.request('setLocale', { locale: 'en' })).toEqual({ ok: true, value: null });
    expect(await api.request('answerFollowUp', { reason: null })).toEqual({ ok: true, value: null });
    expect(fakeCore.calls.map((call) => call.intent)).toEqual(['press', 'setLocale', 'answerFollowUp']);
  });

  it('gets the state', async () => {
    const { api } = await wired();
    expect(await api.getState()).toEqual(sampleState(1));
  });

  it('gives the listener the event only — never the IPC event with its sender — until unsubscribed', async () => {
    const { api, fakeCore } = await wired();
    const received: unknown[][] = [];
    const unsubscribe = api.subscribe((...args: unknown[]) => received.push(args));
    const event: KioskEvent = fakeCore.publish(2);
    expect(received).toEqual([[event]]);
    unsubscribe();
    fakeCore.publish(3);
    expect(received).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount('okno:event')).toBe(0);
  });

  it('reports a refused call as a Result, and getState as a rejection with the code', async () => {
    const { api, fakeCore } = await wired((contents) => new FakeFrame(() => APP_ENTRY_URL, contents.mainFrame));
    expect(await api.request('press', { score: 5, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await expect(api.getState()).rejects.toThrow(/^invalid-input:/);
    expect(fakeCore.calls).toEqual([]);
  });

  it('turns "main has no handler yet" into an internal-error Result, not a rejection', async () => {
    fake.ipcRenderer.connect(fake.ipcMain, new FakeWebContents());
    const api = await loadBridge();
    expect(await api.request('press', { score: 3, source: 'keyboard' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('bundles into one CommonJS file that runs where only `electron` can be required (a sandboxed preload)', async () => {
    const output = await build({
      entryPoints: [fileURLToPath(new URL('../../../../electron/shell/preload.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    expect(output.outputFiles).toHaveLength(1);
    const code = output.outputFiles[0]?.text ?? '';
    // The registry reaches the preload as types only: no validation library in the page's bridge.
    expect(code).not.toContain('ZodError');
    expect(code.length).toBeLessThan(20_000);
    const required: string[] = [];
    const exposed = new Map<string, unknown>();
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: fake.ipcRenderer };
    };
    // Electron's sandboxed preload wrapper gives `require` but no `module`/`exports` (electron#38161).
    runInNewContext(code, { require: sandboxRequire, console });
    expect(required).toEqual(['electron']);
    const bridge = exposed.get(BRIDGE_NAME) as Record<string, unknown>;
    // Three functions, nothing else (no ipcRenderer, no invoke of any channel: `request` takes registry names only).
    expect(Object.keys(bridge).sort()).toEqual(['getState', 'request', 'subscribe']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });
});
