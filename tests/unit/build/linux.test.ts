import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedExecutable, loadConfigView, projectDir, readProjectFile } from './builderConfig.ts';

/**
 * The autostart units in build/linux/, parsed, so that the keys a power cut or a crash depends on
 * cannot silently rot. Syntax as systemd.syntax(7) and the Desktop Entry spec: [Section] headers,
 * Key=Value lines, # and ; comments; a key may repeat (the values are kept in order).
 */
type UnitFile = Map<string, Map<string, string[]>>;

function parseUnit(path: string): UnitFile {
  const sections: UnitFile = new Map();
  let current: Map<string, string[]> | null = null;
  readProjectFile(path)
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
      const header = /^\[([^\]]+)\]$/.exec(line);
      if (header) {
        current = new Map();
        sections.set(header[1]!, current);
        return;
      }
      const pair = /^([A-Za-z0-9-]+)=(.*)$/.exec(line);
      if (!pair || current === null) throw new Error(`${path}:${index + 1}: not a key=value line in a section: ${line}`);
      const values = current.get(pair[1]!) ?? [];
      current.set(pair[1]!, [...values, pair[2]!]);
    });
  return sections;
}

/** The last value of a key (systemd: a later assignment wins), or undefined. */
function value(unit: UnitFile, section: string, key: string): string | undefined {
  return unit.get(section)?.get(key)?.at(-1);
}

function words(unit: UnitFile, section: string, key: string): string[] {
  return (value(unit, section, key) ?? '').split(/\s+/).filter((word) => word !== '');
}

function expectNeverGivesUpRestarting(unit: UnitFile): void {
  expect(value(unit, 'Service', 'Restart')).toBe('always');
  // A delay between restarts is the rate limit…
  expect(Number(value(unit, 'Service', 'RestartSec'))).toBeGreaterThanOrEqual(1);
  // …growing on systemd 254+…
  expect(Number(value(unit, 'Service', 'RestartMaxDelaySec'))).toBeGreaterThan(Number(value(unit, 'Service', 'RestartSec')));
  expect(Number(value(unit, 'Service', 'RestartSteps'))).toBeGreaterThan(0);
  // …and no start limit, which would leave the unit failed for good after a burst of crashes.
  expect(value(unit, 'Unit', 'StartLimitIntervalSec')).toBe('0');
}

const PORT = 8080;

describe('build/linux: okno-kiosk.service (Electron, systemd user unit)', () => {
  const unit = parseUnit('build/linux/okno-kiosk.service');

  it('starts the app the deb installs, with the system config', async () => {
    const [executable, ...args] = words(unit, 'Service', 'ExecStart');
    expect(executable).toBe(installedExecutable(await loadConfigView()));
    expect(args).toEqual(['--config=/etc/okno/config.json']);
  });

  it('comes back after every crash, except for a bad config (exit 78)', () => {
    expectNeverGivesUpRestarting(unit);
    expect(words(unit, 'Service', 'RestartPreventExitStatus')).toContain('78');
  });

  it('belongs to the graphical session: it needs the display', () => {
    expect(words(unit, 'Unit', 'After')).toContain('graphical-session.target');
    expect(words(unit, 'Unit', 'PartOf')).toContain('graphical-session.target');
    expect(value(unit, 'Install', 'WantedBy')).toBe('graphical-session.target');
  });
});

describe('build/linux: okno-kiosk.desktop (XDG autostart)', () => {
  const entry = parseUnit('build/linux/okno-kiosk.desktop');

  it('starts the user unit, or the app itself where there is no systemd user session', async () => {
    expect(value(entry, 'Desktop Entry', 'Type')).toBe('Application');
    const exec = value(entry, 'Desktop Entry', 'Exec') ?? '';
    expect(exec).toContain('then exec systemctl --user start okno-kiosk.service;');
    expect(exec).toContain(`exec ${installedExecutable(await loadConfigView())} --config=/etc/okno/config.json`);
    expect(existsSync(join(projectDir, 'build/linux/okno-kiosk.service'))).toBe(true);
    expect(value(entry, 'Desktop Entry', 'Hidden')).toBeUndefined();
  });
});

describe('build/linux: okno-serve.service (no Electron: the core and the browser host)', () => {
  const unit = parseUnit('build/linux/okno-serve.service');

  it('runs `okno serve` on the port the Chromium unit opens, with the system config and data dir', () => {
    const [node, cli, command, ...args] = words(unit, 'Service', 'ExecStart');
    expect(node).toBe('/usr/bin/node');
    expect(cli).toMatch(/\/bin\/okno\.js$/);
    expect(command).toBe('serve');
    expect(args).toEqual(['--port', String(PORT), '--config', '/etc/okno/config.json', '--data-dir', '/var/lib/okno']);
  });

  it('comes back after every crash, except for a bad config (exit 78)', () => {
    expectNeverGivesUpRestarting(unit);
    expect(words(unit, 'Service', 'RestartPreventExitStatus')).toContain('78');
  });

  it('starts at boot after the network is up, as an unprivileged user with its own state directory', () => {
    expect(words(unit, 'Unit', 'After')).toContain('network.target');
    expect(value(unit, 'Install', 'WantedBy')).toBe('multi-user.target');
    expect(value(unit, 'Service', 'User')).toBe('okno');
    expect(value(unit, 'Service', 'StateDirectory')).toBe('okno');
    expect(words(unit, 'Service', 'SupplementaryGroups')).toContain('dialout');
  });

  it('is read-only but for the config (the setup wizard saves it) and removable media (diagnostics exports)', () => {
    expect(value(unit, 'Service', 'ProtectSystem')).toBe('strict');
    expect(words(unit, 'Service', 'ReadWritePaths')).toEqual(['/etc/okno', '-/media', '-/run/media', '-/mnt']);
  });
});

describe('build/linux: okno-chromium.service (no Electron: the screen)', () => {
  const unit = parseUnit('build/linux/okno-chromium.service');
  const [browser, ...flags] = words(unit, 'Service', 'ExecStart');

  it('opens okno serve’s page in Chromium kiosk app mode, in a profile of its own', () => {
    expect(browser).toBe('/usr/bin/chromium');
    expect(flags).toEqual(expect.arrayContaining(['--kiosk', `--app=http://127.0.0.1:${PORT}/`]));
    expect(flags.find((flag) => flag.startsWith('--user-data-dir='))).toMatch(/okno-chromium$/);
  });

  it('asks no questions and phones nobody', () => {
    expect(flags).toEqual(
      expect.arrayContaining(['--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update', '--noerrdialogs']),
    );
  });

  it('plays sound without a touch first: the hall board is never touched, and announces', () => {
    expect(flags).toContain('--autoplay-policy=no-user-gesture-required');
  });

  it('waits for okno serve to accept connections on the same port', () => {
    expect(value(unit, 'Service', 'ExecStartPre')).toContain(`/dev/tcp/127.0.0.1/${PORT}`);
  });

  it('restarts the browser too, forever, in the graphical session', () => {
    expectNeverGivesUpRestarting(unit);
    expect(words(unit, 'Unit', 'After')).toContain('graphical-session.target');
    expect(value(unit, 'Install', 'WantedBy')).toBe('graphical-session.target');
  });
});

describe('the parser', () => {
  it('refuses a line it does not understand, so a broken unit file fails here', () => {
    expect(() => parseUnit('build/linux/okno-kiosk.service')).not.toThrow();
    expect(() => parseUnit('build/electron-builder.yml')).toThrow(/not a key=value line/);
  });
});

describe('build/linux: 60-okno.rules (udev: stable names and the serial/printer groups)', () => {
  /** udev(7): comma-separated `KEY=="value"` matches and `KEY="value"` / `KEY+="value"` assignments. */
  const rules = readProjectFile('build/linux/60-okno.rules')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(/,\s*/).map((pair) => /^([A-Z]+(?:\{\w+\})?)(==|\+=|=)"([^"]*)"$/.exec(pair)));

  it('has only well-formed KEY op "value" pairs', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) for (const pair of rule) expect(pair, 'a malformed udev pair').not.toBeNull();
  });

  it('gives the button box to dialout and the printer to lp, each under a stable name', () => {
    const assigned = rules.map((rule) => Object.fromEntries(rule.filter((pair) => pair?.[2] !== '==').map((pair) => [pair?.[1], pair?.[3]])));
    expect(assigned.filter((rule) => rule['SYMLINK'] === 'okno-buttons').every((rule) => rule['GROUP'] === 'dialout')).toBe(true);
    expect(assigned.filter((rule) => rule['SYMLINK'] === 'okno-printer').map((rule) => rule['GROUP'])).toEqual(['lp']);
  });
});
