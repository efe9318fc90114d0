import { ConfigError, describeIssue, readConfigJson } from '../core/config/loadConfig.ts';
import { hubConfigSchema, type HubConfig } from './hubConfig.ts';

/**
 * The hub's config file, checked like a device's: every bad field listed by its path in one
 * ConfigError (the command exits 78), never the first one only.
 */
export function parseHubConfig(input: unknown, source: string): HubConfig {
  const result = hubConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(source, result.error.issues.map(describeIssue));
  return result.data;
}

export function loadHubConfigFile(path: string): HubConfig {
  return parseHubConfig(readConfigJson(path), path);
}
