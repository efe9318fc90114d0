import { existsSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { resolveFunction } from 'app-builder-lib/out/util/resolve.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BUILDER_CONFIG,
  debFileMappings,
  loadBuilderConfig,
  loadConfigView,
  projectDir,
  readProjectFile,
  validateWithElectronBuilder,
} from './builderConfig.ts';

const packageJson = z
  .object({ main: z.string(), scripts: z.record(z.string(), z.string()), dependencies: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readProjectFile('package.json')));

/** Whether electron-builder's `files` patterns (globs, `!` to exclude, last match wins) take a path. */
function packaged(patterns: readonly string[], path: string): boolean {
  let taken = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(path, pattern.slice(1))) taken = false;
    } else if (matchesGlob(path, pattern)) {
      taken = true;
    }
  }
  return taken;
}

describe('electron-builder configuration (build/electron-builder.yml)', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(validateWithElectronBuilder(await loadBuilderConfig())).resolves.toBeUndefined();
  });

  it('the validation is real: a misspelt or misplaced option is refused', async () => {
    const config = await loadBuilderConfig();
    await expect(validateWithElectronBuilder({ ...config, linux: { ...config.linux, executableNmae: 'okno' } as typeof config.linux })).rejects.toThrow(
      /configuration\.linux should be/,
    );
    await expect(validateWithElectronBuilder({ ...config, asar: 'yes' as unknown as boolean })).rejects.toThrow(/configuration\.asar should be/);
  });

  it('is the config `npm run dist` uses, after a build', () => {
    expect(packageJson.scripts['dist']).toMatch(/^npm run build && electron-builder .*--config build\/electron-builder\.yml/);
  });

  it('names the app and builds deb and AppImage for x64 and arm64, and an NSIS installer for x64', async () => {
    const view = await loadConfigView();
    expect(view.appId).toBe('ru.okno.kiosk');
    expect(view.productName).toBe('okno');
    expect(view.linux.executableName).toBe('okno');
    expect(view.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(view.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('packs the app into asar with native .node files unpacked, and rebuilds nothing', async () => {
    const view = await loadConfigView();
    expect(view.asar).toBe(true);
    expect(view.asarUnpack).toContain('**/*.node');
    expect(view.npmRebuild).toBe(false);
    expect(matchesGlob('node_modules/better-sqlite3/prebuilds/linux-arm64.node', view.asarUnpack[0] ?? '')).toBe(true);
  });

  it('packages the built entry points and the renderer, and no source maps or sources', async () => {
    const { files } = await loadConfigView();
    for (const path of ['package.json', packageJson.main, 'dist/electron/shell/preload.cjs', 'dist/renderer/index.html', 'dist/electron/core/boot.js', 'dist/shared/config.js']) {
      expect({ path, packaged: packaged(files, path) }).toEqual({ path, packaged: true });
    }
    for (const path of ['dist/electron/shell/main.js.map', 'electron/shell/main.ts', 'tests/unit/electron/shell/main.test.ts', 'build/afterPack.ts']) {
      expect({ path, packaged: packaged(files, path) }).toEqual({ path, packaged: false });
    }
  });

  it('every file it names exists: icons, the afterPack hook, extra resources, the units the deb installs', async () => {
    const view = await loadConfigView();
    const named = [
      join(view.linux.icon, '512x512.png'),
      view.win.icon,
      view.afterPack,
      ...view.extraResources.map((resource) => resource.from),
      ...debFileMappings(view).map((mapping) => mapping.source),
    ];
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const path of named) expect({ path, exists: existsSync(join(projectDir, path)) }).toEqual({ path, exists: true });
  });

  it('electron-builder can load the afterPack hook the way it loads hooks', async () => {
    const view = await loadConfigView();
    // electron-builder resolves a relative hook path from the working directory: the project.
    expect(process.cwd()).toBe(projectDir.replace(/\/$/, ''));
    const hook = await resolveFunction<unknown>(undefined, view.afterPack, 'afterPack', projectDir);
    expect(typeof hook).toBe('function');
    expect((hook as { name: string }).name).toBe('afterPack');
  });

  it('the deb installs the user unit and the autostart entry where systemd and the desktop look', async () => {
    const mappings = debFileMappings(await loadConfigView());
    expect(mappings).toEqual([
      { source: 'build/linux/okno-kiosk.service', destination: '/usr/lib/systemd/user/okno-kiosk.service' },
      { source: 'build/linux/okno-kiosk.desktop', destination: '/etc/xdg/autostart/okno-kiosk.desktop' },
    ]);
  });

  it('is the only builder config (none in package.json to be merged in silently)', () => {
    expect(JSON.parse(readProjectFile('package.json'))).not.toHaveProperty('build');
    expect(BUILDER_CONFIG).toBe('build/electron-builder.yml');
  });
});
