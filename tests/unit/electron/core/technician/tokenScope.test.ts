import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpointNeedsNewToken, sameEndpoint, savedSyncOf, savedTokenFor } from '../../../../../electron/core/technician/tokenScope.ts';
import { sameEndpoint as sameEndpointOnScreen } from '../../../../../renderer/technician/wizard/draft.ts';

const SAVED = { endpoint: 'https://collector.example.org/okno/', token: 'saved-token-0123456789' };

describe('the saved token goes only to the endpoint it was saved with', () => {
  it('the same endpoint, written with or without the final slash or spaces, is the same', () => {
    expect(sameEndpoint('https://collector.example.org/okno/', 'https://collector.example.org/okno')).toBe(true);
    expect(sameEndpoint(' https://COLLECTOR.example.org:443/okno/ ', 'https://collector.example.org/okno/')).toBe(true);
    expect(savedTokenFor('https://collector.example.org/okno', [SAVED])).toBe(SAVED.token);
  });

  it('another host, port, scheme, path or user is another endpoint: no saved token for it', () => {
    for (const other of [
      'https://collector.example.org.evil.example/okno/',
      'https://collector.example.org:8443/okno/',
      'http://127.0.0.1/okno/',
      'https://collector.example.org/',
      'https://collector.example.org/okno/x/',
      'https://me@collector.example.org/okno/',
      'not a url',
      '',
    ]) {
      expect(sameEndpoint(SAVED.endpoint, other), other).toBe(false);
      expect(savedTokenFor(other, [SAVED, null]), other).toBeNull();
    }
  });

  it('the running config and the file are both saved: either one’s own endpoint gets its own token', () => {
    const file = { endpoint: 'https://new.example.org/', token: 'file-token-0123456789' };
    expect(savedTokenFor('https://new.example.org', [SAVED, file])).toBe(file.token);
    expect(savedTokenFor(SAVED.endpoint, [SAVED, file])).toBe(SAVED.token);
  });

  it('reads the saved sync section of a config file only when it has an endpoint and a token', () => {
    expect(savedSyncOf({ sync: { endpoint: SAVED.endpoint, token: SAVED.token, intervalSeconds: 5 } })).toEqual(SAVED);
    for (const json of [null, 7, [], {}, { sync: [] }, { sync: { endpoint: SAVED.endpoint } }, { sync: { endpoint: 1, token: 'x' } }, { sync: { endpoint: 'x', token: '' } }]) {
      expect(savedSyncOf(json), JSON.stringify(json)).toBeNull();
    }
  });

  it('a save that moves the endpoint needs the token typed; one that keeps it, removes sync or types a token does not', () => {
    const before = { device: { id: 'w5' }, sync: SAVED };
    const moved = endpointNeedsNewToken(before, { sync: { endpoint: 'https://mine.example/' } }, null);
    expect(moved).toMatch(/^sync\.token: /);
    expect(endpointNeedsNewToken(before, { sync: { endpoint: 'https://mine.example/' } }, 'typed-token')).toBeNull();
    expect(endpointNeedsNewToken(before, { sync: { endpoint: 'https://collector.example.org/okno' } }, null)).toBeNull();
    expect(endpointNeedsNewToken(before, { device: { id: 'w5' } }, null)).toBeNull();
    expect(endpointNeedsNewToken(null, { sync: { endpoint: 'https://mine.example/' } }, null)).toBeNull();
    // Not a URL: the config's own check names sync.endpoint (nothing could be sent there anyway).
    expect(endpointNeedsNewToken(before, { sync: { endpoint: 'collector.example.org' } }, null)).toBeNull();
  });

  it('the wizard’s copy of the rule agrees with the core’s on any two texts', () => {
    const part = fc.constantFrom('https://', 'http://', 'HTTPS://', 'collector.example', 'COLLECTOR.example', '127.0.0.1', 'localhost', ':443', ':8443', '/', '/okno', '/okno/', '?a=1', '#x', ' ', '..', '%2f', 'user@', '[::1]', '');
    const endpoint = fc.oneof(fc.array(part, { maxLength: 6 }).map((parts) => parts.join('')), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(endpoint, endpoint, (a, b) => {
        expect(sameEndpointOnScreen(a, b)).toBe(sameEndpoint(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});
