import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browserHost/browserHost.ts';
import { startContractDevice } from '../contract/contractSetup.ts';

const COMPRESS = join(import.meta.dirname, '..', '..', 'build', 'compressRenderer.js');
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `word ${i % 41} of the kiosk`))};\n`;

/** One GET or HEAD with exactly these headers; the body as bytes, not decoded. */
function fetchRaw(host: BrowserHost, path: string, headers: Record<string, string>, method = 'GET') {
  const url = new URL(host.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { host: url.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host: the renderer precompressed', () => {
  let booted: Awaited<ReturnType<typeof startContractDevice>>;
  let host: BrowserHost;
  let rendererDir: string;

  beforeAll(async () => {
    booted = await startContractDevice();
    rendererDir = join(booted.dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), `<!doctype html><title>okno</title>${'<p>okno</p>'.repeat(50)}`);
    writeFileSync(join(rendererDir, 'assets', 'app.js'), SCRIPT);
    const compressed = spawnSync(process.execPath, [COMPRESS, rendererDir], { encoding: 'utf8' });
    expect(compressed.status, compressed.stderr).toBe(0);
    host = await startBrowserHost({ core: booted.device, rendererDir });
  });
  afterAll(async () => {
    await host.close();
    await booted.close();
  });

  it('sends brotli to a browser that takes it, with Content-Encoding and Vary; the bytes are the file', async () => {
    const answer = await fetchRaw(host, '/assets/app.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['vary']).toMatch(/accept-encoding/i);
    expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
    // The security headers stay on a compressed answer.
    expect(answer.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('gzip when brotli is not taken; the page itself too', async () => {
    const answer = await fetchRaw(host, '/', { 'accept-encoding': 'gzip' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(answer.body).toString()).toBe(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
  });

  it('the file as it is without Accept-Encoding, still with Vary (a cache must not hand it to the others)', async () => {
    const answer = await fetchRaw(host, '/assets/app.js', {});
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['vary']).toMatch(/accept-encoding/i);
    expect(answer.body.toString()).toBe(SCRIPT);
  });

  it('HEAD gives the headers of the compressed answer and no body', async () => {
    const answer = await fetchRaw(host, '/assets/app.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.body.length).toBe(0);
  });
});
