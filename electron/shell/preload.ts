import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KioskApi, KioskEvent, KioskState } from '../../shared/kioskApi.ts';
import { BRIDGE_NAME, IPC_EVENT, IPC_GET_STATE, KIOSK_CHANNELS, TECHNICIAN_CHANNELS, type TechnicianIntent } from '../../shared/kioskChannels.ts';
import type { Result } from '../../shared/result.ts';
import type { TechnicianApi } from '../../shared/technicianApi.ts';

/**
 * The renderer's KioskApi over IPC. The page gets these five functions and nothing else: never
 * `ipcRenderer` itself, which would let any script in the page call any channel. Bundled into one
 * CommonJS file by build/bundle-shell.js because a sandboxed preload cannot load modules.
 */

async function invoke<T>(channel: string, input: unknown): Promise<Result<T>> {
  try {
    return (await ipcRenderer.invoke(channel, input)) as Result<T>;
  } catch (error) {
    // Only when main has no handler (yet) or IPC itself broke; handlers never throw.
    return { ok: false, error: { code: 'internal', message: `device host unreachable: ${String(error)}` } };
  }
}

// Requests without input send {} so that the core's strict schemas accept them.
const technician = Object.fromEntries(
  (Object.keys(TECHNICIAN_CHANNELS) as TechnicianIntent[]).map((intent) => [intent, (input?: unknown) => invoke(TECHNICIAN_CHANNELS[intent].ipc, input ?? {})]),
) as unknown as TechnicianApi;

const kioskApi = {
  technician,
  async getState(): Promise<KioskState> {
    const result = await invoke<KioskState>(IPC_GET_STATE, undefined);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  },
  press: (input) => invoke(KIOSK_CHANNELS.press.ipc, input),
  answerFollowUp: (input) => invoke(KIOSK_CHANNELS.answerFollowUp.ipc, input),
  setLocale: (input) => invoke(KIOSK_CHANNELS.setLocale.ipc, input),
  issueTicket: (input) => invoke(KIOSK_CHANNELS.issueTicket.ipc, input),
  closeTicket: (input) => invoke(KIOSK_CHANNELS.closeTicket.ipc, input),
  subscribe(listener: (event: KioskEvent) => void): () => void {
    // The IpcRendererEvent stays here: its `sender` is ipcRenderer.
    const forward = (_event: IpcRendererEvent, event: KioskEvent): void => listener(event);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
} satisfies KioskApi;

contextBridge.exposeInMainWorld(BRIDGE_NAME, kioskApi);
