import { buttonsRules, deviceRules, HUB_MODES, hubRules, isAllowedEndpoint, printerRules, queueRules, rangesOverlap, ratingRules, uiRules, type Locale, type RatingScale } from '../../../shared/configRules.ts';
import type { PublicConfig } from '../../../shared/technicianApi.ts';
import { newPinProblem } from '../pin/pin.ts';
import { wizardSteps, type DeviceMode, type StepName } from './wizardSteps.ts';

/**
 * The setup wizard's draft: what the technician is editing, kept in React state until "Save".
 * Text fields are kept as typed (strings), and `base` keeps the config as it was loaded so that
 * every key the wizard does not show (follow-up settings, opening hours, groups…) is saved as it
 * was. Pure (no React, no DOM) so it is unit-tested in Node.
 */

type ButtonsInput = NonNullable<PublicConfig['buttons']>;
type QueueInput = NonNullable<PublicConfig['queue']>;
export type ServiceInput = NonNullable<QueueInput['services']>[number];
export type ButtonKey = keyof NonNullable<ButtonsInput['keymap']>;
export type Keymap = NonNullable<ButtonsInput['keymap']>;
export type ButtonsProtocol = NonNullable<ButtonsInput['protocol']>;
export type Scale = RatingScale;

export interface ServiceRow {
  /** React's key for the row; not saved. */
  readonly key: number;
  /** The service as loaded (its hours, "what to bring", group… are kept), null for a new one. */
  readonly base: ServiceInput | null;
  readonly id: string;
  readonly prefix: string;
  readonly nameRu: string;
  readonly nameEn: string;
  readonly from: string;
  readonly to: string;
}

export interface WizardDraft {
  readonly base: PublicConfig | null;
  readonly mode: DeviceMode;
  readonly scale: Scale;
  readonly device: { readonly id: string; readonly office: string; readonly window: string; readonly timezone: string };
  readonly locale: Locale;
  readonly buttons: {
    /** null: no button box; "auto": found by itself; else a device path. */
    readonly path: string | null;
    readonly protocol: ButtonsProtocol;
    readonly baudRate: number;
    readonly keymap: Keymap;
    readonly serviceButton: number | null;
  };
  readonly printer: { readonly path: string | null; readonly columns: number; readonly baudRate: number };
  readonly services: readonly ServiceRow[];
  readonly sync: {
    /** "" : no sync. */
    readonly endpoint: string;
    /** A new token typed by the technician; "" keeps the saved one. Never prefilled. */
    readonly newToken: string;
  };
  readonly hub: {
    /** "" : no office hub (a rating terminal or a dispenser then works on its own). */
    readonly url: string;
    /** A new hub token typed by the technician; "" keeps the saved one. Never prefilled. */
    readonly newToken: string;
    /** The trusted certificate's SHA-256 ("AA:BB:…"), as the connection test saw it or as saved; "" : none trusted yet. */
    readonly fingerprint: string;
    /** The address `fingerprint` was trusted at: a certificate seen at one address is not trusted at another. */
    readonly trustedAt: string;
  };
  readonly pin: {
    /** Not the first run: whether the technician chose to change the PIN. */
    readonly change: boolean;
    readonly first: string;
    readonly again: string;
  };
}

const serviceRow = (key: number, service: ServiceInput | null): ServiceRow => ({
  key,
  base: service,
  id: service?.id ?? '',
  prefix: service?.prefix ?? '',
  nameRu: service?.name.ru ?? '',
  nameEn: service?.name.en ?? '',
  from: service ? String(service.range[0]) : '',
  to: service ? String(service.range[1]) : '',
});

/** The draft for a loaded config, or the first run's defaults when there is none. */
export function draftFromConfig(config: PublicConfig | null): WizardDraft {
  const device = config?.device;
  return {
    base: config,
    mode: device?.mode ?? deviceRules.defaultMode,
    scale: config?.rating?.scale ?? ratingRules.defaultScale,
    device: { id: device?.id ?? '', office: device?.office ?? '', window: device?.window ?? '', timezone: device?.timezone ?? deviceRules.defaultTimezone },
    locale: config?.ui?.locale ?? uiRules.defaultLocale,
    buttons: {
      path: config?.buttons?.path ?? null,
      protocol: config?.buttons?.protocol ?? buttonsRules.defaultProtocol,
      baudRate: config?.buttons?.baudRate ?? buttonsRules.defaultBaudRate,
      keymap: { ...(config?.buttons?.keymap ?? {}) },
      serviceButton: config?.buttons?.serviceButton ?? null,
    },
    printer: {
      path: config?.printer?.path ?? null,
      columns: config?.printer?.columns ?? printerRules.columns.default,
      baudRate: config?.printer?.baudRate ?? printerRules.defaultBaudRate,
    },
    services: (config?.queue?.services ?? []).map((service, index) => serviceRow(index + 1, service)),
    sync: { endpoint: config?.sync?.endpoint ?? '', newToken: '' },
    hub: { url: config?.hub?.url ?? '', newToken: '', fingerprint: config?.hub?.fingerprint ?? '', trustedAt: config?.hub?.url ?? '' },
    pin: { change: false, first: '', again: '' },
  };
}

export function addService(draft: WizardDraft): WizardDraft {
  const key = Math.max(0, ...draft.services.map((row) => row.key)) + 1;
  return { ...draft, services: [...draft.services, serviceRow(key, null)] };
}

export function removeService(draft: WizardDraft, key: number): WizardDraft {
  return { ...draft, services: draft.services.filter((row) => row.key !== key) };
}

export function updateService(draft: WizardDraft, key: number, patch: Partial<Omit<ServiceRow, 'key' | 'base'>>): WizardDraft {
  return { ...draft, services: draft.services.map((row) => (row.key === key ? { ...row, ...patch } : row)) };
}

const withText = (text: Partial<Record<Locale, string>> | undefined, locale: Locale, value: string): Partial<Record<Locale, string>> => {
  const { [locale]: _old, ...rest } = text ?? {};
  return value.trim() ? { ...rest, [locale]: value.trim() } : rest;
};

/** How many digits a ticket number may have: the config's largest (9999) has four. */
export const TICKET_NUMBER_DIGITS = String(queueRules.number.max).length;
const NUMBER_TEXT = new RegExp(`^\\s*\\d{1,${TICKET_NUMBER_DIGITS}}\\s*$`);
const toNumber = (text: string): number => (NUMBER_TEXT.test(text) ? Number(text) : Number.NaN);

function serviceFromRow(row: ServiceRow): ServiceInput {
  const name = withText(withText(row.base?.name, 'ru', row.nameRu), 'en', row.nameEn);
  return { ...row.base, id: row.id.trim(), prefix: row.prefix.trim(), name, range: [toNumber(row.from), toNumber(row.to)] };
}

/** The config to save (without secrets): the loaded config with the wizard's edits over it. */
export function buildConfig(draft: WizardDraft): PublicConfig {
  const base: Partial<PublicConfig> = draft.base ?? {};
  const { buttons: _buttons, printer: _printer, sync: _sync, queue: _queue, hub: _hub, ...rest } = base;
  const locales = base.ui?.locales ?? uiRules.defaultLocales;
  const config: PublicConfig = {
    ...rest,
    device: {
      ...base.device,
      id: draft.device.id.trim(),
      office: draft.device.office.trim(),
      window: draft.device.window.trim(),
      mode: draft.mode,
      timezone: draft.device.timezone,
    },
    ui: { ...base.ui, locale: draft.locale, locales: locales.includes(draft.locale) ? [...locales] : [...locales, draft.locale] },
    rating: { ...base.rating, scale: draft.scale },
  };

  if (draft.buttons.path !== null) {
    const { serviceButton: _service, ...buttons } = base.buttons ?? { path: draft.buttons.path };
    config.buttons = {
      ...buttons,
      path: draft.buttons.path.trim(),
      protocol: draft.buttons.protocol,
      baudRate: draft.buttons.baudRate,
      keymap: { ...draft.buttons.keymap },
      ...(draft.buttons.serviceButton !== null ? { serviceButton: draft.buttons.serviceButton } : {}),
    };
  }

  // The printer and services steps are a ticket dispenser's: a rating terminal keeps those sections as
  // loaded, so what was left half-typed before the mode changed cannot fail a save on a step not shown.
  if (draft.mode === 'tickets' && draft.printer.path !== null) {
    config.printer = { ...base.printer, path: draft.printer.path.trim(), columns: draft.printer.columns, baudRate: draft.printer.baudRate };
  } else if (draft.mode !== 'tickets' && base.printer) {
    config.printer = base.printer;
  }

  if (draft.mode === 'tickets' && (draft.services.length > 0 || base.queue)) {
    config.queue = { ...base.queue, services: draft.services.map(serviceFromRow) };
  } else if (base.queue) {
    config.queue = base.queue;
  }

  const hubUrl = draft.hub.url.trim();
  // The fingerprint as the connection test saw it (or as saved); the token is added by the core.
  const withHub: PublicConfig = hubUrl ? { ...config, hub: { ...base.hub, url: hubUrl, fingerprint: draft.hub.fingerprint } } : config;

  const endpoint = draft.sync.endpoint.trim();
  return endpoint ? { ...withHub, sync: { ...base.sync, endpoint } } : withHub;
}

// ---- what stops the wizard ----

/** A problem with the draft: a key under technician.problem.* and its values. */
export interface Problem {
  readonly step: StepName;
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface DraftContext {
  /** No config yet: the wizard must set the first PIN. */
  readonly firstRun: boolean;
  /** Whether the config already holds a PIN hash and a sync token. */
  readonly pinSaved: boolean;
  readonly tokenSaved: boolean;
  /** Whether the config holds an office hub token (absent: it does not). */
  readonly hubTokenSaved?: boolean;
}

/** The config's device id rule (shared/configRules.ts, the same the schema uses). */
export const DEVICE_ID = deviceRules.idPattern;

/** Whether the sync endpoint is one the config accepts: https://, or http:// to this machine. */
export function isEndpoint(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  return isAllowedEndpoint(url);
}

/**
 * Whether two endpoints send to the same collector URL (the uploader's {endpoint}/v1/batches; a final
 * slash or not is the same). The same rule as the core's tokenScope.ts, which a test holds them to.
 */
export function sameEndpoint(a: string, b: string): boolean {
  const batches = (text: string): string | null => {
    const trimmed = text.trim();
    if (!URL.canParse(trimmed)) return null;
    const base = trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
    return URL.canParse('v1/batches', base) ? new URL('v1/batches', base).href : null;
  };
  const left = batches(a);
  return left !== null && left === batches(b);
}

/**
 * A saved token goes only to the endpoint it was saved with: an endpoint typed over it needs the token
 * typed again. True when that is the case and no new token is typed yet.
 */
export function needsTokenAgain(draft: WizardDraft, context: DraftContext): boolean {
  const saved = draft.base?.sync?.endpoint;
  const endpoint = draft.sync.endpoint.trim();
  if (!context.tokenSaved || !saved || !endpoint || draft.sync.newToken.trim()) return false;
  return !sameEndpoint(saved, endpoint);
}

const problem = (step: StepName, key: string, values?: Record<string, string | number>): Problem => (values ? { step, key, values } : { step, key });

/** Whether the hub address is one the config accepts: a whole https:// URL (the hub's certificate is pinned). */
export function isHubUrl(text: string): boolean {
  const trimmed = text.trim();
  return URL.canParse(trimmed) && new URL(trimmed).protocol === hubRules.urlProtocol;
}

/** The office hub is required: an operator's console and a hall board work only through it. */
export const hubRequired = (draft: WizardDraft): boolean => HUB_MODES.includes(draft.mode);

/**
 * The saved hub token goes only to the hub address it was saved with (the core's rule, settings.ts):
 * another address needs the token typed again. True when that is the case and none is typed yet.
 */
export function needsHubTokenAgain(draft: WizardDraft, context: DraftContext): boolean {
  const saved = draft.base?.hub?.url;
  const url = draft.hub.url.trim();
  if (!context.hubTokenSaved || !saved || !url || draft.hub.newToken.trim()) return false;
  return !sameEndpoint(saved, url);
}

/** Whether a token will reach the hub: a typed one, or the saved one at its own address. */
export const hubTokenKnown = (draft: WizardDraft, context: DraftContext): boolean =>
  draft.hub.newToken.trim() !== '' || (context.hubTokenSaved === true && draft.base?.hub?.url !== undefined && sameEndpoint(draft.base.hub.url, draft.hub.url));

/** Whether the draft trusts a certificate at the address typed now (a device never talks to an unpinned hub). */
export const hubTrusted = (draft: WizardDraft): boolean =>
  hubRules.fingerprintPattern.test(draft.hub.fingerprint) && sameEndpoint(draft.hub.trustedAt, draft.hub.url);

/** Trusts the certificate the connection test saw at the address typed now. */
export const withTrustedHub = (draft: WizardDraft, fingerprint: string): WizardDraft => ({ ...draft, hub: { ...draft.hub, fingerprint, trustedAt: draft.hub.url.trim() } });

function hubProblems(draft: WizardDraft, context: DraftContext): Problem[] {
  const step: StepName = 'hub';
  const url = draft.hub.url.trim();
  if (!url) return hubRequired(draft) ? [problem(step, 'hubRequired')] : [];
  if (!isHubUrl(url)) return [problem(step, 'hubUrl')];
  const token = draft.hub.newToken.trim();
  return [
    ...(needsHubTokenAgain(draft, context) ? [problem(step, 'hubTokenAgain')] : hubTokenKnown(draft, context) ? [] : [problem(step, 'hubToken')]),
    ...(token !== '' && token.length < hubRules.tokenMinLength ? [problem(step, 'hubTokenShort', { min: hubRules.tokenMinLength })] : []),
    ...(hubTrusted(draft) ? [] : [problem(step, 'hubFingerprint')]),
  ];
}

function stepProblems(step: StepName, draft: WizardDraft, context: DraftContext): Problem[] {
  switch (step) {
    case 'mode':
    case 'review':
      return [];
    case 'device': {
      const { id, office, window: windowName, timezone } = draft.device;
      return [
        ...(DEVICE_ID.test(id.trim()) ? [] : [problem(step, 'deviceId')]),
        ...(office.trim() && office.trim().length <= deviceRules.officeMaxLength ? [] : [problem(step, 'office')]),
        ...(windowName.trim() && windowName.trim().length <= deviceRules.windowMaxLength ? [] : [problem(step, 'window')]),
        ...(timezone ? [] : [problem(step, 'timezone')]),
      ];
    }
    case 'buttons':
      return draft.buttons.path !== null && !draft.buttons.path.trim() ? [problem(step, 'buttonsPath')] : [];
    case 'printer':
      return draft.printer.path !== null && !draft.printer.path.trim() ? [problem(step, 'printerPath')] : [];
    case 'services':
      return serviceProblems(draft);
    case 'sync': {
      const endpoint = draft.sync.endpoint.trim();
      if (!endpoint) return [];
      return [
        ...(isEndpoint(endpoint) ? [] : [problem(step, 'syncEndpoint')]),
        ...(context.tokenSaved || draft.sync.newToken.trim() ? [] : [problem(step, 'syncToken')]),
        ...(isEndpoint(endpoint) && needsTokenAgain(draft, context) ? [problem(step, 'syncTokenAgain')] : []),
      ];
    }
    case 'hub':
      return hubProblems(draft, context);
    case 'pin': {
      if (!pinRequired(context) && !draft.pin.change) return [];
      const why = newPinProblem(draft.pin.first, draft.pin.again);
      return why === 'pin-format' ? [problem(step, 'pinFormat')] : why === 'pin-mismatch' ? [problem(step, 'pinMismatch')] : [];
    }
  }
}

function serviceProblems(draft: WizardDraft): Problem[] {
  const step: StepName = 'services';
  if (draft.mode === 'tickets' && draft.services.length === 0) return [problem(step, 'noServices')];
  const out: Problem[] = [];
  draft.services.forEach((row, index) => {
    const n = index + 1;
    const id = row.id.trim();
    const prefix = row.prefix.trim();
    if (!queueRules.idPattern.test(id)) out.push(problem(step, 'serviceId', { n }));
    else if (draft.services.slice(0, index).some((other) => other.id.trim() === id)) out.push(problem(step, 'serviceDuplicate', { n, id }));
    if (prefix.length < queueRules.prefixLength.min || prefix.length > queueRules.prefixLength.max) out.push(problem(step, 'servicePrefix', { n }));
    if (!row.nameRu.trim() && !row.nameEn.trim()) out.push(problem(step, 'serviceName', { n }));
    const from = toNumber(row.from);
    const to = toNumber(row.to);
    if (Number.isNaN(from) || Number.isNaN(to) || from > to) {
      out.push(problem(step, 'serviceRange', { n }));
      return;
    }
    const overlap = draft.services
      .slice(0, index)
      .findIndex((other) => rangesOverlap({ prefix: other.prefix.trim(), range: [toNumber(other.from), toNumber(other.to)] }, { prefix, range: [from, to] }));
    if (overlap >= 0) out.push(problem(step, 'serviceOverlap', { n, other: overlap + 1 }));
  });
  return out;
}

/** A PIN must be typed on the first run, and when the config has none. */
export const pinRequired = (context: DraftContext): boolean => context.firstRun || !context.pinSaved;

/** What keeps one step, or (for "review") the whole draft, from being saved. */
export function problemsOf(step: StepName, draft: WizardDraft, context: DraftContext): Problem[] {
  if (step !== 'review') return stepProblems(step, draft, context);
  return wizardSteps(draft.mode).flatMap((each) => stepProblems(each, draft, context));
}

/** The new PIN to send with the config, or null to keep the saved one. */
export function pinToSave(draft: WizardDraft, context: DraftContext): string | null {
  return pinRequired(context) || draft.pin.change ? draft.pin.first : null;
}

/** The new sync token to send, or null to keep the saved one. */
export const tokenToSave = (draft: WizardDraft): string | null => (draft.sync.newToken.trim() ? draft.sync.newToken.trim() : null);

/** The new hub token to send, or null to keep the saved one (none at all without a hub). */
export const hubTokenToSave = (draft: WizardDraft): string | null => (draft.hub.url.trim() && draft.hub.newToken.trim() ? draft.hub.newToken.trim() : null);

/** The buttons 1..scale not learned yet (keymap protocol). */
export function unlearnedButtons(draft: WizardDraft): number[] {
  return Array.from({ length: draft.scale }, (_, index) => index + 1).filter((button) => !draft.buttons.keymap[String(button) as ButtonKey]);
}

/** Stores a learned byte sequence for button n. */
export function withLearned(draft: WizardDraft, button: number, sequence: string): WizardDraft {
  return { ...draft, buttons: { ...draft.buttons, keymap: { ...draft.buttons.keymap, [String(button)]: sequence } } };
}

/**
 * A device id that changes on a device already set up: events keep the id they were recorded with
 * (the old id's saved token is kept in sync.previousTokens for those not sent yet), and the sync
 * token must be the new id's. Null when nothing changes.
 */
export function deviceIdChange(saved: PublicConfig | null, draft: WizardDraft): { readonly from: string; readonly to: string } | null {
  const from = saved?.device?.id;
  const to = draft.device.id.trim();
  return from && to !== '' && from !== to ? { from, to } : null;
}
