import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's stylesheets: the design tokens in renderer/common/tokens.css, one stylesheet per
 * feature over them. No other stylesheet may hold a raw colour, so a colour is changed in one place
 * and every text colour's contrast is checked there. Also: every class a component writes has a rule
 * (or is a named hook), and every class a rule styles is written by a component.
 */

const RENDERER = join(import.meta.dirname, '..', '..', '..', '..', 'renderer');
const TOKENS = 'common/tokens.css';

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

const stylesheets = files(RENDERER, /\.css$/).map((path) => ({ name: relative(RENDERER, path), text: readFileSync(path, 'utf8') }));
const components = files(RENDERER, /\.tsx?$/).map((path) => ({ name: relative(RENDERER, path), text: readFileSync(path, 'utf8') }));
const withoutComments = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '');

/** The CSS named colours (CSS Color 4), but the keywords that are not a colour of their own. */
const NAMED_COLOURS = `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey
darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey
darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon
lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid
mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin
navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff
peru pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver
skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
yellowgreen canvas canvastext linktext visitedtext activetext buttonface buttontext buttonborder field fieldtext highlight highlighttext
selecteditem selecteditemtext mark marktext graytext accentcolor accentcolortext`.split(/\s+/);

/** The raw colours in a stylesheet's declarations: hex, colour functions, named colours. */
function rawColours(css: string): string[] {
  const found: string[] = [];
  for (const [, property, value] of withoutComments(css).matchAll(/([\w-]+)\s*:\s*([^;{}]+)[;}]/g)) {
    if (property!.startsWith('--') && value === undefined) continue;
    const text = value!.replace(/(['"]).*?\1/g, '');
    found.push(...[...text.matchAll(/#[0-9a-f]{3,8}\b/gi)].map((m) => m[0]));
    found.push(...[...text.matchAll(/\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi)].map((m) => m[0]));
    found.push(...text.split(/[^a-z-]+/i).filter((word) => NAMED_COLOURS.includes(word.toLowerCase())));
  }
  return found;
}

describe('stylesheets', () => {
  it('finds the tokens and a stylesheet per feature', () => {
    expect(stylesheets.map((sheet) => sheet.name).sort()).toEqual(
      expect.arrayContaining([TOKENS, 'common/common.css', 'rating/rating.css', 'tickets/tickets.css', 'technician/technician.css']),
    );
  });

  it('the raw-colour check sees each kind of colour', () => {
    expect(rawColours('.a { color: #fff; background: rgb(1 2 3 / 0.5); border: 1px solid hsl(0 0% 0%); outline-color: red; }')).toEqual([
      '#fff',
      'rgb(',
      'hsl(',
      'red',
    ]);
    expect(rawColours('.a { color: var(--ink); background: transparent; border-color: currentColor; white-space: nowrap; }')).toEqual([]);
  });

  it('no raw colour outside tokens.css', () => {
    const offenders = stylesheets.filter((sheet) => sheet.name !== TOKENS).flatMap((sheet) => rawColours(sheet.text).map((colour) => `${sheet.name}: ${colour}`));
    expect(offenders).toEqual([]);
  });

  it('tokens.css holds only custom properties', () => {
    const sheet = stylesheets.find((each) => each.name === TOKENS)!;
    const declarations = [...withoutComments(sheet.text).matchAll(/([\w-]+)\s*:[^;{}]+;/g)].map((m) => m[1]!);
    expect(declarations.length).toBeGreaterThan(40);
    expect(declarations.filter((name) => !name.startsWith('--'))).toEqual([]);
  });

  it('every custom property used is defined', () => {
    const defined = new Set(stylesheets.flatMap((sheet) => [...withoutComments(sheet.text).matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!)));
    const used = stylesheets.flatMap((sheet) => [...sheet.text.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => `${sheet.name}: ${m[1]}`));
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((entry) => !defined.has(entry.split(': ')[1]!))).toEqual([]);
  });

  it('each stylesheet is imported by the component of its feature', () => {
    const imported = new Set(
      components.flatMap((file) => [...file.text.matchAll(/^import\s+'(\.{1,2}\/[^']+\.css)';/gm)].map((m) => relative(RENDERER, join(RENDERER, file.name, '..', m[1]!)))),
    );
    expect(stylesheets.map((sheet) => sheet.name).filter((name) => !imported.has(name))).toEqual([]);
  });
});

/** The names in the string literals of an expression; a name right before `${…}` in a template is a prefix (`face--${mood}`). */
function namesIn(expression: string, names: string[], prefixes: string[]): void {
  for (const literal of expression.matchAll(/'([^']*)'|"([^"]*)"|`((?:[^`$]|\$(?!\{)|\$\{[^}]*\})*)`/g)) {
    if (literal[3] === undefined) {
      names.push(...(literal[1] ?? literal[2] ?? '').split(/\s+/));
      continue;
    }
    const template = literal[3];
    const values = [...template.matchAll(/\$\{([^}]*)\}/g)].map((inner) => inner[1]!);
    const parts = template.split(/\$\{[^}]*\}/);
    parts.forEach((part, index) => {
      const words = part.split(/\s+/);
      const last = words.pop() ?? '';
      names.push(...words);
      if (index === parts.length - 1) {
        names.push(last);
        return;
      }
      // `secret--${saved ? 'set' : 'not-set'}`: each literal completes the name before it (one that starts
      // with a space, as in `field${invalid ? ' field--invalid' : ''}`, is a name of its own); a value may too.
      if (!last) {
        namesIn(values[index]!, names, prefixes);
        return;
      }
      prefixes.push(last);
      for (const raw of [...values[index]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '')) {
        const [first = '', ...rest] = raw.split(/\s+/);
        names.push(last + first, ...rest);
      }
    });
  }
}

/** The class names a component writes (a className attribute or a className variable): whole names, and prefixes. */
function classesWritten(source: string): { names: string[]; prefixes: string[] } {
  const names: string[] = [];
  const prefixes: string[] = [];
  for (const match of source.matchAll(/className\s*=\s*/g)) {
    const start = match.index + match[0].length;
    let end = start;
    if (source[start] === '"') end = source.indexOf('"', start + 1) + 1;
    else if (source[start] === '{') {
      let depth = 0;
      do {
        depth += source[end] === '{' ? 1 : source[end] === '}' ? -1 : 0;
        end += 1;
      } while (depth > 0 && end < source.length);
    } else end = source.indexOf(';', start);
    namesIn(source.slice(start, end), names, prefixes);
  }
  return { names: names.filter((name) => /^[a-z][a-z0-9_-]*$/.test(name)), prefixes };
}

/**
 * Classes written only to be found: by the end-to-end tests (.screen--idle, .terminal--connecting…) or
 * a reader (which screen, which part); they need no rule of their own.
 */
const HOOKS = [
  'terminal--connecting',
  'screen--thanks-',
  'button-test__state--connecting',
  'choice--disabled',
  'face__mouth',
  'icon--reason',
  'icon--thanks',
  'icon--alert',
  'icon--wrench',
  'icon--chevron',
  'icon--back',
  'icon--clock',
  'icon--no-entry',
  'icon--camera',
  'icon--printer',
  'osk__row--controls',
  'osk__key--hide',
  'field__select',
  'outcome__mark',
  'technician-home',
  'technician-home__device',
  'technician--pin',
  'wizard',
  'review',
  'learn',
  'ports',
  'presses__button',
  'diagnostics',
  'diagnostics__actions',
  'export',
  'counters__name',
  'screen--connecting',
  'screen--idle',
  'screen--follow-up',
  'screen--menu-start',
  'screen--ticket-printed',
  'menu__title',
  'service--available',
  'services__item',
];

describe('class names', () => {
  const selectors = new Set(stylesheets.flatMap((sheet) => [...withoutComments(sheet.text).matchAll(/\.([a-z][a-z0-9_-]*)/g)].map((m) => m[1]!)));
  const written = components.map((file) => ({ file: file.name, ...classesWritten(file.text) }));
  const allNames = new Set(written.flatMap((each) => each.names));
  const allPrefixes = written.flatMap((each) => each.prefixes);

  it('reads the components’ class names', () => {
    expect(allNames.size).toBeGreaterThan(150);
    expect(allPrefixes).toEqual(expect.arrayContaining(['face--', 'rating__button--mood-', 'terminal--']));
  });

  it('follow one scheme: block, block__element, block--modifier (lower case, words joined by "-")', () => {
    const bem = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:__[a-z0-9]+(?:-[a-z0-9]+)*)?(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
    expect([...allNames, ...selectors].filter((name) => !bem.test(name))).toEqual([]);
  });

  it('every class a component writes has a rule, or is a hook', () => {
    const missing = written.flatMap(({ file, names, prefixes }) => [
      ...names.filter((name) => !selectors.has(name) && !HOOKS.includes(name)).map((name) => `${file}: ${name}`),
      ...prefixes.filter((prefix) => !HOOKS.includes(prefix) && ![...selectors].some((selector) => selector.startsWith(prefix))).map((prefix) => `${file}: ${prefix}…`),
    ]);
    expect(missing).toEqual([]);
  });

  it('every hook is still written somewhere', () => {
    expect(HOOKS.filter((hook) => !allNames.has(hook) && !allPrefixes.includes(hook))).toEqual([]);
  });

  it('every class a rule styles is written by a component', () => {
    const unused = [...selectors].filter((selector) => !allNames.has(selector) && !allPrefixes.some((prefix) => selector.startsWith(prefix)));
    expect(unused).toEqual([]);
  });
});
