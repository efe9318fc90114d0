import { sameEndpoint } from './draft.ts';

/**
 * The office hub's certificate as a technician compares and trusts it. The hub's certificate is
 * self-signed: its SHA-256 fingerprint, compared by eye with what `okno hub fingerprint` prints on the
 * hub, is all that tells the hub from an impostor. Pure, so the rules are unit-tested in Node.
 */

/** Pairs per group: eight groups of four ("AA:BB:CC:DD"), short enough to compare one at a time. */
const PAIRS_PER_GROUP = 4;

/** The hex pairs of a fingerprint, upper-case, whatever separators it was written with. */
const pairsOf = (fingerprint: string): string[] => fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase().match(/.{1,2}/g) ?? [];

/**
 * The fingerprint in groups of four pairs. Joined with ":" they are exactly what `okno hub fingerprint`
 * prints, so each group can be found in the hub's line as it is.
 */
export function fingerprintGroups(fingerprint: string): string[] {
  const pairs = pairsOf(fingerprint);
  const groups: string[] = [];
  for (let at = 0; at < pairs.length; at += PAIRS_PER_GROUP) groups.push(pairs.slice(at, at + PAIRS_PER_GROUP).join(':'));
  return groups;
}

/** The first and the last group, for a summary ("AA:BB:CC:DD … 77:88:99:00"); the whole of a short one. */
export function shortFingerprint(fingerprint: string): string {
  const groups = fingerprintGroups(fingerprint);
  return groups.length <= 2 ? groups.join(':') : `${groups[0] ?? ''} … ${groups[groups.length - 1] ?? ''}`;
}

/** The same certificate: the same hex pairs, whatever the case and separators. */
export function sameFingerprint(a: string, b: string): boolean {
  const left = pairsOf(a).join(':');
  return left !== '' && left === pairsOf(b).join(':');
}

/**
 * What the step offers for the certificate the test saw:
 * `none` no certificate was seen; `new` nothing is trusted yet: "Trust this certificate";
 * `trusted` it is the one trusted at this address; `moved` it is the one trusted, but at another
 * address (the hub got a new address): trusting it here needs no warning; `changed` another
 * certificate was trusted: an impostor, or a hub whose certificate was made again, and replacing the
 * trusted one needs the technician to confirm.
 */
export type HubTrust =
  | { readonly kind: 'none' }
  | { readonly kind: 'new'; readonly seen: string }
  | { readonly kind: 'trusted'; readonly seen: string }
  | { readonly kind: 'moved'; readonly seen: string }
  | { readonly kind: 'changed'; readonly seen: string; readonly trusted: string };

export function hubTrust(seen: string | null, hub: { readonly url: string; readonly fingerprint: string; readonly trustedAt: string }): HubTrust {
  if (seen === null || pairsOf(seen).length === 0) return { kind: 'none' };
  if (pairsOf(hub.fingerprint).length === 0) return { kind: 'new', seen };
  if (!sameFingerprint(seen, hub.fingerprint)) return { kind: 'changed', seen, trusted: hub.fingerprint };
  return sameEndpoint(hub.trustedAt, hub.url) ? { kind: 'trusted', seen } : { kind: 'moved', seen };
}
