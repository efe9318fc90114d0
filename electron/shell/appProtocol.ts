import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { isAppUrl, parseUrl } from './trustedUrl.ts';

/**
 * Serves the built renderer (dist/renderer) as `app://okno/…`. A page from a custom origin, rather
 * than file://, gets a narrow origin and a CSP we control; file:// would let any page read the disk.
 */

/** Sent with every response, errors included, so no document from this scheme runs without it. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
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
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function respond(status: number, body: Uint8Array<ArrayBuffer> | string | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'content-type': contentType,
      // The files change only with an update, which restarts the app; never serve a stale bundle.
      'cache-control': 'no-cache',
    },
  });
}

const notFound = (): Response => respond(404, 'not found');

/**
 * The file a URL names, or null. The lexical `resolve` is not the guard — `realpath` is: it follows
 * symlinks and `..` (including ones that arrive percent-encoded as `..%2f`), and only a path that is
 * still inside the real root is served.
 */
async function fileFor(url: URL, realRoot: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  let real: string;
  try {
    real = await realpath(resolve(realRoot, `.${path.startsWith('/') ? path : `/${path}`}`));
  } catch {
    return null;
  }
  if (!real.startsWith(realRoot + sep)) return null;
  try {
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== 'GET') {
      const response = respond(405, 'method not allowed');
      response.headers.set('allow', 'GET');
      return response;
    }
    const url = parseUrl(request.url);
    if (url === null || !isAppUrl(request.url)) return notFound();
    // Resolved on first use, not at start: dist/renderer may be (re)built while the app is up.
    realRoot ??= realpath(rootDir);
    let root: string;
    try {
      root = await realRoot;
    } catch {
      realRoot = undefined;
      return notFound();
    }
    const file = await fileFor(url, root);
    if (file === null) return notFound();
    try {
      const body = new Uint8Array(await readFile(file));
      return respond(200, body, CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    } catch {
      return notFound();
    }
  };
}
