import type { PublicConfig, SaveSettingsInput, SettingsView } from '../../../shared/technicianApi.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';

/**
 * The config as technician mode sees it: secrets out on the way to the screen, back in on the way
 * to the file. The renderer never gets the sync token or the PIN hash, only "set" / "not set".
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const without = (section: unknown, key: string): Json | undefined => {
  if (!isObject(section)) return undefined;
  const { [key]: _secret, ...rest } = section;
  return rest;
};

/** The config file's JSON without its secrets. */
export function publicConfig(json: Json): PublicConfig {
  const { sync, technician, ...rest } = json;
  const publicSync = without(sync, 'token');
  const publicTechnician = without(technician, 'pinHash');
  return {
    ...rest,
    ...(publicSync ? { sync: publicSync } : {}),
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
 * The edited config with the secrets put back: a new token or PIN hash when the technician gave
 * one, else the ones saved. Secrets inside `config` are refused: they travel only in their own fields.
 */
export function mergeSettings(before: Json | null, input: SaveSettingsInput, newPinHash: string | null): Result<MergedSettings> {
  const edited = input.config;
  if (isObject(edited['sync']) && 'token' in edited['sync']) return fail('invalid-input', 'sync.token: send a new token in "syncToken", not inside the config');
  if (isObject(edited['technician']) && 'pinHash' in edited['technician']) return fail('invalid-input', 'technician.pinHash: send a new PIN in "pin", not inside the config');

  const json: Json = structuredClone(edited);
  if (isObject(json['sync'])) {
    const token = input.syncToken ?? secretOf(before?.['sync'], 'token');
    if (token !== null) json['sync'] = { ...json['sync'], token };
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
