import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ShellPaths {
  /** The bundled preload, written beside main.js by build/bundle-shell.js. */
  readonly preload: string;
  /** Vite's output, served as app://okno/. */
  readonly rendererDir: string;
}

/**
 * Paths are resolved from the compiled main.js (dist/electron/shell/main.js), not from the working
 * directory: the kiosk is started by an autostart entry whose cwd is anyone's guess.
 */
export function shellPaths(mainModuleUrl: string): ShellPaths {
  const here = dirname(fileURLToPath(mainModuleUrl));
  return {
    preload: join(here, 'preload.cjs'),
    rendererDir: resolve(here, '..', '..', 'renderer'),
  };
}
