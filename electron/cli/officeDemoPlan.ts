import type { ConfigInput, HubLinkConfig } from '../../shared/config.ts';
import { deviceRules, type DeviceMode } from '../../shared/configRules.ts';
import type { DeviceRole } from '../../shared/office/officeProtocol.ts';
import { DEMO_CONFIG, DEMO_TICKETS_CONFIG } from '../core/config/loadConfig.ts';
import type { HubConfigInput } from '../hub/hubConfig.ts';

/**
 * What `okno demo --office` is made of, as plain data: the office (modelled on examples/hub.json),
 * its six faces and their configs, the table of their addresses and the keys that press the virtual
 * button boxes. No I/O here: officeDemo.ts starts it, demoCommand.ts prints it.
 */

/** The operators' PIN in the demo, printed at start: a demo has nothing to protect. */
export const OFFICE_DEMO_PIN = '2468';

export const OFFICE_ID = 'mfc-tverskoy';
export const OFFICE_WINDOWS = ['1', '2'] as const;
export type OfficeWindow = (typeof OFFICE_WINDOWS)[number];

export const OFFICE_OPERATORS = [
  { id: 'anna.petrova', name: 'Анна Петрова' },
  { id: 'ivan.sidorov', name: 'Иван Сидоров' },
] as const;

export type OfficeFaceId = 'dispenser' | 'console-1' | 'terminal-1' | 'console-2' | 'terminal-2' | 'hall';

export interface OfficeFace {
  readonly id: OfficeFaceId;
  /** How the address table names it. */
  readonly label: string;
  readonly deviceId: string;
  /** What the hub lets its token do. */
  readonly role: DeviceRole;
  readonly mode: DeviceMode;
  /** The hub's window a console or a rating terminal stands at; null for the dispenser and the board. */
  readonly window: OfficeWindow | null;
}

const windowFaces = (window: OfficeWindow): OfficeFace[] => [
  { id: `console-${window}`, label: `window ${window} console`, deviceId: `demo-console-${window}`, role: 'operator', mode: 'operator', window },
  { id: `terminal-${window}`, label: `window ${window} terminal`, deviceId: `demo-w0${window}`, role: 'window', mode: 'rating', window },
];

/** The faces in the order the table lists them. */
export const OFFICE_FACES: readonly OfficeFace[] = [
  { id: 'dispenser', label: 'ticket dispenser', deviceId: 'demo-hall-1', role: 'dispenser', mode: 'tickets', window: null },
  ...OFFICE_WINDOWS.flatMap(windowFaces),
  { id: 'hall', label: 'hall board', deviceId: 'demo-board', role: 'hall', mode: 'hall', window: null },
];

export interface CollectorLink {
  readonly endpoint: string;
  readonly token: string;
}

/** The events go to the demo's collector every 2 s, so the terminal shows a rating arriving at once. */
const DEMO_SYNC_SECONDS = 2;
const syncTo = (collector: CollectorLink) => ({ endpoint: collector.endpoint, token: collector.token, intervalSeconds: DEMO_SYNC_SECONDS });

/** The hub's config: examples/hub.json's office, with this run's device token hashes and the demo PIN's hash for both operators. */
export function officeHubConfig(input: {
  readonly tokenSha256: (face: OfficeFace) => string;
  readonly operatorPinHash: string;
  readonly collector: CollectorLink;
}): HubConfigInput {
  return {
    office: { id: OFFICE_ID, name: 'МФЦ района Тверской', timezone: deviceRules.defaultTimezone },
    services: [
      { id: 'passport', prefix: 'П', name: { ru: 'Паспорт гражданина РФ', en: 'Russian passport' } },
      { id: 'foreign-passport', prefix: 'З', name: { ru: 'Заграничный паспорт', en: 'Passport for travel abroad' } },
      { id: 'snils', prefix: 'С', name: { ru: 'СНИЛС', en: 'Pension insurance number (SNILS)' } },
      { id: 'benefits', prefix: 'Д', name: { ru: 'Детские пособия', en: 'Child benefits' }, priority: 'families' },
      { id: 'consultation', prefix: 'К', name: { ru: 'Консультация', en: 'Consultation' } },
    ],
    priorities: [{ id: 'families', name: { ru: 'Семьи с детьми', en: 'Families with children' } }],
    windows: [
      { id: '1', label: 'окно 1', services: ['passport', 'foreign-passport', 'consultation'] },
      { id: '2', label: 'окно 2', services: ['snils', 'benefits', 'passport', 'consultation'] },
    ],
    queue: { order: 'longest-wait', maxPriorityInRow: 3, noShowAfterRecalls: 2, redirectTo: 'head', estimateMinSamples: 5, rateSeconds: 60 },
    operators: OFFICE_OPERATORS.map((operator) => ({ ...operator, pinHash: input.operatorPinHash })),
    devices: OFFICE_FACES.map((face) => ({
      id: face.deviceId,
      role: face.role,
      tokenSha256: input.tokenSha256(face),
      ...(face.window ? { window: face.window } : {}),
    })),
    sync: syncTo(input.collector),
  };
}

/** One face's device config: the built-in demo's for the dispenser and the terminals, with the hub, the collector and the virtual hardware. */
export function officeDeviceConfig(
  face: OfficeFace,
  input: {
    readonly hub: HubLinkConfig;
    readonly collector: CollectorLink;
    readonly technicianPinHash: string;
    /** The host side of the virtual printer (dispenser) or button box (terminal); none without socat. */
    readonly serialPath?: string;
  },
): ConfigInput {
  const common = { hub: input.hub, sync: syncTo(input.collector), technician: { pinHash: input.technicianPinHash } };
  const ui = { locale: 'ru' as const, locales: ['ru' as const, 'en' as const] };
  switch (face.mode) {
    case 'tickets':
      return {
        ...DEMO_TICKETS_CONFIG,
        device: { ...DEMO_TICKETS_CONFIG.device, id: face.deviceId },
        ...(input.serialPath ? { printer: { path: input.serialPath } } : {}),
        ...common,
      };
    case 'rating':
      return {
        ...DEMO_CONFIG,
        device: { ...DEMO_CONFIG.device, id: face.deviceId, window: face.window ?? '' },
        ...(input.serialPath ? { buttons: { path: input.serialPath } } : {}),
        ...common,
      };
    case 'operator':
    case 'hall':
      return {
        device: { id: face.deviceId, office: 'МФЦ района Тверской', window: face.window ?? 'зал 1', mode: face.mode },
        ui,
        ...common,
      };
  }
}

/** The address table printed at start: a label column, then the URL. */
export function urlTable(rows: readonly { readonly label: string; readonly url: string }[]): string {
  const width = Math.max(...rows.map((row) => row.label.length));
  return rows.map((row) => `  ${row.label.padEnd(width)}  ${row.url}`).join('\n');
}

/**
 * What a burst of LEDs the kiosk lit on a box means. The invitation to rate lights them all, 1 to 5
 * in order, again and again while it lasts; a committed vote lights its own one. A vote may fall into
 * a blink's burst, so the blink's run is taken out first and what is left are votes.
 */
export function ledBurst(leds: readonly number[]): { readonly invitation: boolean; readonly votes: readonly number[] } {
  const rest = [...leds];
  const run: number[] = [];
  for (let led = 1, at = 0; led <= BOX_BUTTONS; led += 1) {
    const found = rest.indexOf(led, at);
    if (found < 0) return { invitation: false, votes: leds };
    run.push(found);
    at = found;
  }
  for (const index of run.reverse()) rest.splice(index, 1);
  return { invitation: true, votes: rest };
}

export const voteLine = (window: OfficeWindow, led: number): string => `okno: window ${window}'s box lit LED ${led} — the vote was committed`;
export const invitationLine = (window: OfficeWindow): string => `okno: window ${window}'s box blinks its LEDs — the terminal invites to rate the visit: press a button`;

/** What a key typed in the demo's terminal does to the virtual button boxes. */
export type BoxKey =
  | { readonly kind: 'window'; readonly window: OfficeWindow }
  | { readonly kind: 'press'; readonly window: OfficeWindow; readonly button: number }
  | { readonly kind: 'wrong'; readonly message: string }
  | { readonly kind: 'none' };

export const BOX_BUTTONS = 5;

export const BOX_KEYS_HELP = `type the window, then the button: "2" then "4" presses button 4 of window 2's box`;

/**
 * Two keys press a button: the window (1 or 2), then the button (1–5). Spaces and Enter between them
 * are allowed ("2 4"), so either way of typing it works; anything else starts again and says why.
 */
export function boxKeys(): { feed(key: string): BoxKey } {
  let window: OfficeWindow | null = null;
  const isWindow = (key: string): key is OfficeWindow => OFFICE_WINDOWS.some((id) => id === key);
  return {
    feed(key) {
      if (key === ' ' || key === '\r' || key === '\n') return { kind: 'none' };
      if (window === null) {
        if (isWindow(key)) {
          window = key;
          return { kind: 'window', window };
        }
        return { kind: 'wrong', message: `"${printable(key)}" is no window: ${BOX_KEYS_HELP}` };
      }
      const chosen = window;
      window = null;
      const button = Number(key);
      if (/^[0-9]$/.test(key) && button >= 1 && button <= BOX_BUTTONS) return { kind: 'press', window: chosen, button };
      return { kind: 'wrong', message: `"${printable(key)}" is no button of window ${chosen}'s box (1–${BOX_BUTTONS}): ${BOX_KEYS_HELP}` };
    },
  };
}

/** A key as the message can show it: control characters by their code. */
const printable = (key: string): string => (/^[\x20-\x7e]+$/.test(key) ? key : [...key].map((char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
