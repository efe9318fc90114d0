import { v7 as uuidv7 } from 'uuid';
import type { Config, Locale } from '../../../shared/config.ts';
import type { ConsoleAnswer, OfficeServiceView, OperatorAction, OperatorView, OperatorWindowView } from '../../../shared/kioskApi.ts';
import type { CommandAnswer, CommandBody } from '../../../shared/office/officeProtocol.ts';
import type { OfficeSnapshot } from '../../../shared/office/officeSnapshot.ts';
import type { ParsedInput } from '../../../shared/requests/registry.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { Face, FaceView } from '../device/face.ts';
import type { HubLink, OfflineAnswer } from '../office/hubLink.ts';
import { watchOffice } from '../office/shownOffice.ts';
import type { Scheduler } from '../scheduler.ts';

/**
 * The operator's console (device.mode "operator"): the window this device stands at (device.window)
 * as the office hub shows it, the queues it serves, and the operator's requests — sign in with a
 * personal PIN, sign out, and the queue commands. The hub decides everything; this face only makes
 * sure a press acts once: it makes the idempotency key for each press, and while one request is on
 * its way it refuses the next (a double click calls one ticket, and a retried request acts once at
 * the hub because it carries the same key).
 */
export interface OperatorFace extends Face {
  readonly name: 'operator';
}

export interface OperatorFaceDeps {
  readonly config: Config;
  readonly hub: HubLink | null;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** The screen changed. */
  readonly onChange: () => void;
  /** A new idempotency key for each press (UUIDv7 by default). */
  readonly newKey?: () => string;
  /** How long the answer to the last request stays on screen. */
  readonly noticeMs?: number;
  /** How often the waiting times are looked at (the screen shows whole minutes). */
  readonly refreshMs?: number;
}

const NOTICE_MS = 8_000;
const REFRESH_MS = 15_000;

const minutes = (ms: number): number => Math.max(0, Math.floor(ms / 60_000));

/** The hub's answer as the console's; a malformed or missing one is the link's to count, here it is "offline". */
function asConsoleAnswer(answer: CommandAnswer | OfflineAnswer): ConsoleAnswer {
  if (answer.ok) return { ok: true, ticket: answer.ticket };
  return { ok: false, refusal: answer.refusal, message: answer.message };
}

export function createOperatorFace(deps: OperatorFaceDeps): OperatorFace {
  const { config, hub, clock, scheduler } = deps;
  const newKey = deps.newKey ?? uuidv7;
  const windowId = config.device.window;
  let locale: Locale = config.ui.locale;
  let pending: OperatorAction | null = null;
  let notice: OperatorView['notice'] = null;
  let noticeTimer: unknown = null;
  let refreshTimer: unknown = null;
  let lastView = '';
  let closed = false;

  const changed = (): void => {
    lastView = JSON.stringify(operatorView());
    deps.onChange();
  };
  const office = watchOffice({ hub, clock, scheduler, onChange: changed });

  /** The hub's "now": the snapshot's time plus what passed here since it arrived (the two clocks may differ). */
  const hubNowMs = (snapshot: OfficeSnapshot): number => {
    const arrived = office.arrivedAtMs();
    const since = arrived === null ? 0 : Math.max(0, clock.now().getTime() - arrived);
    return Date.parse(snapshot.at) + since;
  };

  const windowView = (snapshot: OfficeSnapshot): OperatorWindowView | null => {
    const window = snapshot.windows.find((candidate) => candidate.id === windowId);
    if (!window) return null;
    const current = window.current;
    const service = current ? snapshot.services.find((candidate) => candidate.id === current.serviceId) : undefined;
    return {
      id: window.id,
      label: window.label,
      status: window.status,
      operator: window.operator,
      current: current
        ? {
            ticketId: current.ticketId,
            number: current.number,
            serviceId: current.serviceId,
            serviceName: service?.name ?? {},
            phase: current.phase,
            calledAt: current.calledAt,
            waitedMinutes: minutes(current.waitedSeconds * 1000),
            recalls: current.recalls,
          }
        : null,
    };
  };

  const servicesView = (snapshot: OfficeSnapshot): OfficeServiceView[] => {
    const mine = snapshot.windows.find((candidate) => candidate.id === windowId)?.services ?? [];
    const now = hubNowMs(snapshot);
    const view = (service: OfficeSnapshot['services'][number]): OfficeServiceView => {
      const since = service.oldestWaitingSince === null ? Number.NaN : Date.parse(service.oldestWaitingSince);
      return {
        id: service.id,
        prefix: service.prefix,
        name: service.name,
        waiting: service.waiting,
        oldestWaitMinutes: service.waiting > 0 && Number.isFinite(since) ? minutes(now - since) : null,
        mine: mine.includes(service.id),
      };
    };
    const own = mine.flatMap((id) => snapshot.services.filter((service) => service.id === id)).map(view);
    const others = snapshot.services.filter((service) => !mine.includes(service.id)).map(view);
    return [...own, ...others];
  };

  function operatorView(): OperatorView {
    const snapshot = office.snapshot();
    return {
      connection: office.connection(),
      staleSince: office.staleSince(),
      synced: snapshot !== null,
      window: snapshot ? windowView(snapshot) : null,
      services: snapshot ? servicesView(snapshot) : [],
      windows: snapshot
        ? snapshot.windows.filter((window) => window.id !== windowId).map((window) => ({ id: window.id, label: window.label, status: window.status }))
        : [],
      pending,
      notice,
    };
  }

  /** The waiting times move with the clock: the screen is told when a minute it shows has changed. */
  const refresh = (): void => {
    refreshTimer = scheduler.setTimeout(() => {
      if (closed) return;
      if (JSON.stringify(operatorView()) !== lastView) changed();
      refresh();
    }, deps.refreshMs ?? REFRESH_MS);
  };
  lastView = JSON.stringify(operatorView());
  refresh();

  const showNotice = (action: OperatorAction, answer: ConsoleAnswer): void => {
    if (noticeTimer !== null) scheduler.clearTimeout(noticeTimer);
    notice = { action, answer };
    noticeTimer = scheduler.setTimeout(() => {
      noticeTimer = null;
      notice = null;
      if (!closed) changed();
    }, deps.noticeMs ?? NOTICE_MS);
  };

  /** One request at a time: a second press while one is on its way is refused here, and never reaches the hub. */
  async function send(action: OperatorAction, request: (link: HubLink) => Promise<CommandAnswer | OfflineAnswer>): Promise<Result<ConsoleAnswer>> {
    if (closed) return fail('not-accepting', 'the console is shutting down');
    if (pending !== null) {
      return ok({ ok: false, refusal: 'in-flight', message: `"${pending}" is still on its way to the hub` });
    }
    if (!hub) {
      const answer: ConsoleAnswer = { ok: false, refusal: 'no-hub', message: 'this device has no link to the office hub' };
      showNotice(action, answer);
      changed();
      return ok(answer);
    }
    pending = action;
    if (noticeTimer !== null) scheduler.clearTimeout(noticeTimer);
    noticeTimer = null;
    notice = null;
    changed();
    let answer: ConsoleAnswer;
    try {
      answer = asConsoleAnswer(await request(hub));
    } catch (error) {
      // The link answers offline itself; anything thrown is treated the same: nothing is known to be done.
      answer = { ok: false, refusal: 'offline', message: error instanceof Error ? error.message : String(error) };
    } finally {
      pending = null;
    }
    if (closed) return ok(answer);
    showNotice(action, answer);
    changed();
    return ok(answer);
  }

  const command = (input: ParsedInput<'operatorCommand'>): Promise<Result<ConsoleAnswer>> => {
    // The key is made once per press: the link may send it again after a lost answer, the hub acts once.
    const body: CommandBody = input.command === 'redirect' ? { ...input, idempotencyKey: newKey() } : { command: input.command, idempotencyKey: newKey() };
    return send(input.command, (link) => link.command(body));
  };

  const view = (): FaceView => ({ session: { phase: 'idle', locale }, tickets: null, operator: operatorView(), problems: [] });

  return {
    name: 'operator',
    view,
    handlers: {
      setLocale: (input) => {
        if (!config.ui.locales.includes(input.locale)) return fail('unknown-locale', `locale ${input.locale} is not enabled on this device`);
        locale = input.locale;
        changed();
        return ok(null);
      },
      operatorSignIn: (input) => send('sign-in', (link) => link.signIn(input.operatorId, input.pin)),
      operatorSignOut: () => send('sign-out', (link) => link.signOut()),
      operatorCommand: command,
    },
    close() {
      closed = true;
      office.close();
      if (noticeTimer !== null) scheduler.clearTimeout(noticeTimer);
      if (refreshTimer !== null) scheduler.clearTimeout(refreshTimer);
      noticeTimer = null;
      refreshTimer = null;
    },
  };
}
