import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionTestView, PrintTestOutcome } from '../../../../shared/technicianApi.ts';
import { createI18n } from '../../../../renderer/common/i18n.ts';
import { messageLines } from '../../../../renderer/technician/call.ts';
import { connectionPhrases, printOutcomePhrase } from '../../../../renderer/technician/wizard/phrases.ts';
import { STEP_NAMES } from '../../../../renderer/technician/wizard/wizardSteps.ts';

const ru = createI18n('ru');
const en = createI18n('en');
const exists = (key: string) => [ru, en].every((i18n) => i18n.exists(key, { fallbackLng: false }) || i18n.exists(`${key}_one`, { fallbackLng: false }));

const OUTCOMES: PrintTestOutcome[] = ['printed', 'paper-out', 'cover-open', 'offline', 'no-answer', 'open-failed', 'write-failed'];

const connection = (extra: Partial<ConnectionTestView>): ConnectionTestView => ({
  health: 'ok',
  auth: 'ok',
  collectorDeviceId: null,
  latencyMs: 42.4,
  detail: null,
  ...extra,
});

describe('print test outcomes in plain language', () => {
  it.each(OUTCOMES)('%s has words in both languages, and only "printed" is good news', (outcome) => {
    const phrase = printOutcomePhrase(outcome);
    expect(exists(phrase.key), phrase.key).toBe(true);
    expect(phrase.tone).toBe(outcome === 'printed' ? 'good' : 'bad');
  });

  it('says what the technician must do about the paper', () => {
    expect(ru.t(printOutcomePhrase('paper-out').key)).toBe('Нет бумаги');
    expect(en.t(printOutcomePhrase('cover-open').key)).toBe('The cover is open');
  });
});

describe('connection test in plain language', () => {
  it('all good: the collector answers, the token is accepted, the latency', () => {
    expect(connectionPhrases(connection({}), 'mfc-w05').map((p) => p.tone)).toEqual(['good', 'good', 'info']);
    const lines = connectionPhrases(connection({}), 'mfc-w05').map((p) => en.t(p.key, { ...p.values }));
    expect(lines).toEqual(['The collector answers', 'The token is accepted', 'Response time: 42 ms']);
  });

  it('a token of another device names both devices', () => {
    const phrases = connectionPhrases(connection({ auth: 'other-device', collectorDeviceId: 'mfc-w06' }), 'mfc-w05');
    expect(phrases[1]?.tone).toBe('bad');
    expect(ru.t(phrases[1]!.key, { ...phrases[1]!.values })).toBe('Токен принадлежит другому устройству: mfc-w06 (а это mfc-w05)');
  });

  it('an unreachable collector, token not checked, no latency', () => {
    const phrases = connectionPhrases(connection({ health: 'unreachable', auth: 'not-checked', latencyMs: null }), 'x');
    expect(phrases.map((p) => [p.key, p.tone])).toEqual([
      ['technician.sync.health.unreachable', 'bad'],
      ['technician.sync.auth.not-checked', 'info'],
    ]);
  });

  it.each(['ok', 'unreachable', 'bad-answer'] as const)('health %s has words', (health) => {
    expect(exists(connectionPhrases(connection({ health }), 'x')[0]!.key)).toBe(true);
  });

  it.each(['ok', 'refused', 'other-device', 'not-supported', 'not-checked'] as const)('auth %s has words', (auth) => {
    const phrase = connectionPhrases(connection({ auth }), 'x')[1]!;
    expect(exists(phrase.key)).toBe(true);
    expect(phrase.tone).toBe(auth === 'ok' ? 'good' : auth === 'refused' || auth === 'other-device' ? 'bad' : 'info');
  });
});

describe('invalid-config messages', () => {
  it('are shown one field per line', () => {
    expect(messageLines('device.id: lower-case letters\n\n queue.services: a ticket dispenser needs a service \r\n')).toEqual([
      'device.id: lower-case letters',
      'queue.services: a ticket dispenser needs a service',
    ]);
  });
});

/** Every .ts/.tsx file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('technician screens have words for every key they use', () => {
  const root = join(import.meta.dirname, '..', '..', '..', '..', 'renderer');
  const literal = [...new Set(sources(root).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(technician\.[A-Za-z0-9_.-]+)'/g)].map((m) => m[1]!)))];

  it('finds the keys in the sources', () => {
    expect(literal.length).toBeGreaterThan(150);
  });

  it('every literal key exists in ru and en', () => {
    expect(literal.filter((key) => !exists(key))).toEqual([]);
  });

  it('every key built from a value exists in ru and en', () => {
    const built = [
      ...STEP_NAMES.map((step) => `technician.wizard.steps.${step}`),
      ...['connecting', 'connected', 'waiting', 'error', 'stopped'].map((state) => `technician.buttons.state.${state}`),
      ...['behind', 'ahead', 'in-step'].map((direction) => `technician.diagnostics.clock.${direction}`),
      ...['storage-unavailable', 'printer-fault'].map((problem) => `technician.home.problem.${problem}`),
      ...['latin', 'cyrillic', 'digits'].flatMap((layout) => [`technician.keyboard.layouts.${layout}`, `technician.keyboard.layoutShort.${layout}`]),
      ...['rating', 'tickets'].map((mode) => `technician.mode.${mode}`),
      ...['buttons', 'printer'].map((name) => `technician.ports.none.${name}`),
      ...['b', 'kb', 'mb', 'gb'].map((unit) => `technician.units.${unit}`),
      ...[
        'deviceId',
        'office',
        'window',
        'timezone',
        'buttonsPath',
        'printerPath',
        'noServices',
        'serviceId',
        'serviceDuplicate',
        'servicePrefix',
        'serviceName',
        'serviceRange',
        'serviceOverlap',
        'syncEndpoint',
        'syncToken',
        'pinFormat',
        'pinMismatch',
      ].map((problem) => `technician.problem.${problem}`),
    ];
    expect(built.filter((key) => !exists(key))).toEqual([]);
  });

  it('wrong-PIN and lock messages read right', () => {
    expect(ru.t('technician.pin.wrong', { count: 1 })).toBe('Неверный PIN. Осталась 1 попытка');
    expect(ru.t('technician.pin.wrong', { count: 3 })).toBe('Неверный PIN. Осталось 3 попытки');
    expect(ru.t('technician.pin.wrong', { count: 0 })).toBe('Неверный PIN. Осталось 0 попыток');
    expect(en.t('technician.pin.wrong', { count: 2 })).toBe('Wrong PIN, 2 attempts left');
    expect(en.t('technician.pin.locked', { time: '14:05' })).toBe('Too many wrong PINs. Locked until 14:05');
  });
});
