import type { App } from 'electron';
import { z } from 'zod';
import type { LaunchOptions } from './launchOptions.ts';

/**
 * Windows: okno starts when the kiosk user logs in, if the config says `device.startAtLogin: true`.
 * After a power cut the PC boots, logs the kiosk user in, and the login item starts the kiosk.
 * Linux does this with systemd and XDG autostart units instead (build/linux/, docs/deployment.md),
 * which also restart a crashed app; Electron's login items are not supported there.
 *
 * Applied at every start, not only the first: switching the key off in the config takes the
 * login item away again at the next start.
 */

/** Only the one key; the config file itself is validated by the core (shared/config.ts). */
const startAtLoginSetting = z.looseObject({
  device: z.looseObject({ startAtLogin: z.boolean().optional() }),
});

/** Whether the loaded config asks for a login item; anything else (no config, no key) is no. */
export function wantsStartAtLogin(config: unknown): boolean {
  const parsed = startAtLoginSetting.safeParse(config);
  return parsed.success && parsed.data.device.startAtLogin === true;
}

/** The same config and data directory at login as now, even when they came from the environment. */
export function loginItemArgs(launch: Pick<LaunchOptions, 'configPath' | 'dataDir'>): string[] {
  return [
    ...(launch.configPath === undefined ? [] : [`--config=${launch.configPath}`]),
    ...(launch.dataDir === undefined ? [] : [`--data-dir=${launch.dataDir}`]),
  ];
}

export type LoginItemOutcome = 'enabled' | 'disabled' | 'not-on-this-platform' | 'failed';

export interface LoginItemHost {
  readonly platform: NodeJS.Platform;
  /** The installed okno.exe (process.execPath). */
  readonly execPath: string;
}

export function syncLoginItem(
  app: Pick<App, 'setLoginItemSettings'>,
  config: unknown,
  launch: Pick<LaunchOptions, 'configPath' | 'dataDir'>,
  host: LoginItemHost = { platform: process.platform, execPath: process.execPath },
): LoginItemOutcome {
  if (host.platform !== 'win32') return 'not-on-this-platform';
  const openAtLogin = wantsStartAtLogin(config);
  try {
    // Windows matches a login item by path and args: removal must name the same ones as creation.
    app.setLoginItemSettings({ openAtLogin, path: host.execPath, args: loginItemArgs(launch) });
  } catch (error) {
    // The kiosk that is running now matters more than the next login: start anyway, say why.
    console.warn(`okno shell: login item not ${openAtLogin ? 'set' : 'removed'}: ${String(error)}`);
    return 'failed';
  }
  return openAtLogin ? 'enabled' : 'disabled';
}
