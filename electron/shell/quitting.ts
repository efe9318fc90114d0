import type { App } from 'electron';

export interface QuitControl {
  /** True once a quit or relaunch has started: the kiosk window may close then, not before. */
  readonly isQuitting: () => boolean;
  /** Closes the core, then starts a new app process and ends this one. */
  readonly relaunch: () => void;
}

/**
 * The core is closed before the process ends, whichever way it ends, so the SQLite file is
 * checkpointed and the serial port released. A core that does not close in time does not keep the
 * kiosk from restarting: every rating is already committed when it is acknowledged.
 */
export function closeCoreBeforeQuit(
  app: App,
  closeCore: () => Promise<void>,
  options: { readonly timeoutMs?: number; readonly log?: (what: string, detail: string) => void } = {},
): QuitControl {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const log = options.log ?? (() => {});
  let quitting = false;
  let closed = false;
  let closing: Promise<void> | null = null;

  const closeOnce = (): Promise<void> => {
    closing ??= new Promise<void>((done) => {
      const timer = setTimeout(() => {
        log('core close timed out', `${timeoutMs} ms`);
        done();
      }, timeoutMs);
      closeCore()
        .catch((error: unknown) => log('core close failed', String(error)))
        .finally(() => {
          clearTimeout(timer);
          done();
        });
    }).then(() => {
      closed = true;
    });
    return closing;
  };

  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    event.preventDefault();
    void closeOnce().then(() => app.quit());
  });

  return {
    isQuitting: () => quitting,
    relaunch(): void {
      quitting = true;
      void closeOnce().then(() => {
        app.relaunch();
        app.exit(0);
      });
    },
  };
}
