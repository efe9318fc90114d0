import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buttonsSchema, configSchema, deviceSchema, openingHoursSchema, serviceSchema, syncSchema, technicianSchema } from '../../../shared/config.ts';
import {
  buttonsRules,
  deviceRules,
  isAllowedEndpoint,
  LOCALES,
  PAPER_COLUMNS,
  printerRules,
  queueRules,
  rangesOverlap,
  ratingRules,
  syncRules,
  technicianRules,
  uiRules,
  type Limit,
} from '../../../shared/configRules.ts';
import { pinInputSchema } from '../../../shared/requests/inputs.ts';

/**
 * shared/configRules.ts is the one place of the config's patterns, limits and defaults: the zod schema
 * (shared/config.ts) is built from it and the renderer's wizard reads it. These tests hold the schema to
 * the rules, key by key, and fail when a copy of a rule turns up again in the renderer or in shared/.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');

const DEVICE = { id: 'mfc-tverskoy-w05', office: 'МФЦ района Тверской', window: '5' };
/** The smallest config in which each section may appear (the keys a section needs to be valid). */
const SECTION_BASE: Readonly<Record<string, Record<string, unknown>>> = {
  rating: {},
  'rating.followUp': {},
  buttons: { path: '/dev/ttyUSB0' },
  printer: { path: '/dev/usb/lp0' },
  sync: { endpoint: 'https://collector.example/', token: 'secret' },
  queue: { services: [] },
  technician: {},
};
const RULES_OF_SECTION: ReadonlyArray<readonly [string, object]> = [
  ['rating', ratingRules],
  ['rating.followUp', ratingRules.followUp],
  ['buttons', buttonsRules],
  ['printer', printerRules],
  ['sync', syncRules],
  ['queue', queueRules],
  ['technician', technicianRules],
];

const isLimit = (value: unknown): value is Limit =>
  typeof value === 'object' && value !== null && 'min' in value && 'max' in value && 'default' in value;

/** Every rule with min, max and default, by the config key it governs ("sync.timeoutSeconds"). */
const LIMITS: ReadonlyArray<readonly [string, string, Limit]> = RULES_OF_SECTION.flatMap(([section, rules]) =>
  Object.entries(rules)
    .filter((entry): entry is [string, Limit] => isLimit(entry[1]))
    .map(([key, limit]) => [section, key, limit] as const),
);

/** A config with `value` at `section.key` (undefined: the key left out). */
function configWith(section: string, key: string, value: number | undefined): Record<string, unknown> {
  const [outer, inner] = section.split('.') as [string, string | undefined];
  const leaf = { ...SECTION_BASE[section], ...(value === undefined ? {} : { [key]: value }) };
  return { device: DEVICE, [outer]: inner ? { [inner]: leaf } : leaf };
}

const valueAt = (config: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, step) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined), config);

describe('the config schema is built from configRules.ts', () => {
  it('finds the limits to check', () => {
    expect(LIMITS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(LIMITS.map(([section, key, limit]) => [`${section}.${key}`, section, key, limit] as const))(
    '%s: accepts min and max, refuses just outside, and fills the default',
    (_name, section, key, limit) => {
      const accepts = (value: number): boolean => configSchema.safeParse(configWith(section, key, value)).success;
      expect(accepts(limit.min), `min ${limit.min}`).toBe(true);
      expect(accepts(limit.max), `max ${limit.max}`).toBe(true);
      expect(accepts(limit.default), `default ${limit.default}`).toBe(true);
      const below = limit.min - (limit.min > 0 ? Math.min(1, limit.min / 2) : 1);
      expect(accepts(below), `below ${below}`).toBe(false);
      expect(accepts(limit.max + 1), `above ${limit.max + 1}`).toBe(false);
      const parsed = configSchema.parse(configWith(section, key, undefined));
      expect(valueAt(parsed, [...section.split('.'), key])).toBe(limit.default);
    },
  );

  it('the defaults that are not numbers in a range', () => {
    const parsed = configSchema.parse({ device: DEVICE, buttons: { path: '/dev/ttyUSB0' }, printer: { path: '/dev/usb/lp0' } });
    expect(parsed.device.mode).toBe(deviceRules.defaultMode);
    expect(parsed.device.timezone).toBe(deviceRules.defaultTimezone);
    expect(parsed.ui.locale).toBe(uiRules.defaultLocale);
    expect(parsed.ui.locales).toEqual([...uiRules.defaultLocales]);
    expect(parsed.rating.scale).toBe(ratingRules.defaultScale);
    expect(parsed.rating.followUp.enabled).toBe(ratingRules.followUp.enabled);
    expect(parsed.buttons?.baudRate).toBe(buttonsRules.defaultBaudRate);
    expect(parsed.buttons?.protocol).toBe(buttonsRules.defaultProtocol);
    expect(parsed.printer?.baudRate).toBe(printerRules.defaultBaudRate);
    expect(parsed.printer?.columns).toBe(PAPER_COLUMNS['80']);
  });

  it('both paper widths are column counts the printer accepts', () => {
    for (const columns of Object.values(PAPER_COLUMNS)) {
      expect(configSchema.safeParse({ device: DEVICE, printer: { path: '/dev/usb/lp0', columns } }).success, String(columns)).toBe(true);
    }
  });

  it('the scales, the modes and the languages', () => {
    for (const scale of [0, 1, 2, 3, 4, 5, 6]) {
      expect(configSchema.safeParse({ device: DEVICE, rating: { scale } }).success, String(scale)).toBe((ratingRules.scales as readonly number[]).includes(scale));
    }
    // The operator's console and the hall board are modes too (issue #13); their need of a hub is the config's rule.
    for (const mode of ['rating', 'tickets', 'operator', 'hall', 'kiosk']) {
      expect(deviceSchema.safeParse({ ...DEVICE, mode }).success, mode).toBe((['rating', 'tickets', 'operator', 'hall'] as const).some((each) => each === mode));
    }
    expect(configSchema.safeParse({ device: DEVICE, ui: { locale: 'de', locales: ['de'] } }).success).toBe(false);
    for (const locale of LOCALES) expect(configSchema.safeParse({ device: DEVICE, ui: { locale, locales: [locale] } }).success, locale).toBe(true);
  });

  it('the text limits of the device', () => {
    const accepts = (patch: Record<string, string>): boolean => deviceSchema.safeParse({ ...DEVICE, ...patch }).success;
    expect(accepts({ office: 'o'.repeat(deviceRules.officeMaxLength) })).toBe(true);
    expect(accepts({ office: 'o'.repeat(deviceRules.officeMaxLength + 1) })).toBe(false);
    expect(accepts({ window: 'w'.repeat(deviceRules.windowMaxLength) })).toBe(true);
    expect(accepts({ window: 'w'.repeat(deviceRules.windowMaxLength + 1) })).toBe(false);
    expect(accepts({ id: 'a'.repeat(deviceRules.idMaxLength) })).toBe(true);
    expect(accepts({ id: 'a'.repeat(deviceRules.idMaxLength + 1) })).toBe(false);
  });

  it('the service button, the prefix and the ticket numbers', () => {
    const button = (serviceButton: number): boolean => buttonsSchema.safeParse({ path: 'auto', serviceButton }).success;
    expect([buttonsRules.serviceButton.min - 1, buttonsRules.serviceButton.min, buttonsRules.serviceButton.max, buttonsRules.serviceButton.max + 1].map(button)).toEqual([false, true, true, false]);
    const service = (patch: Record<string, unknown>): boolean =>
      serviceSchema.safeParse({ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт' }, ...patch }).success;
    expect(service({ prefix: 'П'.repeat(queueRules.prefixLength.max) })).toBe(true);
    expect(service({ prefix: 'П'.repeat(queueRules.prefixLength.max + 1) })).toBe(false);
    expect(service({ prefix: 'П'.repeat(queueRules.prefixLength.min - 1) })).toBe(false);
    expect(service({ range: [queueRules.number.min, queueRules.number.max] })).toBe(true);
    expect(service({ range: [queueRules.number.min - 1, 1] })).toBe(false);
    expect(service({ range: [1, queueRules.number.max + 1] })).toBe(false);
  });

  it('each pattern is the schema’s, for any text', () => {
    const text = fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[a-zA-Z0-9._\-$: ]{0,70}$/), fc.stringMatching(/^[0-9a-fA-F]{0,70}$/));
    const pairs: ReadonlyArray<readonly [string, RegExp, (input: string) => boolean]> = [
      ['device id', deviceRules.idPattern, (input) => deviceSchema.shape.id.safeParse(input).success],
      ['PIN', technicianRules.pinPattern, (input) => pinInputSchema.safeParse({ pin: input }).success],
      ['PIN hash', technicianRules.pinHashPattern, (input) => technicianSchema.shape.pinHash.safeParse(input).success],
      ['USB id', buttonsRules.usbIdPattern, (input) => buttonsSchema.shape.usb.safeParse([{ vendorId: input, productId: '0043' }]).success],
      ['keymap bytes', buttonsRules.keymapBytesPattern, (input) => buttonsSchema.shape.keymap.safeParse({ '1': input }).success],
      ['service id', queueRules.idPattern, (input) => serviceSchema.safeParse({ id: input, prefix: 'П', range: [1, 2], name: { ru: 'x' } }).success],
      ['clock time', queueRules.clockTimePattern, (input) => openingHoursSchema.shape.from.safeParse(input).success],
    ];
    for (const [name, pattern, schemaAccepts] of pairs) {
      fc.assert(
        fc.property(text, (input) => {
          expect(schemaAccepts(input), `${name}: ${JSON.stringify(input)}`).toBe(pattern.test(input));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('the PIN: 4 to 8 digits, the pattern built from the lengths', () => {
    expect(['123', '1234', '12345678', '123456789', '12a4'].map((pin) => technicianRules.pinPattern.test(pin))).toEqual([false, true, true, false, false]);
    expect(technicianRules.pinPattern.test('1'.repeat(technicianRules.pinMinLength))).toBe(true);
    expect(technicianRules.pinPattern.test('1'.repeat(technicianRules.pinMaxLength + 1))).toBe(false);
  });

  it('the sync endpoint: the schema accepts exactly what isAllowedEndpoint allows', () => {
    for (const endpoint of ['https://collector.example/', 'http://127.0.0.1:8080/', 'http://localhost/', 'http://[::1]:9/', 'http://collector.example/', 'ftp://x/', 'http://127.0.0.2/']) {
      expect(syncSchema.shape.endpoint.safeParse(endpoint).success, endpoint).toBe(isAllowedEndpoint(new URL(endpoint)));
    }
  });

  it('two services overlap in the schema exactly when rangesOverlap says so', () => {
    const service = (id: string, prefix: string, range: [number, number]) => ({ id, prefix, range, name: { ru: id } });
    fc.assert(
      fc.property(fc.constantFrom('А', 'Б'), fc.constantFrom('А', 'Б'), fc.nat(20), fc.nat(20), fc.nat(20), fc.nat(20), (p1, p2, a, b, c, d) => {
        const first = service('first', p1, [Math.min(a, b), Math.max(a, b)]);
        const second = service('second', p2, [Math.min(c, d), Math.max(c, d)]);
        const accepted = configSchema.safeParse({ device: { ...DEVICE, mode: 'tickets' }, queue: { services: [first, second] } }).success;
        expect(accepted).toBe(!rangesOverlap(first, second));
      }),
    );
  });
});

/** Every .ts/.tsx file under a folder, as a path from the repository root. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('no second copy of a rule', () => {
  const patterns = [deviceRules.idPattern, technicianRules.pinPattern, technicianRules.pinHashPattern, buttonsRules.usbIdPattern, buttonsRules.keymapBytesPattern, queueRules.idPattern, queueRules.clockTimePattern];
  const files = [...sources('renderer'), ...sources('shared'), ...sources('electron')].filter((file) => relative('shared', file) !== 'configRules.ts');

  it('reads the renderer, shared/ and the Node side', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(files).toContain(join('renderer', 'technician', 'wizard', 'draft.ts'));
    expect(files).toContain(join('electron', 'core', 'sync', 'protocol.ts'));
  });

  it('no file but configRules.ts writes one of its patterns or the default time zone', () => {
    const copies = files.flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return [
        ...patterns.filter((pattern) => text.includes(pattern.source)).map((pattern) => `${file}: /${pattern.source}/`),
        ...(text.includes(`'${deviceRules.defaultTimezone}'`) ? [`${file}: '${deviceRules.defaultTimezone}'`] : []),
      ];
    });
    expect(copies).toEqual([]);
  });
});
