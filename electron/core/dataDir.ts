import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the journal lives when no --data-dir is given: OKNO_DATA_DIR, else the platform's usual place. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.OKNO_DATA_DIR) return env.OKNO_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'okno');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'okno');
}

/** The journal's file name inside the data directory. */
export const JOURNAL_FILE = 'okno.db';
