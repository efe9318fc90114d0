import type { Config, Locale } from '../../../shared/config.ts';
import type { HallCallView, HallView } from '../../../shared/kioskApi.ts';
import type { HallCall } from '../../../shared/office/officeSnapshot.ts';
import { fail, ok } from '../../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { Face, FaceView } from '../device/face.ts';
import type { HubLink } from '../office/hubLink.ts';
import { watchOffice } from '../office/shownOffice.ts';
import type { Scheduler } from '../scheduler.ts';

/**
 * The hall board (device.mode "hall"): how many wait for each service, the newest call shown large
 * ("П-017 → окно 2") and the calls before it. It only shows what the office hub says; it asks
 * nothing (a hall display's token may not call tickets anyway).
 */
export interface HallFace extends Face {
  readonly name: 'hall';
}

export interface HallFaceDeps {
  readonly config: Config;
  readonly hub: HubLink | null;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly onChange: () => void;
}

const callView = (call: HallCall): HallCallView => ({
  ticketId: call.ticketId,
  number: call.number,
  window: call.window,
  windowLabel: call.windowLabel,
  at: call.at,
  recall: call.recall,
});

export function createHallFace(deps: HallFaceDeps): HallFace {
  const { config } = deps;
  let locale: Locale = config.ui.locale;
  const office = watchOffice({ hub: deps.hub, clock: deps.clock, scheduler: deps.scheduler, onChange: deps.onChange });

  const hallView = (): HallView => {
    const snapshot = office.snapshot();
    const [current, ...recent] = snapshot?.calls ?? [];
    return {
      connection: office.connection(),
      staleSince: office.staleSince(),
      synced: snapshot !== null,
      services: (snapshot?.services ?? []).map((service) => ({ id: service.id, prefix: service.prefix, name: service.name, waiting: service.waiting })),
      current: current ? callView(current) : null,
      recent: recent.map(callView),
      announcement: null,
    };
  };

  const view = (): FaceView => ({ session: { phase: 'idle', locale }, tickets: null, hall: hallView(), problems: [] });

  return {
    name: 'hall',
    view,
    handlers: {
      setLocale: (input) => {
        if (!config.ui.locales.includes(input.locale)) return fail('unknown-locale', `locale ${input.locale} is not enabled on this device`);
        locale = input.locale;
        deps.onChange();
        return ok(null);
      },
    },
    close() {
      office.close();
    },
  };
}
