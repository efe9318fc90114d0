import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configSchema, syncSchema } from '../../../../../shared/config.ts';
import type { PublicConfig } from '../../../../../shared/technicianApi.ts';
import {
  addService,
  buildConfig,
  deviceIdChange,
  draftFromConfig,
  isEndpoint,
  needsTokenAgain,
  pinToSave,
  problemsOf,
  sameEndpoint,
  tokenToSave,
  unlearnedButtons,
  updateService,
  withLearned,
  type DraftContext,
  type WizardDraft,
} from '../../../../../renderer/technician/wizard/draft.ts';
import { wizardSteps } from '../../../../../renderer/technician/wizard/wizardSteps.ts';

/**
 * The wizard's draft is the config's rules without zod (the page does not load it). Whatever the
 * technician types, no draft function throws, and a draft the wizard lets through is one the
 * config's own schema accepts: the save never surprises the technician with a refusal.
 */

const PIN_HASH = `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;

/** What the core does before writing the file: secrets back in, then the file's own schema. */
function saved(config: PublicConfig) {
  const json = structuredClone(config) as Record<string, unknown> & { sync?: Record<string, unknown>; technician?: Record<string, unknown> };
  if (json.sync) json.sync = { ...json.sync, token: 'device-token' };
  json.technician = { ...json.technician, pinHash: PIN_HASH };
  return configSchema.safeParse(json);
}

/** What a technician (or a cat on the on-screen keyboard) types: near-valid text and anything at all. */
const typed = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,70}$/),
  fc.constantFrom('', ' ', '  x  ', 'П', 'Окно 5', 'a'.repeat(201), '0', '9999', '10000', ' 12 ', '-1', '1e3', '0x10', '١٢', 'NaN'),
);
const endpointText = fc.oneof(
  typed,
  fc.constantFrom('https://collector.example/', ' https://collector.example/okno ', 'http://127.0.0.1:8080/', 'http://localhost/', 'http://[::1]/', 'http://collector.example/', 'collector.example.org', 'https://', 'http://[', '//x:99999/', 'https://collector example/', 'HTTPS://Collector.Example'),
  fc.webUrl(),
);

const SAVED_CONFIG: PublicConfig = {
  device: { id: 'mfc-w07', office: 'МФЦ', window: '7', mode: 'tickets', timezone: 'Asia/Yekaterinburg' },
  sync: { endpoint: 'https://collector.example/okno/' },
  queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт' } }] },
};

const context = fc.record<DraftContext>({ firstRun: fc.boolean(), pinSaved: fc.boolean(), tokenSaved: fc.boolean() });

const draft: fc.Arbitrary<WizardDraft> = fc
  .record({
    base: fc.constantFrom<PublicConfig | null>(null, SAVED_CONFIG),
    mode: fc.constantFrom('rating' as const, 'tickets' as const),
    id: typed,
    office: typed,
    window: typed,
    endpoint: endpointText,
    newToken: typed,
    pin: fc.tuple(typed, typed, fc.boolean()),
    services: fc.array(fc.record({ id: typed, prefix: typed, nameRu: typed, nameEn: typed, from: typed, to: typed }), { maxLength: 3 }),
    buttons: fc.option(typed, { nil: null }),
    printer: fc.option(typed, { nil: null }),
    keymap: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.stringMatching(/^([0-9a-f]{2}){1,4}$/)), { maxLength: 3 }),
  })
  .map((picked) => {
    let built: WizardDraft = draftFromConfig(picked.base);
    built = {
      ...built,
      mode: picked.mode,
      device: { ...built.device, id: picked.id, office: picked.office, window: picked.window },
      sync: { endpoint: picked.endpoint, newToken: picked.newToken },
      pin: { first: picked.pin[0], again: picked.pin[2] ? picked.pin[0] : picked.pin[1], change: picked.pin[2] },
      buttons: { ...built.buttons, path: picked.buttons },
      printer: { ...built.printer, path: picked.printer },
      services: [],
    };
    for (const row of picked.services) {
      built = addService(built);
      built = updateService(built, built.services[built.services.length - 1]!.key, row);
    }
    for (const [button, sequence] of picked.keymap) built = withLearned(built, button, sequence);
    return built;
  });

describe('the wizard draft under any typing', () => {
  it('no draft function throws, whatever was typed', () => {
    fc.assert(
      fc.property(draft, context, endpointText, (each, ctx, other) => {
        for (const step of [...wizardSteps(each.mode), 'review' as const]) problemsOf(step, each, ctx);
        buildConfig(each);
        isEndpoint(each.sync.endpoint);
        sameEndpoint(each.sync.endpoint, other);
        needsTokenAgain(each, ctx);
        deviceIdChange(each.base, each);
        pinToSave(each, ctx);
        tokenToSave(each);
        unlearnedButtons(each);
      }),
      { numRuns: 400 },
    );
  });

  it('the endpoint rule is the config’s, for any text', () => {
    fc.assert(
      fc.property(endpointText, (text) => {
        expect(isEndpoint(text), JSON.stringify(text)).toBe(syncSchema.shape.endpoint.safeParse(text.trim()).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('a draft the wizard lets through is a config the schema accepts', () => {
    fc.assert(
      fc.property(draft, context, (each, ctx) => {
        if (problemsOf('review', each, ctx).length > 0) return;
        const result = saved(buildConfig(each));
        expect(result.error?.issues ?? [], JSON.stringify(buildConfig(each))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('switched from ticket dispenser to rating terminal, what was half-typed on the hidden steps is not saved (found by the property above)', () => {
    const ctx: DraftContext = { firstRun: true, pinSaved: false, tokenSaved: false };
    let each = draftFromConfig(null);
    each = { ...each, mode: 'tickets', device: { ...each.device, id: 'mfc-w05', office: 'МФЦ', window: '5' }, printer: { ...each.printer, path: '' }, pin: { change: false, first: '2580', again: '2580' } };
    each = addService(each);
    expect(problemsOf('review', each, ctx).map((problem) => problem.key)).toEqual(expect.arrayContaining(['printerPath', 'serviceId']));
    const rating = { ...each, mode: 'rating' as const };
    expect(problemsOf('review', rating, ctx)).toEqual([]);
    expect(buildConfig(rating)).not.toHaveProperty('printer');
    expect(buildConfig(rating)).not.toHaveProperty('queue');
    expect(saved(buildConfig(rating)).success).toBe(true);
    // A loaded config's sections stay as they were.
    const loaded = draftFromConfig(SAVED_CONFIG);
    expect(buildConfig({ ...loaded, mode: 'rating' }).queue).toEqual(SAVED_CONFIG.queue);
  });

  it('an endpoint typed over the saved one asks for the token again, until one is typed', () => {
    const later: DraftContext = { firstRun: false, pinSaved: true, tokenSaved: true };
    const base = draftFromConfig(SAVED_CONFIG);
    const at = (endpoint: string, newToken = ''): WizardDraft => ({ ...base, sync: { endpoint, newToken } });
    expect(problemsOf('sync', at('https://collector.example/okno'), later)).toEqual([]);
    expect(needsTokenAgain(at('https://collector.example/okno'), later)).toBe(false);
    expect(problemsOf('sync', at('https://mine.example/'), later).map((problem) => problem.key)).toEqual(['syncTokenAgain']);
    expect(needsTokenAgain(at('https://mine.example/'), later)).toBe(true);
    expect(problemsOf('sync', at('https://mine.example/', 'typed-token'), later)).toEqual([]);
    // No token saved yet: the ordinary "needs a token" problem, not "again".
    expect(problemsOf('sync', at('https://mine.example/'), { ...later, tokenSaved: false }).map((problem) => problem.key)).toEqual(['syncToken']);
    // Not a URL: the address is the problem.
    expect(problemsOf('sync', at('collector.example.org'), later).map((problem) => problem.key)).toEqual(['syncEndpoint']);
  });
});
