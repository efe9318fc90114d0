// Draws okno's application icon and writes it in the forms electron-builder wants:
//   build/icon.png            512×512, the source icon
//   build/icons/NxN.png       Linux (deb, AppImage): one file per size, named by size
//   build/icon.ico            Windows (nsis): PNG-compressed entries 16…256
// No image library and no network: a tiny PNG encoder on node:zlib. Run: node build/makeIcons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const BACKGROUND: Rgba = [0x10, 0x23, 0x3f, 255]; // the kiosk's idle background (kioskWindow.ts)
const FRAME: Rgba = [0xf4, 0xf1, 0xe8, 255];
const GLASS: Rgba = [0x6f, 0xb7, 0xe8, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** Signed distance to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedBox(x: number, y: number, cx: number, cy: number, halfW: number, halfH: number, radius: number): number {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** The colour at a point of the unit square: a window (four panes) on a rounded tile. */
function colourAt(x: number, y: number): Rgba {
  if (roundedBox(x, y, 0.5, 0.5, 0.48, 0.48, 0.11) > 0) return TRANSPARENT;
  const inFrame = roundedBox(x, y, 0.5, 0.52, 0.3, 0.32, 0.04) <= 0;
  if (!inFrame) return BACKGROUND;
  const pane = 0.235;
  const gap = 0.03;
  const inPane = [0.5 - gap - pane / 2, 0.5 + gap + pane / 2].some((px) =>
    [0.52 - gap - pane / 2 - 0.015, 0.52 + gap + pane / 2 + 0.015].some(
      (py) => roundedBox(x, y, px, py, pane / 2, pane / 2 + 0.015, 0.015) <= 0,
    ),
  );
  return inPane ? GLASS : FRAME;
}

/** RGBA pixels, 4×4 supersampled so the edges are smooth at 16 px too. */
function render(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const colour = colourAt((column + (sx + 0.5) / samples) / size, (row + (sy + 0.5) / samples) / size);
          const alpha = colour[3];
          for (let channel = 0; channel < 3; channel += 1) sum[channel]! += colour[channel]! * alpha;
          sum[3]! += alpha;
        }
      }
      const offset = (row * size + column) * 4;
      const alphaSum = sum[3]!;
      for (let channel = 0; channel < 3; channel += 1) {
        pixels[offset + channel] = alphaSum === 0 ? 0 : Math.round(sum[channel]! / alphaSum);
      }
      pixels[offset + 3] = Math.round(alphaSum / (samples * samples));
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  const scanlines = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row += 1) {
    scanlines[row * (size * 4 + 1)] = 0; // filter: none
    scanlines.set(rgba.subarray(row * size * 4, (row + 1) * size * 4), row * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** An .ico whose entries are PNGs (Windows Vista and later read these; electron-builder wants 256). */
export function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png }, index) => {
    const entry = index * 16;
    directory[entry] = size >= 256 ? 0 : size; // 0 means 256
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map((image) => image.png)]);
}

export const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
export const WINDOWS_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

function main(): void {
  const buildDir = fileURLToPath(new URL('.', import.meta.url));
  const pngs = new Map<number, Buffer>();
  const pngOf = (size: number): Buffer => {
    let png = pngs.get(size);
    if (png === undefined) {
      png = encodePng(size, render(size));
      pngs.set(size, png);
    }
    return png;
  };
  mkdirSync(`${buildDir}icons`, { recursive: true });
  for (const size of LINUX_ICON_SIZES) writeFileSync(`${buildDir}icons/${size}x${size}.png`, pngOf(size));
  writeFileSync(`${buildDir}icon.png`, pngOf(512));
  writeFileSync(`${buildDir}icon.ico`, encodeIco(WINDOWS_ICON_SIZES.map((size) => ({ size, png: pngOf(size) }))));
  console.log(`makeIcons: wrote ${buildDir}icon.png, icon.ico and icons/`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
