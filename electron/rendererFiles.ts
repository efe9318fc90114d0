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

export interface RendererFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The file a URL path names inside `root`, or null: outside it (`..`, encoded or not, or a symlink
 * leading out), malformed, missing, or not a file. A path ending in `/` means its index.html.
 * The guard is `realpath`, not string checks: it resolves `..` and links, and only a path still
 * inside the real root is served.
 */
export async function readRendererFile(root: string, urlPath: string): Promise<RendererFile | null> {
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
    return { body: await readFile(real), contentType: CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
