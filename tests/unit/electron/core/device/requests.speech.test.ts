import { describe, expect, it } from 'vitest';
import type { Face, Handlers } from '../../../../../electron/core/device/face.ts';
import { createRequestDispatcher } from '../../../../../electron/core/device/requests.ts';
import { REQUEST_NAMES, REQUESTS, type RequestName, type TechnicianRequest } from '../../../../../shared/requests/registry.ts';
import { fail, ok } from '../../../../../shared/result.ts';

const clip = (id: string) => ({ id, wav: '', durationMs: 1, engine: 'bundled' as const });

function door(options: { technicianOpen?: boolean; faceSpeaks?: boolean; speech?: boolean }) {
  const calls: string[] = [];
  const face: Face = {
    name: 'tickets',
    view: () => ({ session: { phase: 'idle', locale: 'ru' }, tickets: null, problems: [] }),
    handlers: options.faceSpeaks ? { speak: () => (calls.push('face speak'), ok(clip('face'))) } : {},
    close: () => undefined,
  };
  const speech: Partial<Handlers<RequestName>> = {
    speak: () => (calls.push('speech speak'), ok(clip('speech'))),
    moreTime: () => (calls.push('speech moreTime'), ok(null)),
    setSpeechMode: () => (calls.push('speech setSpeechMode'), ok(null)),
  };
  const technician = Object.fromEntries(
    REQUEST_NAMES.filter((name) => REQUESTS[name].gate.kind !== 'citizen').map((name) => [name, () => fail('technician-only', 'x')]),
  ) as unknown as Handlers<TechnicianRequest>;
  const handle = createRequestDispatcher({
    face: () => face,
    speech: () => (options.speech === false ? null : speech),
    technicianOpen: () => options.technicianOpen ?? false,
    technician,
    setupLocale: () => ok(null),
    onInvalidInput: () => calls.push('invalid'),
    onTechnicianRequest: () => calls.push('technician activity'),
    onCitizenRequest: () => calls.push('citizen activity'),
  });
  return { handle, calls };
}

describe('the request door with speech', () => {
  it('asks the face first, then speech', async () => {
    const own = door({ faceSpeaks: true });
    expect(await own.handle('speak', { parts: [{ lang: 'ru', text: 'а' }] })).toMatchObject({ ok: true, value: { id: 'face' } });
    const shared = door({});
    expect(await shared.handle('speak', { parts: [{ lang: 'ru', text: 'а' }] })).toMatchObject({ ok: true, value: { id: 'speech' } });
    expect(await shared.handle('moreTime', {})).toEqual({ ok: true, value: null });
    expect(shared.calls).toEqual(['citizen activity', 'speech speak', 'citizen activity', 'speech moreTime']);
  });

  it('without speech handlers a speech request is the wrong mode, as before', async () => {
    const { handle } = door({ speech: false });
    expect(await handle('setSpeechMode', { on: true, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'wrong-mode' } });
  });

  it('refused while technician mode is open, before its handler; bad input counted', async () => {
    const { handle, calls } = door({ technicianOpen: true });
    expect(await handle('setSpeechMode', { on: true, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    const open = door({});
    expect(await open.handle('setSpeechMode', { on: true, source: 'elbow' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await open.handle('changeSpeechVolume', { step: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(calls).toEqual([]);
    expect(open.calls).toEqual(['invalid', 'invalid']);
  });
});
