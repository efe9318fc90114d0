import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../../shared/config.ts';
import { parseConfig } from './loadConfig.ts';

/**
 * Changes a config file the way a power cut cannot corrupt: the new text is validated, written to a
 * temporary file beside it, fsynced, and renamed over the old one (the previous version is kept as
 * `<file>.bak`). A kill at any moment leaves either the old or the new file. Keys the change does not
 * touch stay as the technician wrote them.
 */
export function updateConfigFile(path: string, change: (json: Record<string, unknown>) => Record<string, unknown>): Config {
  const before = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const after = change(structuredClone(before));
  const config = parseConfig(after, path);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(after, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (existsSync(path)) copyFileSync(path, `${path}.bak`);
  renameSync(temp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  return config;
}
