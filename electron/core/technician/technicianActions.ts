import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Config } from '../../../shared/config.ts';
import { deviceRules } from '../../../shared/configRules.ts';
import type { TechnicianRequest } from '../../../shared/requests/registry.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { ParsedInput } from '../../../shared/requests/registry.ts';
import type { ButtonTestView, PortView, SavedSettings } from '../../../shared/technicianApi.ts';
import type { Handlers } from '../device/face.ts';
import type { Running } from '../device/running.ts';
import type { Clock } from '../clock.ts';
import { ConfigError } from '../config/loadConfig.ts';
import { installConfig } from '../config/installConfig.ts';
import type { Logger } from '../logging/logger.ts';
import { testConnection } from './connectionTest.ts';
import { testHubConnection } from './hubConnectionTest.ts';
import { buildDiagnostics } from './diagnostics.ts';
import { exportDiagnostics } from './exportDiagnostics.ts';
import { listExportTargets } from './exportTargets.ts';
import type { Scheduler } from '../scheduler.ts';
import type { SerialPorts } from '../serial/serialPort.ts';
import { startButtonTest, type ButtonTest } from './buttonTest.ts';
import { hashPin } from './pinHash.ts';
import { printTestPage } from './printTest.ts';
import { mergeSettings, settingsView } from './settings.ts';
import { endpointNeedsNewToken, sameEndpoint, savedSyncOf, savedTokenFor, type SavedSync } from './tokenScope.ts';
import { requeueQuarantined } from '../sync/outbox.ts';
import { isoWithOffset } from '../clock.ts';

/**
 * What an open technician mode can do besides the PIN: read and save the settings, test the
 * hardware and the collector, read diagnostics and export them. Every answer is a Result; nothing
 * here throws at the transport.
 */

export interface TechnicianActionsOptions {
  readonly configPath: string | null;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly ports: SerialPorts;
  readonly exportDirs: readonly string[];
  /** The running config (null on the first run). */
  readonly config: () => Config | null;
  readonly running: () => Running | null;
  readonly startedAt: Date;
  readonly log: Logger;
  readonly onChange: () => void;
  readonly onSaved: (saved: { sections: string[]; pinChanged: boolean; tokenChanged: boolean }) => void;
}

export interface TechnicianActions {
  /** What an open technician mode can ask, beyond the PIN pad (./technicianSession.ts). */
  readonly handlers: Handlers<Exclude<TechnicianRequest, 'openPinPad' | 'enterPin' | 'leave' | 'activity'>>;
  buttonTestView(): ButtonTestView | null;
  /** Ends a button test; `giveBack` hands the port back to the kiosk's own box (not when it restarts or closes). */
  stopButtonTest(options?: { readonly giveBack: boolean }): Promise<void>;
  /** The kiosk did not start with the saved config: diagnostics show why. */
  noteStartFailure(error: unknown): void;
}

const LEARN_TIMEOUT_MS = 15_000;

const readJson = (path: string): Record<string, unknown> | null => {
  if (!existsSync(path)) return null;
  const json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createTechnicianActions(options: TechnicianActionsOptions): TechnicianActions {
  let buttonTest: ButtonTest | null = null;
  let startFailure: string | null = null;

  const stopButtonTest = async ({ giveBack } = { giveBack: true }): Promise<void> => {
    const test = buttonTest;
    buttonTest = null;
    await test?.stop();
    if (test && giveBack) options.running()?.buttons?.start();
    options.onChange();
  };

  async function saveSettings(input: ParsedInput<'saveSettings'>): Promise<Result<SavedSettings>> {
    const path = options.configPath;
    if (!path) return fail('no-config-file', 'this device runs the built-in demo configuration: start it with --config FILE to save settings');
    let before: Record<string, unknown> | null;
    try {
      before = readJson(path);
    } catch (error) {
      // A broken file is replaced by a good one; it is kept as the backup.
      before = null;
      void error;
    }
    // The uploader would send the saved token to a new endpoint: that needs the token typed again.
    const moved = endpointNeedsNewToken(before, input.config, input.syncToken);
    if (moved !== null) return fail('invalid-config', moved);
    const merged = mergeSettings(before, input, input.pin === null ? null : await hashPin(input.pin));
    if (!merged.ok) return merged;
    let backup: string | null;
    try {
      backup = installConfig(path, merged.value.json).backup;
    } catch (error) {
      if (error instanceof ConfigError) return fail('invalid-config', error.issues.join('\n'));
      options.log.error({ path, error: message(error) }, 'the config could not be written');
      return fail('internal', `the config could not be written to ${path}: ${message(error)}`);
    }
    options.onSaved({ sections: [...merged.value.sections], pinChanged: merged.value.pinChanged, tokenChanged: merged.value.tokenChanged });
    return ok({ path, backup });
  }

  /** The sync section of the config file (endpoint and token), for a test before the first save made a running config. */
  const syncInFile = (): SavedSync | null => {
    try {
      return savedSyncOf(options.configPath ? readJson(options.configPath) : null);
    } catch {
      return null;
    }
  };

  /** The hub section of the config file (address and token), for a test before the first save made a running config. */
  const hubInFile = (): { readonly url: string; readonly token: string } | null => {
    try {
      const hub = (options.configPath ? readJson(options.configPath) : null)?.['hub'];
      const parsed = z.object({ url: z.string(), token: z.string() }).safeParse(hub);
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  const diagnostics = () => {
    const view = buildDiagnostics({
      dataDir: options.dataDir,
      configPath: options.configPath,
      config: options.config(),
      startedAt: options.startedAt,
      now: options.clock.now(),
      status: options.running()?.status() ?? null,
    });
    return startFailure === null ? view : { ...view, logLines: [...view.logLines, `the kiosk did not start with the saved config: ${startFailure}`] };
  };

  const exportTargets = () => listExportTargets({ dataDir: options.dataDir, extraDirs: options.exportDirs });

  async function listPorts(): Promise<Result<readonly PortView[]>> {
    try {
      const ports = await options.ports.list();
      return ok(ports.map((port) => ({ path: port.path, manufacturer: port.manufacturer ?? null, vendorId: port.vendorId ?? null, productId: port.productId ?? null })));
    } catch (error) {
      return fail('internal', `the serial ports could not be listed: ${message(error)}`);
    }
  }

  const handlers: TechnicianActions['handlers'] = {
    getSettings: () => {
      const path = options.configPath;
      let json: Record<string, unknown> | null;
      try {
        json = path ? readJson(path) : null;
      } catch {
        // A broken file shows as no settings: the wizard writes a good one over it.
        json = null;
      }
      return ok(settingsView(path, json));
    },
    saveSettings,
    listPorts,
    startButtonTest: async (input) => {
      await stopButtonTest({ giveBack: false });
      // One port, one owner: the kiosk's own box lets go while the test runs (the path may be the same, or "auto").
      await options.running()?.buttons?.stop();
      buttonTest = startButtonTest(input, { ports: options.ports, clock: options.clock, scheduler: options.scheduler, onChange: options.onChange });
      options.onChange();
      return ok(null);
    },
    stopButtonTest: async () => {
      await stopButtonTest();
      return ok(null);
    },
    learnButton: async (input) => {
      if (!buttonTest) return fail('not-accepting', 'pick the button device first');
      const learned = await buttonTest.learn(input.button, LEARN_TIMEOUT_MS);
      return learned.ok ? ok({ button: learned.value.button, sequence: learned.value.sequence }) : learned;
    },
    testPrint: async (input) => {
      // The ticket printer lets go of its port; it opens it again for the next ticket.
      await options.running()?.printer?.close();
      return ok(
        await printTestPage(input, {
          ports: options.ports,
          now: () => options.clock.now(),
          deviceId: options.config()?.device.id ?? 'okno',
          timeZone: options.config()?.device.timezone ?? deviceRules.defaultTimezone,
        }),
      );
    },
    testConnection: async (input) => {
      // A saved token goes only to the endpoint it was saved with; another endpoint needs it typed.
      const token = input.token ?? savedTokenFor(input.endpoint, [options.config()?.sync ?? null, syncInFile()]);
      return ok(await testConnection({ ...input, token }));
    },
    testHubConnection: async (input) => {
      // A saved hub token goes only to the address it was saved for; another address needs it typed.
      const saved = [options.config()?.hub ?? null, hubInFile()].find((hub) => hub !== null && sameEndpoint(hub.url, input.url)) ?? null;
      return ok(await testHubConnection({ ...input, token: input.token ?? saved?.token ?? null }, { deviceId: options.config()?.device.id ?? 'okno' }));
    },
    getDiagnostics: () => ok(diagnostics()),
    listExportTargets: () => ok(exportTargets()),
    exportDiagnostics: ({ folder }) => {
      // Only where the list offered: the screen cannot make the device write anywhere else.
      if (!exportTargets().some((target) => target.path === folder)) return fail('export-failed', `${folder} is not one of the offered folders (is the stick still in?)`);
      const config = options.config();
      const result = exportDiagnostics({
        folder,
        dataDir: options.dataDir,
        configPath: options.configPath,
        diagnostics: diagnostics(),
        now: options.clock.now(),
        ...(config ? { deviceId: config.device.id, timeZone: config.device.timezone } : {}),
      });
      if (result.ok) options.log.info({ file: result.value.file, bytes: result.value.bytes }, 'diagnostics exported');
      return result;
    },
    requeueQuarantined: () => {
      const running = options.running();
      if (!running) return fail('storage-unavailable', 'the kiosk is not running with a config: start it, then requeue');
      const marked = requeueQuarantined(running.store.database(), isoWithOffset(options.clock.now(), running.config.device.timezone));
      // The uploader looks at once if it is idle; during a backoff or a pause, at its next cycle.
      running.uploader?.notifyAppended();
      options.log.info(marked, 'quarantined sync batches requeued by the technician');
      return ok(marked);
    },
  };

  return {
    handlers,
    buttonTestView: () => buttonTest?.view() ?? null,
    stopButtonTest,
    noteStartFailure(error) {
      startFailure = message(error);
    },
  };
}
