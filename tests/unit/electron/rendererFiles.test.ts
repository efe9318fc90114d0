import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, readRendererFile } from '../../../electron/rendererFiles.ts';
import { createAppRequestHandler } from '../../../electron/shell/appProtocol.ts';

const COMPRESS = join(import.meta.dirname, '..', '..', '..', 'build', 'compressRenderer.js');

/** A built renderer in miniature: text that compresses, a tiny file, an image, then the build's compression step. */
let base: string;
let root: string;
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i % 37} of the kiosk`))};\n`;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'okno-renderer-files-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), `<!doctype html><title>okno</title>${'<p>okno</p>'.repeat(50)}`);
  writeFileSync(join(root, 'assets', 'app.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'tiny.css'), 'a{}');
  writeFileSync(join(root, 'assets', 'face.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  writeFileSync(join(root, 'assets', 'stale.js.gz'), 'left over from an earlier build');
  writeFileSync(join(root, 'assets', 'stale.js'), SCRIPT);
  const result = spawnSync(process.execPath, [COMPRESS, root], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the build precompresses the text assets', () => {
  it('writes NAME.br and NAME.gz beside each text asset, and they decompress to it', () => {
    for (const name of ['index.html', 'assets/app.js', 'assets/stale.js']) {
      const original = readFileSync(join(root, name));
      expect(brotliDecompressSync(readFileSync(join(root, `${name}.br`))).equals(original), name).toBe(true);
      expect(gunzipSync(readFileSync(join(root, `${name}.gz`))).equals(original), name).toBe(true);
      expect(readFileSync(join(root, `${name}.br`)).length).toBeLessThan(original.length / 4);
    }
  });

  it('skips an image, and a file its compression would make larger', () => {
    expect(existsSync(join(root, 'assets', 'face.png.br'))).toBe(false);
    expect(existsSync(join(root, 'assets', 'tiny.css.br'))).toBe(false);
    expect(existsSync(join(root, 'assets', 'tiny.css.gz'))).toBe(false);
  });
});

describe('Accept-Encoding', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['gzip', ['gzip']],
    ['br;q=0, gzip', ['gzip']],
    ['BR;Q=0.5, GZIP;q=0.8', ['br', 'gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0', []],
    ['br;q=0, *', ['gzip']],
    ['gzip;q=0, br;q=0', []],
    ['deflate', []],
  ])('%j → %j', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected);
  });
});

describe('readRendererFile picks the variant the client takes', () => {
  it('brotli before gzip, gzip when brotli is refused, the file itself otherwise; the bytes decompress to the file', async () => {
    const original = readFileSync(join(root, 'assets', 'app.js'));
    const br = await readRendererFile(root, '/assets/app.js', 'gzip, deflate, br');
    expect(br).toMatchObject({ encoding: 'br', contentType: 'text/javascript; charset=utf-8' });
    expect(brotliDecompressSync(br!.body).equals(original)).toBe(true);

    const gzip = await readRendererFile(root, '/assets/app.js', 'gzip, br;q=0');
    expect(gzip?.encoding).toBe('gzip');
    expect(gunzipSync(gzip!.body).equals(original)).toBe(true);

    for (const header of [undefined, 'identity', 'deflate']) {
      const plain = await readRendererFile(root, '/assets/app.js', header);
      expect(plain?.encoding, String(header)).toBeNull();
      expect(plain!.body.equals(original)).toBe(true);
    }
  });

  it('/ is index.html, compressed too', async () => {
    const index = await readRendererFile(root, '/', 'br');
    expect(index).toMatchObject({ encoding: 'br', contentType: 'text/html; charset=utf-8' });
    expect(brotliDecompressSync(index!.body).toString()).toContain('<title>okno</title>');
  });

  it('a file without a variant is sent as it is, whatever the client takes', async () => {
    const tiny = await readRendererFile(root, '/assets/tiny.css', 'br, gzip');
    expect(tiny).toMatchObject({ encoding: null, contentType: 'text/css; charset=utf-8' });
    expect(tiny!.body.toString()).toBe('a{}');
  });

  it('a variant that leads out of the root is not sent, nor is a missing file', async () => {
    writeFileSync(join(base, 'outside.br'), 'SECRET');
    writeFileSync(join(root, 'assets', 'linked.js'), SCRIPT);
    symlinkSync(join(base, 'outside.br'), join(root, 'assets', 'linked.js.br'));
    const linked = await readRendererFile(root, '/assets/linked.js', 'br');
    expect(linked?.encoding).toBeNull();
    expect(linked!.body.toString()).toBe(SCRIPT);
    expect(await readRendererFile(root, '/assets/missing.js', 'br')).toBeNull();
  });

  it('the Electron app:// protocol reads the file as it is: no encoding over the local disk', async () => {
    const response = await createAppRequestHandler(root)(new Request('app://okno/assets/app.js', { headers: { 'accept-encoding': 'br, gzip' } }));
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(SCRIPT);
  });
});
