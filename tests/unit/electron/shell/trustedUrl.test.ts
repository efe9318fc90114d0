import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../../electron/shell/trustedUrl.ts';

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://okno/', 'app://okno/assets/index-abc.js', 'app://OKNO/index.html', 'app://okno/a?b#c'])(
    'accepts our origin: %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'app://okno.evil/index.html',
    'app://evil/okno/',
    'app://okno@evil/',
    'app://user@okno/',
    'app://user:pw@okno/',
    'app://okno:8080/',
    'app:okno/index.html',
    'app:///okno/index.html',
    'https://okno/',
    'file:///okno/index.html',
    'http://127.0.0.1:5173/',
    'javascript:alert(1)',
    'about:blank',
    '',
    'not a url',
  ])('refuses anything else: %s', (url) => expect(isAppUrl(url)).toBe(false));
});
