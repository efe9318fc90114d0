// Bundles the Electron preload into one CommonJS file. A sandboxed preload runs in a small
// CommonJS environment: it cannot import ES modules or the repo's own files, only 'electron'.
// Runs after `tsc -p tsconfig.build.json`, which already emitted dist/electron/shell/main.js.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/electron/shell/preload.cjs`;

await build({
  entryPoints: [`${root}electron/shell/preload.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  // The preload runs on every page load, and after every crash reload; keep it small.
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});

const main = `${root}dist/electron/shell/main.js`;
if (!existsSync(main)) {
  console.warn(`bundle-shell: ${main} is missing; run "npm run build:core" first, or "npm run build".`);
}
console.log(`bundle-shell: wrote ${outfile}`);
