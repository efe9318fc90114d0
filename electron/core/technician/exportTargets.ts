import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import type { ExportTarget } from '../../../shared/technicianApi.ts';

/**
 * Where the technician can export diagnostics to: USB sticks first (mounted removable media on
 * Linux, drive letters on Windows), then folders named by the deployment (OKNO_EXPORT_DIRS), then
 * the data directory's own `exports/` folder ("on this device"). Only directories this process can
 * write to are offered.
 */

/** The few file-system questions asked here, injectable for tests. */
export interface ExportTargetFs {
  readText(path: string): string | null;
  isDirectory(path: string): boolean;
  isWritable(path: string): boolean;
  /** Creates a directory (with its parents); false if it cannot. */
  makeDirectory(path: string): boolean;
}

export const systemExportTargetFs: ExportTargetFs = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  isWritable(path) {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
  makeDirectory(path) {
    try {
      mkdirSync(path, { recursive: true });
      return true;
    } catch {
      return false;
    }
  },
};

export interface ExportTargetOptions {
  /** The data directory: its `exports/` folder is the target "on this device" (created if missing). */
  readonly dataDir: string;
  /** More folders to offer (a deployment's or a test's). */
  readonly extraDirs?: readonly string[];
  readonly platform?: NodeJS.Platform;
  /** OKNO_EXPORT_DIRS: folders separated by the platform's path delimiter (":" or ";"). */
  readonly env?: NodeJS.ProcessEnv;
  readonly fs?: ExportTargetFs;
}

export const EXPORTS_FOLDER = 'exports';
export const EXPORT_DIRS_ENV = 'OKNO_EXPORT_DIRS';

/** A mount point as /proc/mounts writes it: spaces and a few others as octal escapes (\040). */
const unescapeMount = (field: string): string => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/** Where desktop automounters and technicians put removable media. */
const REMOVABLE_MOUNT = /^(\/media\/[^/]+\/[^/]+|\/media\/[^/]+|\/run\/media\/[^/]+\/[^/]+|\/mnt\/[^/]+)$/;

export interface MountEntry {
  readonly device: string;
  readonly mountPoint: string;
  readonly type: string;
  readonly readOnly: boolean;
}

export function parseMounts(text: string): MountEntry[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 4)
    .map(([device, mountPoint, type, options]) => ({
      device: unescapeMount(device!),
      mountPoint: unescapeMount(mountPoint!),
      type: type!,
      readOnly: options!.split(',').includes('ro'),
    }));
}

/** Mounted block devices under /media, /run/media or /mnt (not the system's own mounts, not network shares). */
export function removableMounts(mounts: readonly MountEntry[]): MountEntry[] {
  return mounts.filter((mount) => mount.device.startsWith('/dev/') && !mount.readOnly && REMOVABLE_MOUNT.test(mount.mountPoint));
}

export function listExportTargets(options: ExportTargetOptions): ExportTarget[] {
  const fs = options.fs ?? systemExportTargetFs;
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const path = platform === 'win32' ? win32 : posix;
  const usable = (dir: string): boolean => fs.isDirectory(dir) && fs.isWritable(dir);
  const targets: ExportTarget[] = [];
  const seen = new Set<string>();
  const add = (target: ExportTarget): void => {
    if (seen.has(target.path) || !usable(target.path)) return;
    seen.add(target.path);
    targets.push(target);
  };

  if (platform === 'win32') {
    // C: is the system; A: and B: are floppies. Whether E: is a stick Node cannot tell.
    for (let code = 'D'.charCodeAt(0); code <= 'Z'.charCodeAt(0); code += 1) {
      const letter = String.fromCharCode(code);
      add({ path: `${letter}:\\`, kind: 'drive', name: `${letter}:`, label: `Drive ${letter}:`, removable: false });
    }
  } else if (platform === 'linux') {
    for (const mount of removableMounts(parseMounts(fs.readText('/proc/mounts') ?? ''))) {
      const name = path.basename(mount.mountPoint);
      add({ path: mount.mountPoint, kind: 'usb', name, label: `USB: ${name}`, removable: true });
    }
  }

  const fromEnv = (env[EXPORT_DIRS_ENV] ?? '').split(path.delimiter).filter((dir) => dir.trim() !== '');
  for (const dir of [...fromEnv, ...(options.extraDirs ?? [])]) add({ path: dir, kind: 'folder', name: dir, label: dir, removable: false });

  const onDevice = path.join(options.dataDir, EXPORTS_FOLDER);
  if (!fs.isDirectory(onDevice)) fs.makeDirectory(onDevice);
  add({ path: onDevice, kind: 'device', name: '', label: 'on this device', removable: false });
  return targets;
}
