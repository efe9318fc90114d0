// Which production dependencies carry native code, and whether Electron can load it unchanged.
// The packaging config says `npmRebuild: false`: that is only true while every native addon is
// Node-API (ABI-stable across Node and Electron) and ships its binaries in the npm package
// (install scripts are denied in package.json "allowScripts", so nothing is compiled or downloaded).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

/** How a compiled addon registers itself with its host. */
export type AddonAbi = 'node-api' | 'v8-abi' | 'unknown';

/**
 * Reads the registration symbol names out of the binary (ELF, PE and Mach-O all keep exported
 * names as plain strings). A Node-API addon exports `napi_register_module_v1` (or calls
 * `napi_module_register`, older headers); one built against V8/NAN exports
 * `node_register_module_v<ABI>`, which is tied to one Node or Electron version.
 */
export function addonAbi(binary: Buffer): AddonAbi {
  if (binary.includes('node_register_module_v')) return 'v8-abi';
  if (binary.includes('napi_register_module_v1') || binary.includes('napi_module_register')) return 'node-api';
  return 'unknown';
}

export interface NativePackage {
  readonly name: string;
  readonly dir: string;
  readonly hasBindingGyp: boolean;
  /** Paths relative to the package folder, with the ABI each binary uses. */
  readonly binaries: ReadonlyArray<{ readonly path: string; readonly abi: AddonAbi }>;
}

export interface NativeVerdict {
  readonly name: string;
  readonly problems: readonly string[];
}

/** The package-lock v3 fields this needs. */
const lockSchema = z.object({
  lockfileVersion: z.number().int().min(2),
  packages: z.record(z.string(), z.object({ dev: z.boolean().optional(), link: z.boolean().optional() }).loose()),
});

/** Folders (relative to the project) of every package npm installs for production. */
export function productionPackageDirs(projectDir: string): string[] {
  const lock = lockSchema.parse(JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')));
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true && entry.link !== true)
    .map(([path]) => path)
    .filter((path) => existsSync(join(projectDir, path)));
}

/** `.node` files of one package, not descending into its own node_modules (those are packages of their own). */
function findBinaries(dir: string, root: string = dir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...findBinaries(path, root));
    } else if (entry.isFile() && entry.name.endsWith('.node')) {
      found.push(relative(root, path));
    }
  }
  return found;
}

const packageName = (dir: string): string => z.object({ name: z.string() }).parse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).name;

/** One package's native parts, or null when it is plain JavaScript. */
export function inspectPackage(dir: string): NativePackage | null {
  const hasBindingGyp = existsSync(join(dir, 'binding.gyp'));
  const binaries = findBinaries(dir).map((path) => ({ path, abi: addonAbi(readFileSync(join(dir, path))) }));
  if (!hasBindingGyp && binaries.length === 0) return null;
  return { name: packageName(dir), dir, hasBindingGyp, binaries };
}

/** The targets of build/electron-builder.yml as Node names them, and how prebuild files name them. */
export const PACKAGED_TARGETS = ['linux-x64', 'linux-arm64', 'win32-x64'] as const;

/** What is wrong with one native package, for Electron with `npmRebuild: false`; empty when nothing. */
export function judgeNativePackage(pkg: NativePackage, targets: readonly string[] = PACKAGED_TARGETS): NativeVerdict {
  const problems: string[] = [];
  for (const binary of pkg.binaries) {
    if (binary.abi === 'v8-abi') {
      problems.push(`${binary.path} is built against one Node/V8 ABI (node_register_module_v…): it needs @electron/rebuild`);
    } else if (binary.abi === 'unknown') {
      problems.push(`${binary.path} registers neither as Node-API nor as a V8 addon: cannot tell whether Electron loads it`);
    }
  }
  if (pkg.binaries.length === 0) {
    problems.push('binding.gyp and no prebuilt .node file: it would be compiled at install, and install scripts are denied');
  } else {
    const paths = pkg.binaries.map((binary) => binary.path.replaceAll('\\', '/'));
    for (const target of targets) {
      if (!paths.some((path) => path.includes(target))) problems.push(`no prebuilt binary for ${target}`);
    }
  }
  return { name: pkg.name, problems };
}

/** Every production package with native code, with its problems. */
export function inspectProductionDependencies(projectDir: string): Array<NativePackage & NativeVerdict> {
  return productionPackageDirs(projectDir)
    .filter((path) => statSync(join(projectDir, path)).isDirectory())
    .map((path) => inspectPackage(join(projectDir, path)))
    .filter((pkg): pkg is NativePackage => pkg !== null)
    .map((pkg) => ({ ...pkg, ...judgeNativePackage(pkg) }));
}
