import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { KioskState } from '../../shared/kioskApi.ts';
import { isRequestName } from '../../shared/requests/registry.ts';
import { IPC_EVENT, IPC_GET_STATE, IPC_REQUEST } from '../../shared/requests/transport.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { ServedDevice } from '../core/device/device.ts';
import { isAppUrl } from './trustedUrl.ts';

/**
 * DeviceApi over Electron IPC, main side: one channel for the state, one for every request (by name). Handlers answer a Result and never throw: an exception
 * thrown by an `ipcMain.handle` handler reaches the renderer as a mangled string, and the renderer
 * must be able to show "not saved" with a code.
 */

export interface KioskIpcOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly core: ServedDevice;
  /** The kiosk window's contents: the only sender accepted and the only receiver of events. */
  readonly contents: WebContents;
  readonly log?: (what: string, detail: string) => void;
}

export interface KioskIpc {
  /** Calls refused because they did not come from our page's main frame. */
  readonly refusedCalls: number;
  dispose(): void;
}

/** No error code fits exactly; `invalid-input` is the nearest ("this request is not acceptable"). */
const refused = (): Result<never> => fail('invalid-input', 'refused: not sent by the kiosk page');

const internal = (error: unknown): Result<never> =>
  fail('internal', `device error: ${error instanceof Error ? error.message : String(error)}`);

/**
 * A subframe, a page we navigated away to (navigation is blocked, but this is the second lock), or
 * another WebContents must not record a citizen's rating.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, contents: WebContents): boolean {
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerKioskIpc(options: KioskIpcOptions): KioskIpc {
  const { ipcMain, core, contents } = options;
  const log = options.log ?? (() => {});
  let refusedCalls = 0;

  const guarded = <T>(answer: (...args: unknown[]) => Result<T> | Promise<Result<T>>) =>
    async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<T>> => {
      if (!isTrustedSender(event, contents)) {
        refusedCalls += 1;
        log('ipc refused', event.senderFrame?.url ?? '(no frame)');
        return refused();
      }
      try {
        return await answer(...args);
      } catch (error) {
        return internal(error);
      }
    };

  const channels: string[] = [IPC_GET_STATE, IPC_REQUEST];
  ipcMain.handle(IPC_GET_STATE, guarded<KioskState>(() => ok(core.getState())));
  ipcMain.handle(
    IPC_REQUEST,
    guarded((name, input) => (typeof name === 'string' && isRequestName(name) ? core.handle(name, input) : fail('invalid-input', `unknown request ${String(name).slice(0, 80)}`))),
  );

  const unsubscribe = core.subscribe((event) => {
    // Events carry device state: only to our page, never to whatever a crashed frame left behind.
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    try {
      contents.send(IPC_EVENT, event);
    } catch (error) {
      log('event not delivered', String(error));
    }
  });

  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
  contents.once('destroyed', dispose);

  return {
    get refusedCalls() {
      return refusedCalls;
    },
    dispose,
  };
}
