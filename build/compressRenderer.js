// Precompresses the built renderer: writes NAME.br and NAME.gz beside each text asset of dist/renderer
// (or of the directory given), once at build time and at the highest levels, so the browser host sends
// a citizen's page in a fraction of its bytes without compressing anything while the kiosk runs.
// A variant that would not be smaller is not written: the file is then served as it is.
// Runs after `vite build` (npm run build:renderer). Plain JavaScript, so `npm run build` needs no
// TypeScript loader on any Node the package supports.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The assets that compress well; images and fonts are compressed already. */
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const root = process.argv[2] ?? fileURLToPath(new URL('../dist/renderer', import.meta.url));
let raw = 0;
let br = 0;
let gz = 0;
for (const file of files(root)) {
  if (!TEXT.has(extname(file).toLowerCase())) continue;
  const body = readFileSync(file);
  const variants = {
    br: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gz: gzipSync(body, { level: 9 }),
  };
  raw += body.length;
  for (const [suffix, compressed] of Object.entries(variants)) {
    const target = `${file}.${suffix}`;
    // A stale variant from an earlier build must not outlive the file it was made from.
    rmSync(target, { force: true });
    if (compressed.length >= body.length) continue;
    writeFileSync(target, compressed);
    if (suffix === 'br') br += compressed.length;
    else gz += compressed.length;
  }
}
console.log(`compressRenderer: ${relative(process.cwd(), root) || '.'}: ${raw} bytes of text assets → brotli ${br}, gzip ${gz}`);
