import type { KioskApi, PressOutcome, TicketView } from '../../shared/kioskApi.ts';
import type { Result } from '../../shared/result.ts';
import type { DeviceCore } from '../../electron/core/kioskCore.ts';
import { TECHNICIAN_CHANNELS, type TechnicianIntent } from '../../shared/kioskChannels.ts';
import type { TechnicianApi } from '../../shared/technicianApi.ts';

/** KioskApi straight over the core, with no transport: the reference the transports are held to. */
export function directKioskApi(core: DeviceCore): KioskApi {
  const technician = Object.fromEntries(
    (Object.keys(TECHNICIAN_CHANNELS) as TechnicianIntent[]).map((intent) => [intent, async (input?: unknown) => structuredClone(await core.handle(intent, input ?? {}))]),
  ) as unknown as TechnicianApi;
  return {
    technician,
    getState: async () => structuredClone(core.getState()),
    press: async (input) => core.handle('press', input) as Result<PressOutcome>,
    answerFollowUp: async (input) => core.handle('answerFollowUp', input) as Result<null>,
    setLocale: async (input) => core.handle('setLocale', input) as Result<null>,
    issueTicket: async (input) => core.handle('issueTicket', input) as Result<TicketView>,
    closeTicket: async (input) => core.handle('closeTicket', input) as Result<null>,
    subscribe: (listener) => core.subscribe((event) => listener(structuredClone(event))),
  };
}
