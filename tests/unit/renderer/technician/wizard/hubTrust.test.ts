import { describe, expect, it } from 'vitest';
import { hubRules } from '../../../../../shared/configRules.ts';
import { fingerprintGroups, hubTrust, sameFingerprint, shortFingerprint } from '../../../../../renderer/technician/wizard/hubTrust.ts';

/** A fingerprint as `okno hub fingerprint` prints it (Node's fingerprint256): 32 upper-case pairs joined by ":". */
const HUB = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');
const OTHER = Array.from({ length: 32 }, (_, i) => (255 - i).toString(16).toUpperCase()).join(':');
const URL_A = 'https://192.168.1.10:8443/';

describe('the fingerprint as a technician reads it', () => {
  it('is eight groups of four pairs that, joined with ":", are the hub’s line exactly', () => {
    expect(HUB).toMatch(hubRules.fingerprintPattern);
    const groups = fingerprintGroups(HUB);
    expect(groups).toHaveLength(8);
    for (const group of groups) expect(group).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){3}$/);
    expect(groups.join(':')).toBe(HUB);
    expect(groups[0]).toBe('10:17:1E:25');
  });

  it('reads lower case and other separators the same', () => {
    expect(fingerprintGroups(HUB.toLowerCase().replaceAll(':', ' '))).toEqual(fingerprintGroups(HUB));
    expect(fingerprintGroups('')).toEqual([]);
  });

  it('the short form is the first and the last group', () => {
    expect(shortFingerprint(HUB)).toBe(`10:17:1E:25 … ${fingerprintGroups(HUB)[7]}`);
    expect(shortFingerprint('AA:BB')).toBe('AA:BB');
  });

  it('compares pairs, not spelling; nothing is never the same', () => {
    expect(sameFingerprint(HUB, HUB.toLowerCase())).toBe(true);
    expect(sameFingerprint(HUB, OTHER)).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });
});

describe('what the step offers for the certificate seen', () => {
  const none = { url: URL_A, fingerprint: '', trustedAt: '' };
  const trusted = { url: URL_A, fingerprint: HUB, trustedAt: URL_A };

  it('nothing seen: nothing to trust', () => {
    expect(hubTrust(null, trusted)).toEqual({ kind: 'none' });
    expect(hubTrust('', none)).toEqual({ kind: 'none' });
  });

  it('nothing trusted yet: "trust this certificate"', () => {
    expect(hubTrust(HUB, none)).toEqual({ kind: 'new', seen: HUB });
  });

  it('the trusted one at its address: trusted; at a new address (a final slash is the same): trusted again without a warning', () => {
    expect(hubTrust(HUB, trusted)).toEqual({ kind: 'trusted', seen: HUB });
    expect(hubTrust(HUB, { ...trusted, url: 'https://192.168.1.10:8443' })).toEqual({ kind: 'trusted', seen: HUB });
    expect(hubTrust(HUB, { ...trusted, url: 'https://192.168.1.11:8443/' })).toEqual({ kind: 'moved', seen: HUB });
  });

  it('another certificate than the trusted one: the warning, with both', () => {
    expect(hubTrust(OTHER, trusted)).toEqual({ kind: 'changed', seen: OTHER, trusted: HUB });
    // At a new address too: a hub that moved and one that is pretended are told apart only by the technician.
    expect(hubTrust(OTHER, { ...trusted, url: 'https://192.168.1.11:8443/' }).kind).toBe('changed');
  });
});
