import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIco, encodePng, LINUX_ICON_SIZES, WINDOWS_ICON_SIZES } from '../../../build/makeIcons.ts';
import { loadConfigView, projectDir } from './builderConfig.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface PngFacts {
  width: number;
  height: number;
  colourType: number;
  /** Share of fully transparent pixels: a blank icon would be 1. */
  transparentShare: number;
}

/** Enough of a PNG reader to check what electron-builder and the OS need: size, RGBA, real pixels. */
function readPng(png: Buffer): PngFacts {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colourType = body[9] ?? -1;
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  let transparent = 0;
  for (let row = 0; row < height; row += 1) {
    for (let column = 0; column < width; column += 1) {
      if (raw[row * (width * 4 + 1) + 1 + column * 4 + 3] === 0) transparent += 1;
    }
  }
  return { width, height, colourType, transparentShare: transparent / (width * height) };
}

function readIcoEntries(ico: Buffer): Array<{ size: number; png: Buffer }> {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + index * 16;
    const size = ico[entry] === 0 ? 256 : (ico[entry] ?? 0);
    const length = ico.readUInt32LE(entry + 8);
    const start = ico.readUInt32LE(entry + 12);
    return { size, png: ico.subarray(start, start + length) };
  });
}

describe('icons in build/', () => {
  it('the Linux icon set has every size, 512×512 included, RGBA and not blank', async () => {
    const view = await loadConfigView();
    for (const size of LINUX_ICON_SIZES) {
      const facts = readPng(readFileSync(join(projectDir, view.linux.icon, `${size}x${size}.png`)));
      expect(facts).toMatchObject({ width: size, height: size, colourType: 6 });
      expect(facts.transparentShare).toBeLessThan(0.2);
    }
    expect(readPng(readFileSync(join(projectDir, 'build/icon.png')))).toMatchObject({ width: 512, height: 512 });
  });

  it('the Windows .ico holds PNG entries up to the 256×256 electron-builder requires', async () => {
    const view = await loadConfigView();
    const entries = readIcoEntries(readFileSync(join(projectDir, view.win.icon)));
    expect(entries.map((entry) => entry.size)).toEqual([...WINDOWS_ICON_SIZES]);
    for (const entry of entries) expect(readPng(entry.png)).toMatchObject({ width: entry.size, height: entry.size, colourType: 6 });
  });

  it('the encoders round-trip (so a broken generator fails here, not on a technician’s screen)', () => {
    const pixels = new Uint8Array(2 * 2 * 4).fill(255);
    pixels[3] = 0;
    const png = encodePng(2, pixels);
    expect(readPng(png)).toEqual({ width: 2, height: 2, colourType: 6, transparentShare: 0.25 });
    expect(readIcoEntries(encodeIco([{ size: 2, png }]))).toEqual([{ size: 2, png }]);
  });
});
