import type { ParsedInput } from '../../../shared/requests/registry.ts';
import type { PublicConfig, SettingsView } from '../../../shared/technicianApi.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { sameEndpoint } from './tokenScope.ts';

/**
 * The config as technician mode sees it: secrets out on the way to the screen, back in on the way
 * to the file. The renderer never gets the sync token, the hub token or the PIN hash, only "set" / "not set".
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const without = (section: unknown, ...keys: string[]): Json | undefined => {
  if (!isObject(section)) return undefined;
  return Object.fromEntries(Object.entries(section).filter(([key]) => !keys.includes(key)));
};

/** The config file's JSON without its secrets. */
export function publicConfig(json: Json): PublicConfig {
  const { sync, technician, hub, ...rest } = json;
  const publicSync = without(sync, 'token', 'previousTokens');
  const publicTechnician = without(technician, 'pinHash');
  const publicHub = without(hub, 'token');
  return {
    ...rest,
    ...(publicSync ? { sync: publicSync } : {}),
    ...(publicHub ? { hub: publicHub } : {}),
    ...(publicTechnician ? { technician: publicTechnician } : {}),
  } as PublicConfig;
}

const secretOf = (section: unknown, key: string): string | null => {
  const value = isObject(section) ? section[key] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
};

export function settingsView(path: string | null, json: Json | null): SettingsView {
  return {
    path,
    config: json ? publicConfig(json) : null,
    secrets: {
      syncToken: secretOf(json?.['sync'], 'token') ? 'set' : 'not-set',
      pin: secretOf(json?.['technician'], 'pinHash') ? 'set' : 'not-set',
      hubToken: secretOf(json?.['hub'], 'token') ? 'set' : 'not-set',
    },
    timeZones: Intl.supportedValuesOf('timeZone'),
  };
}

export interface MergedSettings {
  readonly json: Json;
  /** Top-level sections whose content differs from the file before (names only: no values are recorded). */
  readonly sections: readonly string[];
  readonly pinChanged: boolean;
  readonly tokenChanged: boolean;
}

/**
 * `sync.previousTokens` after a save: the ones saved stay (the screen never sees them), and when the
 * device id changes the old id keeps its saved token, so its events not yet sent still go out under
 * the id they were recorded with (docs/protocol-sync.md, "Renaming a device").
 */
function previousTokensAfter(before: Json | null, after: Json): Record<string, string> | null {
  // Saved tokens go only to the endpoint they were saved with: a new endpoint drops them (the old
  // ids' unsent events then wait, and doctor says so, until their tokens are written in again).
  const endpointBefore = isObject(before?.['sync']) ? before['sync']['endpoint'] : undefined;
  const endpointAfter = isObject(after['sync']) ? after['sync']['endpoint'] : undefined;
  if (typeof endpointBefore !== 'string' || typeof endpointAfter !== 'string' || !sameEndpoint(endpointBefore, endpointAfter)) return null;
  const saved = isObject(before?.['sync']) && isObject(before['sync']['previousTokens']) ? before['sync']['previousTokens'] : {};
  const kept: Record<string, string> = Object.fromEntries(Object.entries(saved).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const oldId = isObject(before?.['device']) ? before['device']['id'] : undefined;
  const newId = isObject(after['device']) ? after['device']['id'] : undefined;
  const oldToken = secretOf(before?.['sync'], 'token');
  if (typeof oldId === 'string' && oldId !== newId && oldToken !== null && !(oldId in kept)) kept[oldId] = oldToken;
  return Object.keys(kept).length > 0 ? kept : null;
}

/** The saved hub token, when the edited hub address is the one it was saved with (never to another machine). */
function savedHubTokenFor(before: Json | null, hub: Json): string | null {
  const token = secretOf(before?.['hub'], 'token');
  const urlBefore = isObject(before?.['hub']) ? before['hub']['url'] : undefined;
  const urlAfter = hub['url'];
  if (token === null || typeof urlBefore !== 'string' || typeof urlAfter !== 'string') return null;
  return sameEndpoint(urlBefore, urlAfter) ? token : null;
}

/**
 * The edited config with the secrets put back: a new token or PIN hash when the technician gave
 * one, else the ones saved. Secrets inside `config` are refused: they travel only in their own fields.
 */
export function mergeSettings(before: Json | null, input: ParsedInput<'saveSettings'>, newPinHash: string | null): Result<MergedSettings> {
  const edited = input.config;
  if (isObject(edited['sync']) && 'token' in edited['sync']) return fail('invalid-input', 'sync.token: send a new token in "syncToken", not inside the config');
  if (isObject(edited['sync']) && 'previousTokens' in edited['sync']) return fail('invalid-input', 'sync.previousTokens: kept by the device, not sent by the screen');
  if (isObject(edited['technician']) && 'pinHash' in edited['technician']) return fail('invalid-input', 'technician.pinHash: send a new PIN in "pin", not inside the config');
  if (isObject(edited['hub']) && 'token' in edited['hub']) return fail('invalid-input', 'hub.token: send a new token in "hubToken", not inside the config');

  const json: Json = structuredClone(edited);
  const sync = json['sync'];
  if (isObject(sync)) {
    const token = input.syncToken ?? secretOf(before?.['sync'], 'token');
    const previousTokens = previousTokensAfter(before, json);
    json['sync'] = { ...sync, ...(token !== null ? { token } : {}), ...(previousTokens ? { previousTokens } : {}) };
  }
  const hub = json['hub'];
  if (isObject(hub)) {
    const token = input.hubToken ?? savedHubTokenFor(before, hub);
    if (token === null) {
      return fail('invalid-config', secretOf(before?.['hub'], 'token') !== null
        ? "hub.token: the hub's address changed: type its token again (a saved token goes only to the hub it was saved for)"
        : 'hub.token: type the token "okno hub" gave this device');
    }
    json['hub'] = { ...hub, token };
  }
  const pinHash = newPinHash ?? secretOf(before?.['technician'], 'pinHash');
  if (pinHash === null) return fail('invalid-config', 'technician.pinHash: set a PIN: without one, technician mode could never be opened again');
  json['technician'] = { ...(isObject(json['technician']) ? json['technician'] : {}), pinHash };

  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(json)]);
  const sections = [...keys].filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(json[key])).sort();
  return ok({
    json,
    sections,
    pinChanged: newPinHash !== null,
    tokenChanged: input.syncToken !== null && input.syncToken !== secretOf(before?.['sync'], 'token'),
  });
}
