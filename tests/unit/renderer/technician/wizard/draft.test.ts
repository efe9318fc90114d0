import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../../../shared/config.ts';
import type { PublicConfig } from '../../../../../shared/technicianApi.ts';
import {
  addService,
  buildConfig,
  DEVICE_ID,
  deviceIdChange,
  draftFromConfig,
  isEndpoint,
  pinToSave,
  problemsOf,
  removeService,
  tokenToSave,
  unlearnedButtons,
  updateService,
  withLearned,
  type DraftContext,
  type WizardDraft,
} from '../../../../../renderer/technician/wizard/draft.ts';
import { keepStep, wizardSteps } from '../../../../../renderer/technician/wizard/wizardSteps.ts';

const FIRST_RUN: DraftContext = { firstRun: true, pinSaved: false, tokenSaved: false };
const LATER: DraftContext = { firstRun: false, pinSaved: true, tokenSaved: true };
const PIN_HASH = `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;

/** What the core does before writing the file: secrets back in, then the file's own schema. */
function saved(config: PublicConfig, token = 'device-token') {
  const json = structuredClone(config) as Record<string, unknown> & { sync?: Record<string, unknown>; technician?: Record<string, unknown> };
  if (json.sync) json.sync = { ...json.sync, token };
  json.technician = { ...json.technician, pinHash: PIN_HASH };
  return configSchema.safeParse(json);
}

const filled = (draft: WizardDraft, patch: Partial<WizardDraft> = {}): WizardDraft => ({
  ...draft,
  device: { ...draft.device, id: 'mfc-tverskoy-w05', office: 'МФЦ района Тверской', window: '5' },
  pin: { change: false, first: '2580', again: '2580' },
  ...patch,
});

const loaded: PublicConfig = {
  device: { id: 'mfc-w07', office: 'МФЦ', window: '7', mode: 'tickets', timezone: 'Asia/Yekaterinburg' },
  ui: { locale: 'en', locales: ['ru', 'en'] },
  rating: { scale: 4, followUp: { enabled: false } },
  printer: { path: '/dev/usb/lp0', baudRate: 9600, columns: 32, statusTimeoutMs: 800 },
  sync: { endpoint: 'https://collector.example/', intervalSeconds: 60 },
  queue: {
    services: [
      { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' }, bring: { ru: 'Паспорт' }, hours: [{ days: ['mon'], from: '09:00', to: '18:00' }] },
    ],
    hint: { ru: 'Ожидайте вызова' },
    ticketSeconds: 20,
  },
  technician: { idleSeconds: 300 },
};

describe('the wizard steps', () => {
  it('a rating terminal: no printer, no services', () => {
    expect(wizardSteps('rating')).toEqual(['mode', 'device', 'buttons', 'hub', 'sync', 'pin', 'review']);
  });

  it('a ticket dispenser: printer and services, buttons still possible (service button)', () => {
    expect(wizardSteps('tickets')).toEqual(['mode', 'device', 'printer', 'services', 'buttons', 'hub', 'sync', 'pin', 'review']);
  });

  it('switching the mode keeps the step, or the nearest before it', () => {
    expect(keepStep('device', 'rating')).toBe('device');
    expect(keepStep('services', 'rating')).toBe('device');
    expect(keepStep('printer', 'rating')).toBe('device');
    expect(keepStep('buttons', 'tickets')).toBe('buttons');
  });

  it("an operator's console and a hall board: no box, printer or services (the hub has the services)", () => {
    expect(wizardSteps('operator')).toEqual(['mode', 'device', 'hub', 'sync', 'pin', 'review']);
    expect(wizardSteps('hall')).toEqual(['mode', 'device', 'hub', 'sync', 'pin', 'review']);
    expect(keepStep('buttons', 'operator')).toBe('device');
    expect(keepStep('services', 'hall')).toBe('device');
    expect(keepStep('sync', 'hall')).toBe('sync');
  });
});

describe('the first run draft', () => {
  const draft = draftFromConfig(null);

  it('starts from sensible defaults', () => {
    expect(draft.mode).toBe('rating');
    expect(draft.device.timezone).toBe('Europe/Moscow');
    expect(draft.locale).toBe('ru');
    expect(draft.scale).toBe(5);
    expect(draft.buttons.path).toBeNull();
    expect(draft.printer.path).toBeNull();
    expect(draft.services).toEqual([]);
    expect(draft.sync).toEqual({ endpoint: '', newToken: '' });
  });

  it('builds a config the file schema accepts, with the defaults the brief names', () => {
    const config = buildConfig(filled(draft));
    expect(config.ui).toEqual({ locale: 'ru', locales: ['ru', 'en'] });
    expect(config.device).toEqual({ id: 'mfc-tverskoy-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating', timezone: 'Europe/Moscow' });
    expect(config).not.toHaveProperty('buttons');
    expect(config).not.toHaveProperty('printer');
    expect(config).not.toHaveProperty('sync');
    expect(config).not.toHaveProperty('queue');
    const parsed = saved(config);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('must set a PIN, typed twice, 4 to 8 digits', () => {
    const base = filled(draft);
    expect(problemsOf('pin', { ...base, pin: { change: false, first: '', again: '' } }, FIRST_RUN).map((p) => p.key)).toEqual(['pinFormat']);
    expect(problemsOf('pin', { ...base, pin: { change: false, first: '2580', again: '2581' } }, FIRST_RUN).map((p) => p.key)).toEqual(['pinMismatch']);
    expect(problemsOf('pin', base, FIRST_RUN)).toEqual([]);
    expect(pinToSave(base, FIRST_RUN)).toBe('2580');
  });

  it('refuses a bad device id, an empty office and an empty window', () => {
    const bad = { ...draft, device: { ...draft.device, id: 'МФЦ 5', office: ' ', window: '' } };
    expect(problemsOf('device', bad, FIRST_RUN).map((p) => p.key)).toEqual(['deviceId', 'office', 'window']);
    expect(problemsOf('device', filled(draft), FIRST_RUN)).toEqual([]);
  });

  it('the device id rule is the config’s', () => {
    for (const id of ['mfc-w05', 'a', 'x.y_z-1', 'Mfc', '-mfc', 'mfc w05', 'a'.repeat(64), 'a'.repeat(65)]) {
      const config = buildConfig(filled(draft, { device: { ...draft.device, id, office: 'o', window: '1' } }));
      expect(DEVICE_ID.test(id), id).toBe(saved(config).success);
    }
  });

  it('review collects the problems of every step of the mode', () => {
    const tickets: WizardDraft = { ...draft, mode: 'tickets' };
    const keys = problemsOf('review', tickets, FIRST_RUN).map((p) => `${p.step}:${p.key}`);
    expect(keys).toEqual(['device:deviceId', 'device:office', 'device:window', 'services:noServices', 'pin:pinFormat']);
  });
});

describe('a loaded config', () => {
  const draft = draftFromConfig(loaded);

  it('fills the draft from it', () => {
    expect(draft.mode).toBe('tickets');
    expect(draft.scale).toBe(4);
    expect(draft.device.timezone).toBe('Asia/Yekaterinburg');
    expect(draft.locale).toBe('en');
    expect(draft.printer).toEqual({ path: '/dev/usb/lp0', columns: 32, baudRate: 9600 });
    expect(draft.services.map((row) => [row.id, row.prefix, row.nameRu, row.nameEn, row.from, row.to])).toEqual([['passport', 'П', 'Паспорт', 'Passport', '1', '499']]);
    expect(draft.sync.endpoint).toBe('https://collector.example/');
    // Never prefilled: the renderer has no token.
    expect(draft.sync.newToken).toBe('');
  });

  it('saved unchanged, it is the same config', () => {
    expect(buildConfig(draft)).toEqual(loaded);
    expect(saved(buildConfig(draft)).success).toBe(true);
  });

  it('keeps every key the wizard does not show', () => {
    const edited = updateService({ ...draft, device: { ...draft.device, window: '8' } }, draft.services[0]!.key, { nameEn: '', to: '299' });
    const config = buildConfig(edited);
    expect(config.rating).toEqual({ scale: 4, followUp: { enabled: false } });
    expect(config.printer?.statusTimeoutMs).toBe(800);
    expect(config.sync).toEqual({ endpoint: 'https://collector.example/', intervalSeconds: 60 });
    expect(config.technician).toEqual({ idleSeconds: 300 });
    expect(config.queue?.hint).toEqual({ ru: 'Ожидайте вызова' });
    expect(config.queue?.ticketSeconds).toBe(20);
    expect(config.queue?.services?.[0]).toEqual({
      id: 'passport',
      prefix: 'П',
      range: [1, 299],
      name: { ru: 'Паспорт' },
      bring: { ru: 'Паспорт' },
      hours: [{ days: ['mon'], from: '09:00', to: '18:00' }],
    });
    expect(config.device.window).toBe('8');
    expect(saved(config).success).toBe(true);
  });

  it('"none" removes a device and an empty address removes sync', () => {
    const config = buildConfig({ ...draft, printer: { ...draft.printer, path: null }, sync: { endpoint: ' ', newToken: '' } });
    expect(config).not.toHaveProperty('printer');
    expect(config).not.toHaveProperty('sync');
  });

  it('a new language is added to the offered ones', () => {
    const config = buildConfig({ ...draftFromConfig({ ...loaded, ui: { locale: 'en', locales: ['en'] } }), locale: 'ru' });
    expect(config.ui).toEqual({ locale: 'ru', locales: ['en', 'ru'] });
  });

  it('keeps the PIN and the token unless new ones are typed', () => {
    expect(pinToSave(draft, LATER)).toBeNull();
    expect(tokenToSave(draft)).toBeNull();
    const changed = { ...draft, pin: { change: true, first: '13579', again: '13579' }, sync: { ...draft.sync, newToken: '  new-token ' } };
    expect(pinToSave(changed, LATER)).toBe('13579');
    expect(tokenToSave(changed)).toBe('new-token');
    expect(problemsOf('pin', { ...changed, pin: { change: true, first: '13579', again: '' } }, LATER).map((p) => p.key)).toEqual(['pinMismatch']);
    // Choosing "keep" is fine without typing anything.
    expect(problemsOf('pin', draft, LATER)).toEqual([]);
  });

  it('a config without a PIN (written by hand) must get one', () => {
    const noPin: DraftContext = { firstRun: false, pinSaved: false, tokenSaved: true };
    expect(problemsOf('pin', draft, noPin).map((p) => p.key)).toEqual(['pinFormat']);
  });
});

describe('the button box', () => {
  const draft = filled(draftFromConfig(null));

  it('keymap learning fills the draft, and the saved config keeps it', () => {
    const chosen: WizardDraft = { ...draft, scale: 3, buttons: { ...draft.buttons, path: '/dev/ttyUSB0', protocol: 'keymap' } };
    expect(unlearnedButtons(chosen)).toEqual([1, 2, 3]);
    const learned = withLearned(withLearned(chosen, 1, '1b5b41'), 3, '1b5b43');
    expect(unlearnedButtons(learned)).toEqual([2]);
    const config = buildConfig({ ...learned, buttons: { ...learned.buttons, serviceButton: 9 } });
    expect(config.buttons).toEqual({ path: '/dev/ttyUSB0', protocol: 'keymap', baudRate: 9600, keymap: { '1': '1b5b41', '3': '1b5b43' }, serviceButton: 9 });
    expect(saved(config).success).toBe(true);
  });

  it('"auto" and no service button', () => {
    const withService = draftFromConfig({ device: { id: 'a', office: 'o', window: '1' }, buttons: { path: '/dev/ttyACM0', serviceButton: 6, usb: [{ vendorId: '2341', productId: '0043' }] } });
    const config = buildConfig({ ...withService, buttons: { ...withService.buttons, path: 'auto', serviceButton: null } });
    expect(config.buttons).toEqual({ path: 'auto', protocol: 'okno-buttons/1', baudRate: 9600, keymap: {}, usb: [{ vendorId: '2341', productId: '0043' }] });
  });

  it('a path typed by hand must not be empty', () => {
    expect(problemsOf('buttons', { ...draft, buttons: { ...draft.buttons, path: ' ' } }, FIRST_RUN).map((p) => p.key)).toEqual(['buttonsPath']);
    expect(problemsOf('buttons', draft, FIRST_RUN)).toEqual([]);
  });
});

describe('services', () => {
  const tickets: WizardDraft = { ...filled(draftFromConfig(null)), mode: 'tickets' };

  it('a ticket dispenser needs one', () => {
    expect(problemsOf('services', tickets, FIRST_RUN).map((p) => p.key)).toEqual(['noServices']);
  });

  it('are added, edited and removed, and saved as the schema wants them', () => {
    let draft = addService(addService(tickets));
    const [first, second] = draft.services;
    expect(first!.key).not.toBe(second!.key);
    draft = updateService(draft, first!.key, { id: 'passport', prefix: 'П', nameRu: 'Паспорт', from: '1', to: '499' });
    draft = updateService(draft, second!.key, { id: 'snils', prefix: 'С', nameEn: 'SNILS', from: '1', to: '99' });
    expect(problemsOf('services', draft, FIRST_RUN)).toEqual([]);
    const config = buildConfig(draft);
    expect(config.queue).toEqual({
      services: [
        { id: 'passport', prefix: 'П', name: { ru: 'Паспорт' }, range: [1, 499] },
        { id: 'snils', prefix: 'С', name: { en: 'SNILS' }, range: [1, 99] },
      ],
    });
    expect(saved(config).success).toBe(true);
    expect(removeService(draft, first!.key).services.map((row) => row.id)).toEqual(['snils']);
  });

  it('name the row of each problem', () => {
    let draft = addService(addService(addService(tickets)));
    const [a, b, c] = draft.services.map((row) => row.key);
    draft = updateService(draft, a!, { id: 'passport', prefix: 'П', nameRu: 'Паспорт', from: '1', to: '499' });
    draft = updateService(draft, b!, { id: 'passport', prefix: 'ПАСП', nameRu: '', from: '20', to: '10' });
    draft = updateService(draft, c!, { id: 'Foreign', prefix: 'П', nameEn: 'Foreign', from: '400', to: '10000' });
    const problems = problemsOf('services', draft, FIRST_RUN).map((p) => `${p.key}:${JSON.stringify(p.values)}`);
    expect(problems).toEqual([
      'serviceDuplicate:{"n":2,"id":"passport"}',
      'servicePrefix:{"n":2}',
      'serviceName:{"n":2}',
      'serviceRange:{"n":2}',
      'serviceId:{"n":3}',
      'serviceRange:{"n":3}',
    ]);
    draft = updateService(draft, c!, { id: 'foreign', to: '999' });
    expect(problemsOf('services', draft, FIRST_RUN).filter((p) => p.values?.['n'] === 3).map((p) => `${p.key}:${JSON.stringify(p.values)}`)).toEqual([
      'serviceOverlap:{"n":3,"other":1}',
    ]);
  });

  it('the checks agree with the config schema on ranges and prefixes', () => {
    for (const [prefix, from, to] of [
      ['П', '0', '9999'],
      ['ПАС', '5', '5'],
      ['', '1', '2'],
      ['ABCD', '1', '2'],
      ['П', '3', '2'],
      ['П', '-1', '2'],
      ['П', '1.5', '2'],
      ['П', '1', '10000'],
    ] as const) {
      const draft = updateService(addService(tickets), 1, { id: 'x', prefix, nameRu: 'Икс', from, to });
      const wizardSays = problemsOf('services', draft, FIRST_RUN).length === 0;
      const schemaSays = saved(buildConfig(draft)).success;
      expect(wizardSays, `${prefix} ${from}–${to}`).toBe(schemaSays);
    }
  });
});

describe('sync', () => {
  const draft = filled(draftFromConfig(null));

  it('the address must be https, or http to this machine', () => {
    expect(isEndpoint('https://collector.example/')).toBe(true);
    expect(isEndpoint('http://127.0.0.1:8080/')).toBe(true);
    expect(isEndpoint('http://localhost/')).toBe(true);
    expect(isEndpoint('http://collector.example/')).toBe(false);
    expect(isEndpoint('ftp://collector.example/')).toBe(false);
    expect(isEndpoint('collector.example')).toBe(false);
  });

  it('needs a token: the saved one or a new one', () => {
    const withEndpoint = { ...draft, sync: { endpoint: 'https://collector.example/', newToken: '' } };
    expect(problemsOf('sync', withEndpoint, FIRST_RUN).map((p) => p.key)).toEqual(['syncToken']);
    expect(problemsOf('sync', withEndpoint, LATER)).toEqual([]);
    expect(problemsOf('sync', { ...withEndpoint, sync: { ...withEndpoint.sync, newToken: 't0k3n' } }, FIRST_RUN)).toEqual([]);
    expect(problemsOf('sync', { ...withEndpoint, sync: { endpoint: 'http://collector.example/', newToken: 't' } }, FIRST_RUN).map((p) => p.key)).toEqual(['syncEndpoint']);
    expect(problemsOf('sync', draft, FIRST_RUN)).toEqual([]);
  });

  it('the saved config carries the endpoint, never a token', () => {
    const config = buildConfig({ ...draft, sync: { endpoint: ' https://collector.example/ ', newToken: 'secret' } });
    expect(config.sync).toEqual({ endpoint: 'https://collector.example/' });
    expect(JSON.stringify(config)).not.toContain('secret');
    expect(saved(config).success).toBe(true);
  });
});

describe('a device id that changes', () => {
  const config: PublicConfig = { device: { id: 'mfc-w05', office: 'МФЦ', window: '5' } };
  it('is named, from and to, on a device already set up', () => {
    const draft = draftFromConfig(config);
    expect(deviceIdChange(config, draft)).toBeNull();
    expect(deviceIdChange(config, { ...draft, device: { ...draft.device, id: ' mfc-w06 ' } })).toEqual({ from: 'mfc-w05', to: 'mfc-w06' });
  });
  it('is nothing on the first run or while the field is empty', () => {
    const draft = draftFromConfig(null);
    expect(deviceIdChange(null, { ...draft, device: { ...draft.device, id: 'mfc-w06' } })).toBeNull();
    expect(deviceIdChange(config, { ...draft, device: { ...draft.device, id: '' } })).toBeNull();
  });
});
