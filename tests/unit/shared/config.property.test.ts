import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ConfigError, parseConfig } from '../../../electron/core/config/loadConfig.ts';
import { configSchema } from '../../../shared/config.ts';

/**
 * No input can throw out of the config schema (issue #11, 8: a sync.endpoint that was not a URL threw
 * a TypeError, so provision said "cannot write", serve "Invalid URL", the wizard "could not be
 * written"), and every refusal names where it is: a path, or at the top level a message that says
 * what is wrong (the file is not an object, an unknown key).
 */

/** A config with every section and most keys set: mutations start from here, so they reach deep. */
const FULL = {
  device: { id: 'mfc-tverskoy-w05', office: 'МФЦ района Тверской', window: '5', mode: 'tickets', timezone: 'Europe/Moscow', startAtLogin: false },
  ui: { locale: 'ru', locales: ['ru', 'en'] },
  rating: { scale: 5, cooldownSeconds: 10, thanksSeconds: 4, idleSeconds: 60, followUp: { enabled: true, maxScore: 2, seconds: 20 } },
  buttons: {
    path: 'auto',
    baudRate: 9600,
    protocol: 'keymap',
    usb: [{ vendorId: '2341', productId: '0043' }],
    debounceMs: 50,
    interByteTimeoutMs: 30,
    serviceButton: 9,
    keymap: { '1': '1b5b41', '2': '1b5b42' },
  },
  printer: { path: '/dev/usb/lp0', baudRate: 19200, columns: 48, statusTimeoutMs: 400 },
  sync: { endpoint: 'https://collector.example/', token: 'secret-token', intervalSeconds: 30, timeoutSeconds: 30, backoffMinSeconds: 1, backoffMaxSeconds: 900, retentionDays: 90 },
  queue: {
    services: [
      { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' }, bring: { ru: 'Паспорт' }, group: 'docs', hours: [{ days: ['mon', 'tue'], from: '09:00', to: '18:00' }], dailyLimit: 50 },
      { id: 'snils', prefix: 'С', range: [1, 299], name: { ru: 'СНИЛС' } },
    ],
    groups: [{ id: 'docs', name: { ru: 'Документы' } }],
    hint: { ru: 'Ожидайте вызова', en: 'Wait for your number' },
    ticketSeconds: 15,
    idleSeconds: 60,
  },
  technician: { idleSeconds: 120, maxAttempts: 5, lockoutMinutes: 5 },
};

type Path = readonly (string | number)[];

/** Every path in a JSON value, the root and each container included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const here: Path[] = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsOf(item, [...at, index]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  return here;
}
const ALL_PATHS = pathsOf(FULL);
const LEAF_PATHS = ALL_PATHS.filter((path) => {
  const value = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], FULL);
  return typeof value !== 'object' || value === null;
});

/** `root` with the value at `path` replaced (or, with `remove`, deleted): copies along the path, the rest shared. */
function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  if (rest.length > 0) copy[key] = setAt(copy[key], rest, value, remove);
  else if (remove) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** Objects with keys a config never has, JSON.parse-style (`__proto__` as an own key). */
const hostileObject = fc
  .dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '1', 'token'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .map((entries) => JSON.parse(JSON.stringify(entries)) as unknown);

/** Deep nesting, as a file could hold it. */
const deep = fc.integer({ min: 50, max: 2000 }).map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown);

/** Values that are wrong in many ways: types, huge and odd numbers, NaN-ish, odd strings, hostile keys. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    5e-324,
    '',
    ' ',
    'NaN',
    'Infinity',
    '1e999',
    '0x10',
    'collector.example.org',
    'http://[',
    '//x:99999/',
    '\u0000',
    '\ud800',
    'a'.repeat(100_000),
    null,
    true,
    [],
    {},
    [[[]]],
  ),
  fc.double(),
  fc.bigInt(),
  hostileObject,
  deep,
);

/** A mutation of FULL: one value wrong, one key gone, or one extra key. */
const mutated: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(fc.constantFrom(...ALL_PATHS), wrongValue).map(([path, value]) => setAt(FULL, path, value)),
  fc.tuple(fc.constantFrom(...LEAF_PATHS), fc.string({ maxLength: 30 })).map(([path, text]) => setAt(FULL, path, text)),
  fc.constantFrom(...ALL_PATHS.filter((path) => path.length > 0)).map((path) => setAt(FULL, path, undefined, true)),
  fc
    .tuple(fc.constantFrom(...ALL_PATHS.filter((path) => path.length > 0)), wrongValue, wrongValue)
    .map(([path, first, second]) => setAt(setAt(FULL, path, first), path.slice(0, -1), second)),
  fc.tuple(fc.constantFrom(...ALL_PATHS), hostileObject).map(([path, extra]) => {
    const node = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], FULL);
    return typeof node === 'object' && node !== null && !Array.isArray(node) ? setAt(FULL, path, { ...node, ...(extra as object) }) : setAt(FULL, path, extra);
  }),
);

const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: mutated },
  { weight: 1, arbitrary: wrongValue },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true, withSparseArray: true, withTypedArray: true, withDate: true }) },
);

/** A refusal at the top level must still say what is wrong: the input is no object, or which key is unknown. */
function namesWhere(issue: z.core.$ZodIssue): boolean {
  if (issue.path.length > 0) return issue.message.length > 0;
  if (issue.code === 'unrecognized_keys') return issue.keys.length > 0 && issue.keys.every((key) => issue.message.includes(key));
  return issue.code === 'invalid_type' && /expected object/.test(issue.message);
}

describe('the config schema under any input', () => {
  it('the full config it is mutated from is valid', () => {
    expect(configSchema.safeParse(FULL).error?.issues ?? []).toEqual([]);
  });

  it('safeParse never throws, and every refusal names a path (or says at the top what is wrong)', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = configSchema.safeParse(input);
        if (result.success) return;
        expect(result.error.issues.length).toBeGreaterThan(0);
        for (const issue of result.error.issues) expect(namesWhere(issue), JSON.stringify(issue).slice(0, 300)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('parseConfig only ever refuses with a ConfigError whose every line is "path: message"', () => {
    fc.assert(
      fc.property(mutated, (input) => {
        try {
          parseConfig(input, 'fuzz.json');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          for (const line of (error as ConfigError).issues) expect(line).toMatch(/^([A-Za-z0-9_.$-]+|\(top level\)): \S/);
        }
      }),
      { numRuns: 600 },
    );
  });

  it.each(['collector.example.org', 'https://', 'http://[', '//x:99999/', '', 'https://collector example/', 'ftp://collector.example/'])('sync.endpoint %j is refused as sync.endpoint, not thrown', (endpoint) => {
    const result = configSchema.safeParse(setAt(FULL, ['sync', 'endpoint'], endpoint));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['sync.endpoint']);
  });
});
