import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler } from '../../../../electron/shell/appProtocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/rendererFiles.ts';

/**
 * A real directory: renderer/ is served; secret.txt sits beside it, where every traversal below
 * would land if the guard were only lexical or absent.
 */
let base: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'okno-protocol-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>okno</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  writeFileSync(join(base, 'renderer-evil.txt'), 'SECRET');
  // A symlink inside the root pointing out of it: only a real-path check catches it.
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  serve = createAppRequestHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit): Promise<Response> => serve(new Request(url, init));

describe('app:// protocol', () => {
  it('serves index.html for / and files under the root, with their type', async () => {
    const index = await get('app://okno/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('<title>okno</title>');

    const script = await get('app://okno/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.log(1)');
  });

  it('sends the strict CSP on every response, errors included', async () => {
    for (const response of [await get('app://okno/index.html'), await get('app://okno/missing.js'), await get('app://okno/', { method: 'POST', body: 'x' })]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const csp = CONTENT_SECURITY_POLICY.split('; ');
    expect(csp).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'none'",
      ]),
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it.each([
    'app://okno/../../etc/passwd',
    'app://okno/%2e%2e/%2e%2e/etc/passwd',
    'app://okno/../secret.txt',
    'app://okno/%2e%2e/secret.txt',
    'app://okno/..%2fsecret.txt',
    'app://okno/assets/..%2f..%2fsecret.txt',
    'app://okno/%2e%2e%2fsecret.txt',
    'app://okno/..%5csecret.txt',
    'app://okno/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://okno/..%2frenderer-evil.txt',
    'app://okno/assets/link.txt',
    'app://okno/index.html%00.js',
    'app://okno/%E0%A4%A',
  ])('refuses path traversal: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });

  it.each(['app://evil/index.html', 'app://okno.evil/index.html', 'app://okno:81/index.html', 'https://okno/index.html'])(
    'refuses another host or origin: %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('okno</title>');
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('refuses %s', async (method) => {
    const response = await get('app://okno/index.html', method === 'POST' || method === 'PUT' ? { method, body: 'x' } : { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('answers 404 for a missing file and for a directory', async () => {
    expect((await get('app://okno/nope.html')).status).toBe(404);
    expect((await get('app://okno/assets')).status).toBe(404);
  });

  it('answers 404, not a crash, when the renderer was never built', async () => {
    const missing = createAppRequestHandler(join(base, 'no-such-dir'));
    expect((await missing(new Request('app://okno/index.html'))).status).toBe(404);
  });
});
