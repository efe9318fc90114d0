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

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  return `${path}: ${issue.message}`;
};

export function parseConfig(input: unknown, source: string): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(source, result.error.issues.map(describeIssue));
  return result.data;
}

export function loadConfigFile(path: string): Config {
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
  return parseConfig(json, path);
}

/** The built-in demo: what `okno serve` runs without --config, so a newcomer sees it work. */
export const DEMO_CONFIG: ConfigInput = {
  device: { id: 'demo-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating', timezone: 'Europe/Moscow' },
  ui: { locale: 'ru', locales: ['ru', 'en'] },
  rating: { scale: 5, cooldownSeconds: 10, thanksSeconds: 4 },
};
