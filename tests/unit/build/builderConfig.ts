import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { z } from 'zod';

/** The packaging tests' shared view of build/electron-builder.yml, loaded the way electron-builder loads it. */

export const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
export const BUILDER_CONFIG = 'build/electron-builder.yml';

export type BuilderConfiguration = Parameters<typeof validateConfiguration>[0];

/** electron-builder's own reader: the same file lookup, YAML parsing and `extends` handling as `npm run dist`. */
export function loadBuilderConfig(): Promise<BuilderConfiguration> {
  return getConfig(projectDir, BUILDER_CONFIG, null);
}

/**
 * electron-builder's own validation (its JSON schema, scheme.json, plus its checks of deprecated
 * options); it throws on anything `npm run dist` would refuse.
 */
export function validateWithElectronBuilder(config: BuilderConfiguration): Promise<void> {
  // The logger is only read to add detail to an error when debugging is on.
  const quietLogger = { isEnabled: false, add: () => {} } as unknown as Parameters<typeof validateConfiguration>[1];
  return validateConfiguration(config, quietLogger);
}

const targetSchema = z.object({ target: z.string(), arch: z.array(z.string()) });

/** The parts of the config the tests assert on, checked rather than cast. */
export const configViewSchema = z.object({
  appId: z.string(),
  productName: z.string(),
  // electron-builder normalises a list of patterns into one file set with a filter.
  files: z.array(z.object({ filter: z.array(z.string()) })).transform((sets) => sets.flatMap((set) => set.filter)),
  asar: z.boolean(),
  asarUnpack: z.array(z.string()),
  npmRebuild: z.boolean(),
  afterPack: z.string(),
  extraResources: z.array(z.object({ from: z.string(), to: z.string() })),
  linux: z.object({ target: z.array(targetSchema), executableName: z.string(), icon: z.string() }),
  deb: z.object({ fpm: z.array(z.string()) }),
  win: z.object({ target: z.array(targetSchema), icon: z.string() }),
});
export type ConfigView = z.infer<typeof configViewSchema>;

export async function loadConfigView(): Promise<ConfigView> {
  return configViewSchema.parse(await loadBuilderConfig());
}

/** `src=dest` arguments that fpm adds to the deb, as pairs. */
export function debFileMappings(view: ConfigView): Array<{ source: string; destination: string }> {
  return view.deb.fpm.map((argument) => {
    const [source, destination, ...rest] = argument.split('=');
    if (source === undefined || destination === undefined || rest.length > 0) throw new Error(`not an fpm src=dest mapping: ${argument}`);
    return { source, destination };
  });
}

/** Where the deb installs the app: electron-builder's /opt/<productName>/<executableName>. */
export const installedExecutable = (view: ConfigView): string => `/opt/${view.productName}/${view.linux.executableName}`;

export const readProjectFile = (path: string): string => readFileSync(join(projectDir, path), 'utf8');
