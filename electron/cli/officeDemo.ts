import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoCollectorOf, type DemoCollectorOf } from '../collector/demoCollector.ts';
import { hashPin } from '../core/technician/pinHash.ts';
import { startHub, type Hub } from '../hub/hub.ts';
import { parseHubConfig } from '../hub/hubConfigFile.ts';
import { newDeviceToken } from '../hub/hubDevices.ts';
import { socatAvailable } from '../simulators/ptyPair.ts';
import { startVirtualButtonBox, startVirtualPrinter, type VirtualButtonBox } from './demoHardware.ts';
import {
  OFFICE_DEMO_PIN,
  OFFICE_FACES,
  OFFICE_ID,
  OFFICE_OPERATORS,
  invitationLine,
  ledBurst,
  officeDeviceConfig,
  officeHubConfig,
  type OfficeFace,
  type OfficeFaceId,
  type OfficeWindow,
  voteLine,
} from './officeDemoPlan.ts';
import { startServing, type Serving } from './serveCommand.ts';

/**
 * A whole office on one machine (`okno demo --office`), composed in-process: the local collector,
 * the hub on 127.0.0.1, the virtual printer and button boxes on socat pseudo-terminals, and six
 * faces — each the same core and browser host as `okno serve`, with a data directory of its own.
 * Used by the demo command, and by tests and benchmarks that want a real office.
 */

export interface DemoOfficeOptions {
  /** Everything the office writes goes under it: hub/, collector/, one folder per face. */
  readonly dataDir: string;
  /** The virtual printer and button boxes (they need socat); default: when socat is installed. */
  readonly hardware?: boolean;
  /** Printed tickets, the boxes' LEDs, the collector's batches and ratings, the hub's troubles. */
  readonly log?: (line: string) => void;
}

export interface DemoOfficeFace {
  readonly face: OfficeFace;
  readonly url: string;
  readonly serving: Serving;
}

export interface DemoOffice {
  /** Each face's browser-host address, and the hub's (HTTPS, okno-office/1: for devices, not browsers). */
  readonly urls: Readonly<Record<OfficeFaceId, string>> & { readonly hub: string };
  readonly faces: readonly DemoOfficeFace[];
  readonly hub: Hub;
  readonly collector: { readonly url: string; readonly dbFile: string };
  /** Who may sign in at a console, and the PIN both share. */
  readonly operators: readonly { readonly id: string; readonly name: string }[];
  readonly operatorPin: string;
  /** The devices' technician PIN (as in `okno demo`). */
  readonly technicianPin: string;
  /** Whether the virtual printer and button boxes are there (socat). */
  readonly hardware: boolean;
  /** Presses a button of a window's virtual box; false without the boxes. */
  press(window: OfficeWindow, button: number): boolean;
  /** Stops every face, the hardware, the hub and the collector; a failing part does not keep the others running. */
  close(): Promise<void>;
}

/** The devices' technician PIN, as in `okno demo`. */
const TECHNICIAN_PIN = '1234';

export async function startDemoOffice(options: DemoOfficeOptions): Promise<DemoOffice> {
  const log = options.log ?? (() => undefined);
  const hardware = options.hardware ?? socatAvailable();
  mkdirSync(options.dataDir, { recursive: true });
  const cleanups: { readonly what: string; readonly run: () => Promise<void> | void }[] = [];
  const close = async (): Promise<void> => {
    const failures: string[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup.run();
      } catch (error) {
        failures.push(`${cleanup.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`the office demo did not stop cleanly: ${failures.join('; ')}`);
  };

  try {
    const tokens = new Map(OFFICE_FACES.map((face) => [face.id, newDeviceToken()]));
    const tokenOf = (face: OfficeFace): { token: string; tokenSha256: string } => {
      const token = tokens.get(face.id);
      if (!token) throw new Error(`no token made for ${face.id}`);
      return token;
    };
    const [operatorPinHash, technicianPinHash] = await Promise.all([hashPin(OFFICE_DEMO_PIN), hashPin(TECHNICIAN_PIN)]);

    const collector: DemoCollectorOf = await startDemoCollectorOf(options.dataDir, [OFFICE_ID, ...OFFICE_FACES.map((face) => face.deviceId)], log, { showRatings: true });
    cleanups.push({ what: 'the collector', run: () => collector.close() });
    const collectorLink = (deviceId: string): { endpoint: string; token: string } => {
      const token = collector.tokens.get(deviceId);
      if (token === undefined) throw new Error(`the demo collector has no token for ${deviceId}`);
      return { endpoint: collector.url, token };
    };

    const hubConfig = parseHubConfig(
      officeHubConfig({ tokenSha256: (face) => tokenOf(face).tokenSha256, operatorPinHash, collector: collectorLink(OFFICE_ID) }),
      'the office demo\'s hub config',
    );
    const hub = await startHub({ config: hubConfig, dataDir: join(options.dataDir, 'hub'), log });
    cleanups.push({ what: 'the hub', run: () => hub.close() });

    const boxes = new Map<OfficeWindow, VirtualButtonBox>();
    const serialPaths = new Map<OfficeFaceId, string>();
    if (hardware) {
      for (const face of OFFICE_FACES) {
        const dir = join(options.dataDir, face.id);
        mkdirSync(dir, { recursive: true });
        if (face.mode === 'tickets') {
          const printer = await startVirtualPrinter(join(dir, 'ttyPRINTER'), (ticket) => log(`okno: the dispenser's printer printed:\n${ticket}`));
          cleanups.push({ what: 'the virtual printer', run: () => printer.close() });
          serialPaths.set(face.id, printer.hostPath);
        } else if (face.mode === 'rating' && face.window) {
          const window = face.window;
          const leds = ledReporter(window, log);
          cleanups.push({ what: `window ${window}'s LED lines`, run: () => leds.stop() });
          const box = await startVirtualButtonBox(join(dir, 'ttyBUTTONS'), (button) => leds.lit(button));
          cleanups.push({ what: `window ${window}'s button box`, run: () => box.close() });
          boxes.set(window, box);
          serialPaths.set(face.id, box.pair.hostPath);
        }
      }
    }

    const faces: DemoOfficeFace[] = [];
    for (const face of OFFICE_FACES) {
      const dir = join(options.dataDir, face.id);
      mkdirSync(dir, { recursive: true });
      const serialPath = serialPaths.get(face.id);
      const config = officeDeviceConfig(face, {
        hub: { url: hub.url, token: tokenOf(face).token, fingerprint: hub.fingerprint },
        collector: collectorLink(face.deviceId),
        technicianPinHash,
        ...(serialPath ? { serialPath } : {}),
      });
      const configPath = join(dir, 'config.json');
      writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
      // Its own data directory: one okno per directory, and the journal of each face is its own.
      const serving = await startServing({ configPath, dataDir: join(dir, 'data'), port: 0 });
      cleanups.push({ what: face.label, run: () => serving.close() });
      faces.push({ face, url: serving.host.url, serving });
    }

    const urlOf = (id: OfficeFaceId): string => faces.find((face) => face.face.id === id)?.url ?? '';
    return {
      urls: {
        dispenser: urlOf('dispenser'),
        'console-1': urlOf('console-1'),
        'terminal-1': urlOf('terminal-1'),
        'console-2': urlOf('console-2'),
        'terminal-2': urlOf('terminal-2'),
        hall: urlOf('hall'),
        hub: hub.url,
      },
      faces,
      hub,
      collector: { url: collector.url, dbFile: collector.dbFile },
      operators: OFFICE_OPERATORS,
      operatorPin: OFFICE_DEMO_PIN,
      technicianPin: TECHNICIAN_PIN,
      hardware,
      press(window, button) {
        const box = boxes.get(window);
        box?.simulator.press(button);
        return box !== undefined;
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** The LEDs the kiosk lights come one `L<n>` line at a time: those within this long are one burst. */
const LED_BURST_MS = 100;
/** The invitation blinks every 3 s while it lasts: said again only after this long without a blink. */
const INVITATION_QUIET_MS = 10_000;

/** Turns a box's LED lines into one terminal line per vote and one per invitation to rate. */
function ledReporter(window: OfficeWindow, log: (line: string) => void): { lit(button: number): void; stop(): void } {
  let burst: number[] = [];
  let timer: NodeJS.Timeout | null = null;
  let lastInvitation = Number.NEGATIVE_INFINITY;
  const flush = (): void => {
    timer = null;
    const said = ledBurst(burst);
    burst = [];
    if (said.invitation) {
      const now = performance.now();
      if (now - lastInvitation > INVITATION_QUIET_MS) log(invitationLine(window));
      lastInvitation = now;
    }
    for (const led of said.votes) log(voteLine(window, led));
  };
  return {
    lit(button) {
      burst.push(button);
      timer ??= setTimeout(flush, LED_BURST_MS);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
