import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../../../shared/config.ts';
import type { PublicConfig } from '../../../../../shared/technicianApi.ts';
import {
  buildConfig,
  draftFromConfig,
  hubTokenKnown,
  hubTokenToSave,
  hubTrusted,
  isHubUrl,
  needsHubTokenAgain,
  problemsOf,
  withTrustedHub,
  type DraftContext,
  type WizardDraft,
} from '../../../../../renderer/technician/wizard/draft.ts';
import { wizardSteps } from '../../../../../renderer/technician/wizard/wizardSteps.ts';

/** The office hub step's rules: what keeps it from being done, and what is saved. */

const FIRST_RUN: DraftContext = { firstRun: true, pinSaved: false, tokenSaved: false };
const LATER: DraftContext = { firstRun: false, pinSaved: true, tokenSaved: false, hubTokenSaved: true };
const PIN_HASH = `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;
const FINGERPRINT = Array.from({ length: 32 }, () => 'C3').join(':');
const OTHER = Array.from({ length: 32 }, () => '5A').join(':');
const HUB_URL = 'https://192.168.1.10:8443/';
const TOKEN = 'hall-board-token-0123456789';

/** What the core does before writing the file: the secrets back in, then the file's own schema. */
function saved(config: PublicConfig, hubToken = TOKEN) {
  const json = structuredClone(config) as Record<string, unknown> & { hub?: Record<string, unknown>; technician?: Record<string, unknown> };
  if (json.hub) json.hub = { ...json.hub, token: hubToken };
  json.technician = { ...json.technician, pinHash: PIN_HASH };
  return configSchema.safeParse(json);
}

const filled = (mode: WizardDraft['mode'], hub: Partial<WizardDraft['hub']> = {}, base: PublicConfig | null = null): WizardDraft => {
  const draft = draftFromConfig(base);
  return {
    ...draft,
    mode,
    device: { ...draft.device, id: 'mfc-hall-1', office: 'МФЦ', window: '1' },
    pin: { change: false, first: '2580', again: '2580' },
    hub: { ...draft.hub, ...hub },
  };
};
const keys = (draft: WizardDraft, context: DraftContext): string[] => problemsOf('hub', draft, context).map((p) => p.key);

describe('the hub step in every mode', () => {
  it('is a step of every kind of device, before sync', () => {
    for (const mode of ['rating', 'tickets', 'operator', 'hall'] as const) {
      const steps = wizardSteps(mode);
      expect(steps.indexOf('hub'), mode).toBe(steps.indexOf('sync') - 1);
    }
  });

  it('a console and a board need a hub; a terminal and a dispenser may go without (and save no hub section)', () => {
    expect(keys(filled('operator'), FIRST_RUN)).toEqual(['hubRequired']);
    expect(keys(filled('hall'), FIRST_RUN)).toEqual(['hubRequired']);
    expect(keys(filled('rating'), FIRST_RUN)).toEqual([]);
    expect(keys(filled('tickets'), FIRST_RUN)).toEqual([]);
    expect(buildConfig(filled('rating'))).not.toHaveProperty('hub');
    expect(problemsOf('review', filled('hall'), FIRST_RUN).map((p) => `${p.step}:${p.key}`)).toEqual(['hub:hubRequired']);
  });
});

describe('a hub being set up', () => {
  it('the address is https:// only (the certificate is pinned)', () => {
    expect(isHubUrl(HUB_URL)).toBe(true);
    expect(isHubUrl(' https://hub.office.local:8443 ')).toBe(true);
    expect(isHubUrl('http://192.168.1.10:8443/')).toBe(false);
    expect(isHubUrl('192.168.1.10:8443')).toBe(false);
    expect(keys(filled('hall', { url: 'http://192.168.1.10:8443/', newToken: TOKEN }), FIRST_RUN)).toEqual(['hubUrl']);
  });

  it('without a token and a trusted certificate the step is not done', () => {
    expect(keys(filled('hall', { url: HUB_URL }), FIRST_RUN)).toEqual(['hubToken', 'hubFingerprint']);
    expect(keys(filled('hall', { url: HUB_URL, newToken: 'short' }), FIRST_RUN)).toEqual(['hubTokenShort', 'hubFingerprint']);
    expect(keys(filled('hall', { url: HUB_URL, newToken: TOKEN }), FIRST_RUN)).toEqual(['hubFingerprint']);
  });

  it('a certificate trusted from the test completes it, and the config the schema accepts carries it, never the token', () => {
    const draft = withTrustedHub(filled('hall', { url: ` ${HUB_URL} `, newToken: ` ${TOKEN} ` }), FINGERPRINT);
    expect(hubTrusted(draft)).toBe(true);
    expect(keys(draft, FIRST_RUN)).toEqual([]);
    expect(problemsOf('review', draft, FIRST_RUN)).toEqual([]);
    const config = buildConfig(draft);
    expect(config.hub).toEqual({ url: HUB_URL, fingerprint: FINGERPRINT });
    expect(JSON.stringify(config)).not.toContain(TOKEN);
    expect(hubTokenToSave(draft)).toBe(TOKEN);
    const parsed = saved(config);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('a certificate trusted at one address is not trusted at another', () => {
    const draft = withTrustedHub(filled('hall', { url: HUB_URL, newToken: TOKEN }), FINGERPRINT);
    const moved = { ...draft, hub: { ...draft.hub, url: 'https://192.168.1.11:8443/' } };
    expect(keys(moved, FIRST_RUN)).toEqual(['hubFingerprint']);
    expect(keys(withTrustedHub(moved, FINGERPRINT), FIRST_RUN)).toEqual([]);
  });

  it('an empty address removes the hub, and no token is sent', () => {
    const draft = filled('rating', { url: ' ', newToken: TOKEN });
    expect(buildConfig(draft)).not.toHaveProperty('hub');
    expect(hubTokenToSave(draft)).toBeNull();
  });
});

describe('a device with a hub already', () => {
  const base: PublicConfig = { device: { id: 'mfc-hall-1', office: 'МФЦ', window: '1', mode: 'hall' }, hub: { url: HUB_URL, fingerprint: FINGERPRINT } };

  it('loads the address and the trusted certificate, never a token, and saves them unchanged', () => {
    const draft = draftFromConfig(base);
    expect(draft.hub).toEqual({ url: HUB_URL, newToken: '', fingerprint: FINGERPRINT, trustedAt: HUB_URL });
    expect(keys(draft, LATER)).toEqual([]);
    expect(hubTokenKnown(draft, LATER)).toBe(true);
    expect(hubTokenToSave(draft)).toBeNull();
    expect(buildConfig(draft).hub).toEqual(base.hub);
  });

  it('another address needs the token typed again and the certificate trusted again', () => {
    const draft = draftFromConfig(base);
    const moved = { ...draft, hub: { ...draft.hub, url: 'https://192.168.1.20:8443/' } };
    expect(needsHubTokenAgain(moved, LATER)).toBe(true);
    expect(keys(moved, LATER)).toEqual(['hubTokenAgain', 'hubFingerprint']);
    // The same address written without the final slash is the same hub.
    expect(keys({ ...draft, hub: { ...draft.hub, url: 'https://192.168.1.10:8443' } }, LATER)).toEqual([]);
    const typed = withTrustedHub({ ...moved, hub: { ...moved.hub, newToken: TOKEN } }, OTHER);
    expect(needsHubTokenAgain(typed, LATER)).toBe(false);
    expect(keys(typed, LATER)).toEqual([]);
  });

  it('keeps the hub section as loaded when the wizard changes something else', () => {
    const draft = draftFromConfig(base);
    expect(buildConfig({ ...draft, device: { ...draft.device, window: '2' } }).hub).toEqual(base.hub);
  });
});

describe('the hub draft under any typing', () => {
  const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', HUB_URL, 'http://x/', 'https://', 'https://[', TOKEN, 'short', FINGERPRINT, OTHER.toLowerCase()));
  // (A dispenser is left out: its services step, not this one, decides whether its config is whole.)
  it('a step the wizard lets through saves a config the schema accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom('rating' as const, 'operator' as const, 'hall' as const), text, text, text, fc.boolean(), (mode, url, newToken, fingerprint, trust) => {
        let draft = filled(mode, { url, newToken });
        if (trust) draft = withTrustedHub(draft, fingerprint);
        if (keys(draft, FIRST_RUN).length === 0) expect(saved(buildConfig(draft), hubTokenToSave(draft) ?? TOKEN).success, JSON.stringify(draft.hub)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
