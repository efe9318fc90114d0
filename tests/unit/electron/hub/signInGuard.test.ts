import { describe, expect, it } from 'vitest';
import { hashPin } from '../../../../electron/core/technician/pinHash.ts';
import { signInGuard } from '../../../../electron/hub/signInGuard.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';

describe('sign-in guard', () => {
  it('accepts the right PIN, refuses a wrong one, and locks an operator after 5 wrong ones in a row', async () => {
    const time = new FakeTime();
    const guard = signInGuard({ operators: [{ id: 'anna', pinHash: await hashPin('1234') }, { id: 'ivan', pinHash: await hashPin('5678') }], clock: time });
    expect(await guard.check('anna', '1234')).toEqual({ ok: true });
    expect(await guard.check('nobody', '1234')).toMatchObject({ ok: false, refusal: 'unknown-operator' });
    for (let i = 0; i < 4; i += 1) expect(await guard.check('anna', '0000')).toMatchObject({ ok: false, refusal: 'wrong-pin' });
    expect(await guard.check('anna', '0000')).toMatchObject({ ok: false, refusal: 'locked' });
    // Locked: even the right PIN is refused, and another operator is not affected.
    expect(await guard.check('anna', '1234')).toMatchObject({ ok: false, refusal: 'locked' });
    expect(await guard.check('ivan', '5678')).toEqual({ ok: true });
    time.advance(5 * 60_000 + 1);
    expect(await guard.check('anna', '1234')).toEqual({ ok: true });
  });

  it('checks one PIN at a time, in order', async () => {
    const time = new FakeTime();
    const guard = signInGuard({ operators: [{ id: 'anna', pinHash: await hashPin('1234') }], clock: time });
    const answers = await Promise.all(['0000', '0000', '1234', '0000'].map((pin) => guard.check('anna', pin)));
    expect(answers.map((answer) => (answer.ok ? 'ok' : answer.refusal))).toEqual(['wrong-pin', 'wrong-pin', 'ok', 'wrong-pin']);
    // The right PIN reset the count: the last one is the first failure again.
    expect(answers[3]).toMatchObject({ message: expect.stringContaining('4 tries left') });
  });
});
