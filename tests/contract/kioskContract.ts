import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskEvent, KioskState } from '../../shared/kioskApi.ts';
import type { DeviceApi } from '../../shared/requests/client.ts';
import { waitFor } from '../helpers/waitFor.ts';

export interface ContractSubject {
  readonly api: DeviceApi;
  /** Counts of the journal, read behind the API's back. */
  readonly counts: () => { total: number; byType: Record<string, number> };
  readonly close: () => Promise<void>;
}

/**
 * The DeviceApi contract. Run against the core directly and against each transport, so a transport
 * can only pass by behaving exactly like the core.
 */
export function kioskApiContract(name: string, setup: () => Promise<ContractSubject>): void {
  describe(`DeviceApi contract: ${name}`, () => {
    let subject: ContractSubject;
    let states: KioskState[];
    let unsubscribe: () => void;

    beforeEach(async () => {
      subject = await setup();
      states = [];
      unsubscribe = subject.api.subscribe((event: KioskEvent) => states.push(event.state));
    });
    afterEach(async () => {
      unsubscribe();
      await subject.close();
    });

    const latest = (): KioskState | undefined => states.at(-1);
    const stateWhere = (what: string, test: (state: KioskState) => boolean): Promise<KioskState> =>
      waitFor(() => states.find(test), what, 5_000);

    it('tells the device, the scale, the locales and the idle session', async () => {
      const state = await subject.api.getState();
      expect(state.device).toEqual({ id: 'contract-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating' });
      expect(state.rating).toEqual({ scale: 5, followUpReasons: ['waiting', 'politeness', 'competence', 'comfort', 'information'] });
      expect(state.ui).toEqual({ defaultLocale: 'ru', locales: ['ru', 'en'] });
      expect(state.session).toEqual({ phase: 'idle', locale: 'ru' });
      expect(state.health).toEqual({ needsTechnician: false, problems: [] });
    });

    it('records a rating before it says thank you, and a second press in the visit is suppressed', async () => {
      const before = subject.counts().byType['rating.submitted'] ?? 0;
      const first = await subject.api.request('press', { score: 5, source: 'touch' });
      expect(first).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
      expect(subject.counts().byType['rating.submitted']).toBe(before + 1);
      const thanks = await stateWhere('the thanks screen', (s) => s.session.phase === 'thanks');
      expect(thanks.session).toMatchObject({ phase: 'thanks', kind: 'voted', locale: 'ru' });

      const second = await subject.api.request('press', { score: 1, source: 'keyboard' });
      expect(second).toMatchObject({ ok: true, value: { outcome: 'suppressed' } });
      expect(subject.counts().byType['rating.submitted']).toBe(before + 1);
      expect(subject.counts().byType['rating.suppressed']).toBe(1);
    });

    it('asks the follow-up after a low score and records the answer', async () => {
      await subject.api.request('press', { score: 2, source: 'keyboard' });
      const followUp = await stateWhere('the follow-up', (s) => s.session.phase === 'followUp');
      expect(followUp.session).toMatchObject({ phase: 'followUp', score: 2 });
      expect(await subject.api.request('answerFollowUp', { reason: 'politeness' })).toEqual({ ok: true, value: null });
      await stateWhere('thanks after the answer', (s) => s.session.phase === 'thanks');
      expect(subject.counts().byType['rating.followUp']).toBe(1);
    });

    it('an answer with no question on screen is refused with no-follow-up', async () => {
      const result = await subject.api.request('answerFollowUp', { reason: 'comfort' });
      expect(result).toMatchObject({ ok: false, error: { code: 'no-follow-up' } });
    });

    it('switches the language', async () => {
      expect(await subject.api.request('setLocale', { locale: 'en' })).toEqual({ ok: true, value: null });
      const state = await stateWhere('English', (s) => s.session.locale === 'en');
      expect(state.session).toEqual({ phase: 'idle', locale: 'en' });
      expect((await subject.api.getState()).session.locale).toBe('en');
    });

    it('refuses malformed input with invalid-input naming the field, and records nothing', async () => {
      const before = subject.counts().total;
      const cases: unknown[] = [
        { score: '5', source: 'touch' },
        { score: 5 },
        { score: 5, source: 'serial' },
        { score: 0, source: 'touch' },
        { score: 5, source: 'touch', extra: true },
        null,
        [],
      ];
      for (const input of cases) {
        const result = await subject.api.request('press', input as never);
        expect(result.ok, JSON.stringify(input)).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('invalid-input');
      }
      const badLocale = await subject.api.request('setLocale', { locale: 'de' } as never);
      expect(badLocale).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('locale') } });
      expect(subject.counts().total).toBe(before);
    });

    it('refuses a score outside the scale with score-out-of-range', async () => {
      const result = await subject.api.request('press', { score: 9, source: 'keyboard' });
      expect(result).toMatchObject({ ok: false, error: { code: 'score-out-of-range' } });
      expect(latest()?.session.phase ?? 'idle').toBe('idle');
    });

    it('a rating terminal refuses the ticket intents with wrong-mode', async () => {
      expect(await subject.api.request('issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: false, error: { code: 'wrong-mode' } });
      expect(await subject.api.request('closeTicket', {})).toMatchObject({ ok: false, error: { code: 'wrong-mode' } });
      expect((await subject.api.getState()).tickets).toBeNull();
    });

    it('publishes states with increasing revisions', async () => {
      await subject.api.request('setLocale', { locale: 'en' });
      await subject.api.request('setLocale', { locale: 'ru' });
      await subject.api.request('press', { score: 4, source: 'touch' });
      await stateWhere('thanks', (s) => s.session.phase === 'thanks');
      const revisions = states.map((s) => s.revision);
      expect(revisions.length).toBeGreaterThanOrEqual(3);
      expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
      expect(new Set(revisions).size).toBe(revisions.length);
    });
  });
}
