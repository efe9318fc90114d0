import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browserHost/browserHost.ts';
import { bootContractCore } from '../contract/contractSetup.ts';

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
  let booted: Awaited<ReturnType<typeof bootContractCore>>;
  let host: BrowserHost;

  beforeAll(async () => {
    booted = await bootContractCore();
    const rendererDir = join(booted.dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>okno</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(booted.dir, 'secret.txt'), 'do not serve');
    symlinkSync(join(booted.dir, 'secret.txt'), join(rendererDir, 'link.txt'));
    host = await startBrowserHost({ core: booted.running.core, rendererDir, maxBodyBytes: 1024 });
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

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/link.txt', '/%00', '/%E0%A4%A'])(
    'refuses %s (outside the renderer, or malformed)',
    async (path) => {
      const response = await raw(host, { path });
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('do not serve');
    },
  );

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
    const before = booted.running.kiosk!.getState().revision;
    const response = await raw(host, { method: 'POST', path: '/api/press', headers: { 'content-type': 'application/json' }, body: '{"score": 5,' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'invalid-input', message: 'body is not valid JSON' } });
    expect(booted.running.kiosk!.getState().revision).toBe(before);
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

  it('a same-origin intent works and answers 200', async () => {
    const response = await raw(host, {
      method: 'POST',
      path: '/api/locale',
      headers: { origin: new URL(host.url).origin, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'en' }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: null });
  });
});
