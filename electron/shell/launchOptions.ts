import { resolve } from 'node:path';

export interface LaunchOptions {
  readonly configPath: string | undefined;
  /** Undefined: main.ts uses Electron's userData directory. */
  readonly dataDir: string | undefined;
  /** DevTools in the kiosk window: only at the bench, never in a packaged build (docs/security.md). */
  readonly devTools: boolean;
}

export interface LaunchContext {
  /** Electron's `app.isPackaged`: an installed build, where OKNO_DEVTOOLS is ignored. */
  readonly packaged: boolean;
}

/**
 * Only `--name=value`: Electron and Chromium put their own switches in argv, and a bare
 * `--config` followed by one of theirs must not be read as a file name.
 */
function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const value = argv.findLast((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  return value === '' ? undefined : value;
}

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

/**
 * A flag wins over the environment; relative paths are taken from the directory okno was started in.
 * OKNO_DEVTOOLS counts only in a development run: on an installed kiosk anyone who can set an
 * environment variable (an autostart entry, a unit override) would otherwise get a console into the
 * renderer, past the PIN.
 */
export function readLaunchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  context: LaunchContext,
): LaunchOptions {
  const configPath = flag(argv, 'config') ?? nonEmpty(env['OKNO_CONFIG']);
  const dataDir = flag(argv, 'data-dir') ?? nonEmpty(env['OKNO_DATA_DIR']);
  return {
    configPath: configPath === undefined ? undefined : resolve(cwd, configPath),
    dataDir: dataDir === undefined ? undefined : resolve(cwd, dataDir),
    devTools: !context.packaged && env['OKNO_DEVTOOLS'] === '1',
  };
}
