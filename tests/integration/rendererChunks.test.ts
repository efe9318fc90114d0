import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/okno.ts';

/**
 * The built renderer (npm run build): what a citizen's first load fetches is the page, its entry chunk
 * and stylesheet, then its own face. Technician mode, and the other face, are chunks of their own,
 * fetched only when needed. Strings below are ones only that part of the page has (test ids, classes).
 */

const DIST = join(ROOT, 'dist', 'renderer');
const html = (): string => {
  try {
    return readFileSync(join(DIST, 'index.html'), 'utf8');
  } catch {
    throw new Error('the renderer is not built: run "npm run build" (npm test does it) before these tests');
  }
};
const asset = (name: string): string => readFileSync(join(DIST, 'assets', name), 'utf8');
const assets = (): string[] => readdirSync(join(DIST, 'assets'));
/** The one chunk holding this string (a face's or technician mode's own), by file name. */
const chunkWith = (text: string): string => {
  const found = assets().filter((name) => name.endsWith('.js') && asset(name).includes(text));
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

/** What index.html makes the browser fetch: the entry script, what it preloads, the stylesheet. */
function firstLoad(): string[] {
  return [...html().matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\.\/assets\/([^"]+)"/g)].map((match) => match[1]!);
}

const TECHNICIAN_ONLY = ['pin-ok', 'wizard-next', 'osk-hide', 'home-diagnostics', 'diagnostics-log'];
/** Words only technician mode says (shared/locales/technician/). */
const TECHNICIAN_WORDS = ['Режим техника', 'Technician mode'];
const DISPENSER_ONLY = ['done-button', 'services--count-', 'ticket__number'];
const RATING_ONLY = ['rating__button', 'reasons__button--skip', 'face__mouth'];

describe('the built renderer in chunks', () => {
  it('the page loads its entry script (with what it preloads) and one stylesheet', () => {
    const fetched = firstLoad();
    expect(html()).toMatch(/<script type="module"[^>]*src="\.\/assets\/[^"]+\.js"/);
    expect(fetched.filter((name) => name.endsWith('.js')).length).toBeGreaterThanOrEqual(1);
    expect(fetched.filter((name) => name.endsWith('.css'))).toHaveLength(1);
  });

  it('the entry has no technician-mode code, words or styles, and neither face', () => {
    const scripts = firstLoad().filter((name) => name.endsWith('.js'));
    const entry = scripts.map(asset).join('\n');
    expect(entry).toContain('technician-corner'); // the hidden way in is on every citizen screen
    expect(entry).toContain('Оцените качество обслуживания'); // the citizen's words are there
    for (const text of [...TECHNICIAN_ONLY, ...TECHNICIAN_WORDS, ...DISPENSER_ONLY, ...RATING_ONLY]) expect(entry, text).not.toContain(text);
  });

  it('the entry stylesheet has no rule of technician mode nor of a face', () => {
    const css = asset(firstLoad().find((name) => name.endsWith('.css'))!);
    expect(css).toContain('.technician-banner');
    for (const selector of ['.pin-pad', '.wizard', '.osk', '.technician-tile', '.rating__button', '.ticket__number', '.service--group']) {
      expect(css, selector).not.toContain(selector);
    }
  });

  it('technician mode is one chunk of its own, without either face', () => {
    const technician = chunkWith('wizard-next');
    for (const text of [...TECHNICIAN_ONLY, ...TECHNICIAN_WORDS]) expect(asset(technician), text).toContain(text);
    for (const text of [...DISPENSER_ONLY, ...RATING_ONLY]) expect(asset(technician), text).not.toContain(text);
  });

  it('the rating terminal does not load the dispenser, nor the dispenser the rating terminal', () => {
    const rating = asset(chunkWith('rating__button'));
    const tickets = asset(chunkWith('done-button'));
    for (const text of [...DISPENSER_ONLY, ...TECHNICIAN_ONLY]) expect(rating, text).not.toContain(text);
    for (const text of [...RATING_ONLY, ...TECHNICIAN_ONLY]) expect(tickets, text).not.toContain(text);
  });

  it('every text asset has its brotli and gzip variant, and each decompresses to it', () => {
    const text = ['index.html', ...assets().filter((name) => /\.(js|css)$/.test(name)).map((name) => join('assets', name))];
    expect(text.length).toBeGreaterThan(5);
    for (const name of text) {
      const original = readFileSync(join(DIST, name));
      expect(brotliDecompressSync(readFileSync(join(DIST, `${name}.br`))).equals(original), name).toBe(true);
      expect(gunzipSync(readFileSync(join(DIST, `${name}.gz`))).equals(original), name).toBe(true);
    }
  });
});
