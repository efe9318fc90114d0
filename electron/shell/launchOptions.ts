import { resolve } from 'node:path';

export interface LaunchOptions {
  readonly configPath: string | undefined;
  /** Undefined: main.ts uses Electron's userData directory. */
  readonly dataDir: string | undefined;
  readonly devTools: boolean;
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

/** A flag wins over the environment; relative paths are taken from the directory okno was started in. */
export function readLaunchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): LaunchOptions {
  const configPath = flag(argv, 'config') ?? nonEmpty(env['OKNO_CONFIG']);
  const dataDir = flag(argv, 'data-dir') ?? nonEmpty(env['OKNO_DATA_DIR']);
  return {
    configPath: configPath === undefined ? undefined : resolve(cwd, configPath),
    dataDir: dataDir === undefined ? undefined : resolve(cwd, dataDir),
    devTools: env['OKNO_DEVTOOLS'] === '1',
  };
}
