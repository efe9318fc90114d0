import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browserHost/browserHost.ts';
import { startContractDevice } from '../contract/contractSetup.ts';
import { rawExchange } from '../helpers/rawHttp.ts';
import { waitFor } from '../helpers/waitFor.ts';

/** Raw HTTP, so the test controls every header and the exact path (fetch would normalise `..`). */
function raw(host: BrowserHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(host.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: options.path, headers: { host: url.host, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  let booted: Awaited<ReturnType<typeof startContractDevice>>;
  let host: BrowserHost;

  beforeAll(async () => {
    booted = await startContractDevice();
    const rendererDir = join(booted.dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>okno</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(booted.dir, 'secret.txt'), 'do not serve');
    symlinkSync(join(booted.dir, 'secret.txt'), join(rendererDir, 'link.txt'));
    host = await startBrowserHost({ core: booted.device, rendererDir, maxBodyBytes: 1024 });
  });
  afterAll(async () => {
    await host.close();
    await booted.close();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('serves the renderer with a strict content security policy', async () => {
    const page = await raw(host, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>okno</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(host, { path: '/assets/app.js' })).headers['content-type']).toMatch(/^text\/javascript/);
  });

  it.each([
    ...['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/link.txt', '/%00'].map((path) => [path, 404] as const),
    // Not valid percent-encoding: not a path at all (issue #11, defect 7).
    ['/%E0%A4%A', 400] as const,
  ])('refuses %s (outside the renderer, or malformed)', async (path, status) => {
    const response = await raw(host, { path });
    expect(response.status).toBe(status);
    expect(response.body).not.toContain('do not serve');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const response = await raw(host, { path: '/api/state', headers: { host: 'evil.example' } });
    expect(response.status).toBe(421);
  });

  it('refuses intents from another origin', async () => {
    const response = await raw(host, {
      method: 'POST',
      path: '/api/press',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ score: 5, source: 'touch' }),
    });
    expect(response.status).toBe(403);
    expect(booted.counts().byType['rating.submitted']).toBeUndefined();
  });

  it('refuses intents that are not JSON (a plain form post cannot vote)', async () => {
    const response = await raw(host, { method: 'POST', path: '/api/press', headers: { 'content-type': 'text/plain' }, body: '{"score":5,"source":"touch"}' });
    expect(response.status).toBe(415);
  });

  it('answers broken JSON with 400 and a reason, and counts it', async () => {
    const before = booted.device.getState().revision;
    const response = await raw(host, { method: 'POST', path: '/api/press', headers: { 'content-type': 'application/json' }, body: '{"score": 5,' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'invalid-input', message: 'body is not valid JSON' } });
    expect(booted.device.getState().revision).toBe(before);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await raw(host, { method: 'POST', path: '/api/press', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(5000) }) });
    expect(response.status).toBe(413);
  });

  it('answers wrong methods with 405 and unknown API paths with 404', async () => {
    expect((await raw(host, { path: '/api/press' })).status).toBe(405);
    expect((await raw(host, { method: 'DELETE', path: '/' })).status).toBe(405);
    expect((await raw(host, { path: '/api/nothing' })).status).toBe(404);
  });

  it('answers a request-target that is not a path with 400, and keeps serving (issue #11, defect 7)', async () => {
    const { port, host: hostHeader } = new URL(host.url);
    const before = host.requestErrors.badRequests;
    for (const target of ['//[', 'http://[/', '*', 'http://x:99999/', '//%/']) {
      const answer = await rawExchange(Number(port), `GET ${target} HTTP/1.1\r\nhost: ${hostHeader}\r\n\r\n`);
      expect(answer.statuses, target).toEqual([400]);
      expect(answer.text, target).toContain('"code":"invalid-input"');
    }
    // A valid path, read as a path (never as an authority): not found.
    expect((await rawExchange(Number(port), `GET //x:99999/ HTTP/1.1\r\nhost: ${hostHeader}\r\n\r\n`)).statuses).toEqual([404]);
    expect(host.requestErrors.badRequests - before).toBe(5);
    expect((await raw(host, { path: '/' })).status).toBe(200);
  });

  it('answers what Node’s parser refuses and CONNECT with a JSON error and its security headers', async () => {
    const { port, host: hostHeader } = new URL(host.url);
    const before = host.requestErrors.malformedRequests;
    const broken = await rawExchange(Number(port), `GET / HTTP/1.1\r\nhost: ${hostHeader}\r\nnot a header\r\n\r\n`);
    expect(broken.statuses).toEqual([400]);
    expect(broken.text).toContain('\r\nx-content-type-options: nosniff\r\n');
    expect(JSON.parse(broken.text.slice(broken.text.indexOf('\r\n\r\n') + 4))).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const tunnel = await rawExchange(Number(port), `CONNECT example.org:443 HTTP/1.1\r\nhost: example.org:443\r\n\r\n`);
    expect(tunnel.statuses).toEqual([405]);
    expect(host.requestErrors.malformedRequests - before).toBe(2);
    expect((await raw(host, { path: '/' })).status).toBe(200);
  });

  it('counts an intent whose browser went away mid-body, without answering 500', async () => {
    const { port, host: hostHeader } = new URL(host.url);
    const socket = connect({ port: Number(port), host: '127.0.0.1' });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(`POST /api/press HTTP/1.1\r\nhost: ${hostHeader}\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"score":`);
    await waitFor(() => socket.bytesWritten > 50, 'the request head written');
    socket.destroy();
    await waitFor(() => host.requestErrors.abortedRequests === 1, 'the aborted intent counted');
    expect(host.requestErrors.internalErrors).toBe(0);
  });

  it('answers any raw request without a 5xx, and keeps serving (fast-check)', async () => {
    const { port, host: hostHeader } = new URL(host.url);
    const chars = (alphabet: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength });
    const request = fc
      .tuple(
        fc.oneof(fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'CONNECT'), chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ-', 8)),
        fc.oneof(
          // Every intent path, the state, the page; not /api/events, whose answer never ends.
          fc.constantFrom('/', '/api/state', '/api/press', '/api/setLocale', '/api/enterPin', '/api/technician/save', '//[', 'http://[/', '*'),
          fc.tuple(fc.constantFrom('/', '//', '/api/', '/assets/', 'http://127.0.0.1/'), chars('/[]%:@?#&=+.;,!$*~_-abcXYZ019\\|{}^`"<> \u00e9', 30)).map(([a, b]) => a + b),
        ),
        fc.constantFrom(hostHeader, hostHeader, 'evil.example', ''),
        fc.array(fc.tuple(fc.constantFrom('content-type', 'content-length', 'origin', 'transfer-encoding', 'x-any'), fc.constantFrom('application/json', 'text/plain', '0', '3', '9999', 'chunked', 'null', host.url.slice(0, -1))), { maxLength: 4 }),
        fc.oneof(fc.constant(''), fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)), fc.constant('{"score":5,"source":"touch"}')),
      )
      .map(([method, target, hostValue, headers, body]) => `${method} ${target} HTTP/1.1\r\nhost: ${hostValue}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
    const internalBefore = host.requestErrors.internalErrors;
    await fc.assert(
      fc.asyncProperty(request, async (text) => {
        const answer = await rawExchange(Number(port), Buffer.from(text, 'latin1'));
        for (const status of answer.statuses) expect(status, text).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(host.requestErrors.internalErrors).toBe(internalBefore);
    expect((await raw(host, { path: '/' })).status).toBe(200);
  });

  it('a same-origin intent works and answers 200', async () => {
    const response = await raw(host, {
      method: 'POST',
      path: '/api/setLocale',
      headers: { origin: new URL(host.url).origin, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'en' }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: null });
  });
});
