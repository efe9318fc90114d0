import { CONTENT_SECURITY_POLICY, readRendererFile } from '../rendererFiles.ts';
import { isAppUrl, parseUrl } from './trustedUrl.ts';

/**
 * Serves the built renderer (dist/renderer) as `app://okno/…`. A page from a custom origin, rather
 * than file://, gets a narrow origin and a CSP we control; file:// would let any page read the disk.
 */

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

export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') {
      const response = respond(405, 'method not allowed');
      response.headers.set('allow', 'GET');
      return response;
    }
    const url = parseUrl(request.url);
    if (url === null || !isAppUrl(request.url)) return notFound();
    // No Accept-Encoding passed on: the files come from the local disk, where fewer bytes save no time
    // and decompressing costs CPU on every load; Electron's protocol handler would also have to declare
    // the encoding itself. The precompressed variants are for the browser host's HTTP.
    const file = await readRendererFile(rootDir, url.pathname);
    return file === null ? notFound() : respond(200, new Uint8Array(file.body), file.contentType);
  };
}
