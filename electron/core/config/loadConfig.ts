import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { configSchema, type Config, type ConfigInput } from '../../../shared/config.ts';

/** An invalid config file. `issues` names every bad field by its path, e.g. `rating.scale`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly source: string;
  readonly issues: readonly string[];
  constructor(source: string, issues: readonly string[]) {
    super(`config ${source} is invalid:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.source = source;
    this.issues = issues;
  }
}

/** One bad field as a line of ConfigError: `rating.scale: …` (also the hub's config, electron/hub/hubConfigFile.ts). */
export const describeIssue = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  return `${path}: ${issue.message}`;
};

export function parseConfig(input: unknown, source: string): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(source, result.error.issues.map(describeIssue));
  return result.data;
}

export function loadConfigFile(path: string): Config {
  return parseConfig(readConfigJson(path), path);
}

/** The file's JSON, or a ConfigError that says why it cannot be read (shared by the device's and the hub's config). */
export function readConfigJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`(file): cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`(file): not valid JSON: ${(error as Error).message}`]);
  }
  return json;
}

/** The built-in demo: what `okno serve` runs without --config, so a newcomer sees it work. */
export const DEMO_CONFIG: ConfigInput = {
  device: { id: 'demo-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating' },
  ui: { locale: 'ru', locales: ['ru', 'en'] },
  rating: { scale: 5, cooldownSeconds: 10, thanksSeconds: 4 },
};

/** The built-in ticket dispenser demo (`okno demo --mode tickets`): a hall of a Moscow service centre. */
export const DEMO_TICKETS_CONFIG: ConfigInput = {
  device: { id: 'demo-hall-1', office: 'МФЦ района Тверской', window: 'зал 1', mode: 'tickets' },
  ui: { locale: 'ru', locales: ['ru', 'en'] },
  queue: {
    hint: { ru: 'Ожидайте вызова на табло в зале', en: 'Wait for your number on the hall display' },
    groups: [
      { id: 'passports', name: { ru: 'Паспорта', en: 'Passports' } },
      { id: 'social', name: { ru: 'Социальные услуги', en: 'Social services' } },
    ],
    services: [
      { id: 'passport', prefix: 'П', range: [1, 499], group: 'passports', name: { ru: 'Паспорт гражданина РФ', en: 'Russian passport' }, bring: { ru: 'Старый паспорт, 2 фото', en: 'Old passport, 2 photos' } },
      { id: 'foreign-passport', prefix: 'З', range: [1, 299], group: 'passports', name: { ru: 'Заграничный паспорт', en: 'Passport for travel abroad' }, bring: { ru: 'Паспорт, квитанция об оплате', en: 'Passport, payment receipt' } },
      { id: 'snils', prefix: 'С', range: [1, 299], group: 'social', name: { ru: 'СНИЛС', en: 'Pension insurance number (SNILS)' }, bring: { ru: 'Паспорт', en: 'Passport' } },
      { id: 'benefits', prefix: 'Д', range: [1, 199], group: 'social', dailyLimit: 50, name: { ru: 'Детские пособия', en: 'Child benefits' }, bring: { ru: 'Паспорт, свидетельство о рождении', en: 'Passport, birth certificate' } },
      { id: 'consultation', prefix: 'К', range: [1, 499], name: { ru: 'Консультация', en: 'Consultation' }, bring: { ru: 'Ничего не нужно', en: 'Nothing needed' } },
    ],
  },
};
