import type { HubConfig, HubService, HubWindow } from '../hubConfig.ts';

/**
 * The config's lists by id, made once per config: `decide` looks a window up on every command, and a
 * search of 60 windows per command added up over a day (the config is parsed once and never changed;
 * a new config is a new object and gets its own index).
 */
export interface ConfigIndex {
  readonly windows: ReadonlyMap<string, HubWindow>;
  readonly services: ReadonlyMap<string, HubService>;
  readonly operators: ReadonlySet<string>;
}

const indexes = new WeakMap<HubConfig, ConfigIndex>();

export function configIndex(config: HubConfig): ConfigIndex {
  const known = indexes.get(config);
  if (known !== undefined) return known;
  const index: ConfigIndex = {
    windows: new Map(config.windows.map((window) => [window.id, window])),
    services: new Map(config.services.map((service) => [service.id, service])),
    operators: new Set(config.operators.map((operator) => operator.id)),
  };
  indexes.set(config, index);
  return index;
}
