import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/**
 * The built renderer (dist/renderer) as both hosts serve it — the Electron shell over app://, the
 * browser host over HTTP: one content security policy, one content-type table, one path guard.
 */

/** Sent with every response, errors included, so no document of ours runs without it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The encodings the build writes beside a text asset (build/compressRenderer.js), and their file suffix. */
export type ContentEncoding = 'br' | 'gzip';
const SUFFIX: Readonly<Record<ContentEncoding, string>> = { br: '.br', gzip: '.gz' };

export interface RendererFile {
  /** The bytes to send: the file itself, or its precompressed variant when `encoding` says so. */
  readonly body: Buffer;
  readonly contentType: string;
  /** The Content-Encoding of `body`; null: the file as it is. */
  readonly encoding: ContentEncoding | null;
}

/**
 * The precompressed variants a client takes, best first, from its Accept-Encoding header: brotli (the
 * smaller), then gzip, each unless refused with q=0 (named, or through `*`). None: the file as it is.
 */
export function acceptedEncodings(acceptEncoding: string | undefined): ContentEncoding[] {
  if (!acceptEncoding) return [];
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: string): number => weights.get(name) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((encoding) => weightOf(encoding) > 0);
}

/**
 * The file a URL path names inside `root`, or null: outside it (`..`, encoded or not, or a symlink
 * leading out), malformed, missing, or not a file. A path ending in `/` means its index.html.
 * The guard is `realpath`, not string checks: it resolves `..` and links, and only a path still
 * inside the real root is served. With the request's Accept-Encoding, the file's precompressed
 * variant (NAME.br, NAME.gz, written by the build) is sent instead when the client takes it.
 */
export async function readRendererFile(root: string, urlPath: string, acceptEncoding?: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = (decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded).replace(/^\/+/, '');
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, relative));
    if (!real.startsWith(realRoot + sep)) return null;
    if (!(await stat(real)).isFile()) return null;
    const contentType = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    for (const encoding of acceptedEncodings(acceptEncoding)) {
      const variant = await readVariant(realRoot, real + SUFFIX[encoding]);
      if (variant) return { body: variant, contentType, encoding };
    }
    return { body: await readFile(real), contentType, encoding: null };
  } catch {
    return null;
  }
}

/** A precompressed variant, if the build wrote one (and it too is a file inside the root). */
async function readVariant(realRoot: string, path: string): Promise<Buffer | null> {
  try {
    const real = await realpath(path);
    if (!real.startsWith(realRoot + sep) || !(await stat(real)).isFile()) return null;
    return await readFile(real);
  } catch {
    return null;
  }
}
