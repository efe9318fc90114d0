import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';

/**
 * What axe does not check, measured in the page as it is now: the language of each text's parts
 * (WCAG 3.1.2), the size of every control (EN 301 549 / ГОСТ Р 52872: 2 cm to touch), and the
 * contrast of every text (WCAG 1.4.6, 7:1). Each returns the offenders, described for the failure
 * message; an empty list is a pass.
 */

/** 2 cm on a 22" 1920×1080 panel (≈ 39.4 CSS px per cm): the touch target of the citizen screens. */
export const TOUCH_TARGET_PX = 79;

/**
 * The texts in another language than the element they sit in: on an English page each text node with a
 * Cyrillic letter must sit in an element whose nearest `lang` is "ru"; on a Russian page each text node
 * with a Latin letter in one whose nearest `lang` is "en".
 */
export function wrongLanguageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const foreign = pageLang === 'en' ? { letters: /\p{Script=Cyrillic}/u, lang: 'ru' } : { letters: /\p{Script=Latin}/u, lang: 'en' };
    const offenders: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style') || !foreign.letters.test(text)) continue;
      const lang = parent.closest('[lang]')?.getAttribute('lang') ?? '';
      if (lang.split('-')[0] !== foreign.lang) offenders.push(`"${text}" in <${parent.tagName.toLowerCase()} class="${parent.className}"> (lang "${lang}")`);
    }
    return offenders;
  });
}

/** The visible controls (buttons, links, fields, anything focusable by Tab) smaller than `min` CSS px either way. */
export function smallTargets(page: Page, min = TOUCH_TARGET_PX): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], [role="button"], input, select, textarea, [tabindex]:not([tabindex="-1"])');
    return [...controls].flatMap((control) => {
      const box = control.getBoundingClientRect();
      const style = getComputedStyle(control);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') return [];
      if (box.width >= min && box.height >= min) return [];
      const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? '';
      return [`${control.tagName.toLowerCase()} "${name}" (${control.className}): ${Math.round(box.width)}×${Math.round(box.height)}`];
    });
  }, min);
}

/** The page scrolls (either way) at its present size: a kiosk screen must hold all of it at once. Empty if it does not. */
export function pageOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { scrollWidth, scrollHeight } = document.documentElement;
    const { innerWidth, innerHeight } = window;
    return scrollHeight <= innerHeight + 1 && scrollWidth <= innerWidth + 1 ? [] : [`the page is ${scrollWidth}×${scrollHeight} in a ${innerWidth}×${innerHeight} window`];
  });
}

/**
 * The texts whose contrast with what is behind them is under `min`: the text's colour against the
 * backgrounds of its element and its ancestors, blended down to the first opaque one (the page's own
 * canvas is white). Visually hidden texts (clipped to 1 px) are read, not seen: they are left out.
 */
export function lowContrastTexts(page: Page, min = 7): Promise<string[]> {
  return page.evaluate((min) => {
    type Rgba = [number, number, number, number];
    const parse = (colour: string): Rgba => {
      const match = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\)/.exec(colour);
      if (!match) throw new Error(`a colour the contrast check cannot read: ${colour}`);
      const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number.parseFloat(match[4]) / 100 : Number(match[4]);
      return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => [
      top[0] * top[3] + bottom[0] * (1 - top[3]),
      top[1] * top[3] + bottom[1] * (1 - top[3]),
      top[2] * top[3] + bottom[2] * (1 - top[3]),
      1,
    ];
    const background = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let at: Element | null = element; at; at = at.parentElement) {
        const layer = parse(getComputedStyle(at).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const channel = (value: number): number => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const offenders: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const element = node.parentElement;
      if (!text || !element || element.closest('script, style')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
      const back = background(element);
      const ink = over(parse(style.color), back);
      const [light, dark] = [luminance(ink), luminance(back)].sort((a, b) => b - a) as [number, number];
      const ratio = (light + 0.05) / (dark + 0.05);
      if (ratio < min) offenders.push(`"${text}" (${element.className || element.tagName.toLowerCase()}): ${ratio.toFixed(2)}:1`);
    }
    return offenders;
  }, min);
}

/** axe and every check above (but page overflow) on what the page shows now: fails naming the screen. */
export async function expectCitizenAudit(page: Page, screen: string): Promise<void> {
  await expectNoAxeViolations(page, screen);
  expect(await smallTargets(page), `targets ≥ ${TOUCH_TARGET_PX} px, ${screen}`).toEqual([]);
  expect(await lowContrastTexts(page), `contrast ≥ 7:1, ${screen}`).toEqual([]);
  expect(await wrongLanguageTexts(page), `language of parts, ${screen}`).toEqual([]);
}
