import { readFileSync } from 'node:fs';
import type { Config } from '../../../shared/config.ts';
import { configText, writeFileAtomically } from './installConfig.ts';
import { ConfigError, parseConfig } from './loadConfig.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Changes a config file the way a power cut cannot corrupt: the new text is validated, then written
 * with writeFileAtomically (a temporary file beside it, fsynced, renamed over the old one; the
 * previous version kept as `<file>.bak`). A kill at any moment leaves either the old or the new
 * file. Keys the change does not touch stay as the technician wrote them. A file that cannot be read
 * or is not a JSON object, and a change that would make the config invalid, throw a ConfigError
 * (every bad field listed) and leave the file as it was.
 */
export function updateConfigFile(path: string, change: (json: Record<string, unknown>) => Record<string, unknown>): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`(file): cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let before: unknown;
  try {
    before = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [`(file): not valid JSON: ${(error as Error).message}`]);
  }
  if (!isObject(before)) throw new ConfigError(path, ['(top level): expected a JSON object']);
  const after = change(structuredClone(before));
  const config = parseConfig(after, path);
  writeFileAtomically(path, configText(after));
  return config;
}
