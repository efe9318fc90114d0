import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExportTargets, parseMounts, removableMounts, type ExportTargetFs } from '../../../../../electron/core/technician/exportTargets.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/mmcblk0p2 / ext4 rw,noatime 0 0
/dev/mmcblk0p1 /boot/firmware vfat rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev,size=781488k,mode=755 0 0
/dev/sda1 /media/kiosk/KINGSTON vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000 0 0
/dev/sdb1 /run/media/okno/MY\\040STICK exfat rw,nosuid,nodev,relatime 0 0
/dev/sdc1 /mnt/usb ext4 rw,relatime 0 0
/dev/sdd1 /media/kiosk/CDROM iso9660 ro,nosuid,nodev 0 0
//nas/share /mnt/share cifs rw,relatime 0 0
/dev/sde1 /media/usb0 vfat rw 0 0
/dev/sdf1 /media/kiosk/KINGSTON/nested vfat rw 0 0
`;

/** A pretend machine: the directories that exist, the ones that can be written. */
function fakeFs(files: Record<string, string>, dirs: readonly string[], readOnly: readonly string[] = []): ExportTargetFs & { made: string[] } {
  const existing = new Set(dirs);
  const made: string[] = [];
  return {
    made,
    readText: (path) => files[path] ?? null,
    isDirectory: (path) => existing.has(path),
    isWritable: (path) => existing.has(path) && !readOnly.includes(path),
    makeDirectory(path) {
      made.push(path);
      existing.add(path);
      return true;
    },
  };
}

describe('parseMounts / removableMounts', () => {
  it('reads /proc/mounts, unescaping names, and keeps writable block devices under /media, /run/media and /mnt', () => {
    const mounts = parseMounts(PROC_MOUNTS);
    expect(mounts.find((mount) => mount.device === '/dev/sdb1')?.mountPoint).toBe('/run/media/okno/MY STICK');
    expect(removableMounts(mounts).map((mount) => mount.mountPoint)).toEqual(['/media/kiosk/KINGSTON', '/run/media/okno/MY STICK', '/mnt/usb', '/media/usb0']);
  });

  it('survives an empty or odd file', () => {
    expect(parseMounts('')).toEqual([]);
    expect(parseMounts('garbage\n\n  \n')).toEqual([]);
  });
});

describe('listExportTargets', () => {
  it('on Linux: the mounted sticks, the deployment folders, then the data directory (created), writable ones only', () => {
    const fs = fakeFs({ '/proc/mounts': PROC_MOUNTS }, ['/media/kiosk/KINGSTON', '/run/media/okno/MY STICK', '/mnt/usb', '/media/usb0', '/srv/exports', '/srv/readonly']);
    const targets = listExportTargets({
      dataDir: '/var/lib/okno',
      platform: 'linux',
      env: { OKNO_EXPORT_DIRS: '/srv/exports::/srv/missing:/srv/readonly' },
      extraDirs: ['/media/kiosk/KINGSTON'],
      fs: { ...fs, isWritable: (path) => path !== '/srv/readonly' && path !== '/media/usb0' && fs.isWritable(path) },
    });
    expect(targets).toEqual([
      { path: '/media/kiosk/KINGSTON', kind: 'usb', name: 'KINGSTON', label: 'USB: KINGSTON', removable: true },
      { path: '/run/media/okno/MY STICK', kind: 'usb', name: 'MY STICK', label: 'USB: MY STICK', removable: true },
      { path: '/mnt/usb', kind: 'usb', name: 'usb', label: 'USB: usb', removable: true },
      { path: '/srv/exports', kind: 'folder', name: '/srv/exports', label: '/srv/exports', removable: false },
      { path: '/var/lib/okno/exports', kind: 'device', name: '', label: 'on this device', removable: false },
    ]);
    expect(fs.made).toEqual(['/var/lib/okno/exports']);
  });

  it('on Windows: drive letters D: to Z: that exist and can be written, with ";" between extra folders', () => {
    const fs = fakeFs({}, ['C:\\', 'D:\\', 'E:\\', 'Z:\\', 'C:\\okno\\exports', 'C:\\Exports'], ['D:\\']);
    const targets = listExportTargets({ dataDir: 'C:\\okno', platform: 'win32', env: { OKNO_EXPORT_DIRS: 'C:\\Exports;C:\\Nope' }, fs });
    expect(targets).toEqual([
      { path: 'E:\\', kind: 'drive', name: 'E:', label: 'Drive E:', removable: false },
      { path: 'Z:\\', kind: 'drive', name: 'Z:', label: 'Drive Z:', removable: false },
      { path: 'C:\\Exports', kind: 'folder', name: 'C:\\Exports', label: 'C:\\Exports', removable: false },
      { path: 'C:\\okno\\exports', kind: 'device', name: '', label: 'on this device', removable: false },
    ]);
    expect(fs.made).toEqual([]);
  });

  it('offers nothing it cannot write: a data directory that cannot take an exports folder is left out', () => {
    const fs = fakeFs({}, []);
    const targets = listExportTargets({ dataDir: '/ro/okno', platform: 'darwin', env: {}, fs: { ...fs, makeDirectory: () => false } });
    expect(targets).toEqual([]);
  });

  it('on this machine: OKNO_EXPORT_DIRS and the data directory, really created and writable', () => {
    const dataDir = join(tempDir(), 'data');
    const extra = tempDir();
    mkdirSync(dataDir);
    const targets = listExportTargets({ dataDir, env: { OKNO_EXPORT_DIRS: extra }, platform: 'linux' });
    expect(targets.slice(-2)).toEqual([
      { path: extra, kind: 'folder', name: extra, label: extra, removable: false },
      { path: join(dataDir, 'exports'), kind: 'device', name: '', label: 'on this device', removable: false },
    ]);
    expect(existsSync(join(dataDir, 'exports'))).toBe(true);
  });
});
