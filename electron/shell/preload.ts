import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KioskEvent, KioskState } from '../../shared/kioskApi.ts';
import { answerOffTheWire, eventOffTheWire, stateResultOffTheWire, unknownRequest, type DeviceApi } from '../../shared/requests/client.ts';
import { BRIDGE_NAME, IPC_EVENT, IPC_GET_STATE, IPC_REQUEST } from '../../shared/requests/transport.ts';
import type { Result } from '../../shared/result.ts';

/**
 * The renderer's DeviceApi over IPC, made from the request registry. The page gets these three
 * functions and nothing else: never `ipcRenderer` itself, which would let any script in the page
 * call any channel — `request` reaches the one request channel, whose handler takes registry names only. Bundled into one
 * CommonJS file by build/bundle-shell.js because a sandboxed preload cannot load modules; it knows
 * no request by name (main checks the name against the registry), so it carries no validation library.
 */

async function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
  try {
    const answer: unknown = await ipcRenderer.invoke(channel, ...args);
    return answer;
  } catch (error) {
    // Only when main has no handler (yet) or IPC itself broke; handlers never throw.
    const unreachable: Result<never> = { ok: false, error: { code: 'internal', message: `device host unreachable: ${String(error)}` } };
    return unreachable;
  }
}

const deviceApi = {
  async request(name, input) {
    if (typeof name !== 'string') return unknownRequest(String(name));
    return answerOffTheWire(name, await invoke(IPC_REQUEST, name, input));
  },
  async getState(): Promise<KioskState> {
    const result = stateResultOffTheWire(await invoke(IPC_GET_STATE));
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  },
  subscribe(listener: (event: KioskEvent) => void): () => void {
    // The IpcRendererEvent stays here: its `sender` is ipcRenderer.
    const forward = (_event: IpcRendererEvent, event: unknown): void => listener(eventOffTheWire(event));
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
} satisfies DeviceApi;

contextBridge.exposeInMainWorld(BRIDGE_NAME, deviceApi);
