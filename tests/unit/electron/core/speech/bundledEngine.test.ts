import { afterEach, describe, expect, it } from 'vitest';
import { createBundledEngine, defaultWorkerUrl, type BundledEngine } from '../../../../../electron/core/speech/bundledEngine.ts';
import { wordsPerMinute } from '../../../../../electron/core/speech/espeakProtocol.ts';
import { SpeechError } from '../../../../../electron/core/speech/speechService.ts';
import { rms } from '../../../../../electron/core/speech/wav.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const misbehaving = new URL('./fixtures/misbehavingWorker.ts', import.meta.url);
const tempDir = useTempDirs();
const engines: BundledEngine[] = [];
const engine = (options: Parameters<typeof createBundledEngine>[0] = {}): BundledEngine => {
  const made = createBundledEngine(options);
  engines.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(engines.splice(0).map((each) => each.close()));
});

describe('the bundled voice engine (worker plumbing)', () => {
  it('maps the rate to eSpeak words per minute: 100 % is 175, within eSpeak limits', () => {
    expect(wordsPerMinute(100)).toBe(175);
    expect(wordsPerMinute(50)).toBe(88);
    expect(wordsPerMinute(200)).toBe(350);
    expect(wordsPerMinute(10)).toBe(80);
    expect(wordsPerMinute(1000)).toBe(450);
  });

  it('finds the worker beside itself with its own extension (.ts from source, .js in dist/)', () => {
    expect(defaultWorkerUrl().pathname).toMatch(/\/electron\/core\/speech\/espeakWorker\.ts$/);
  });

  it('answers requests in order from one worker', async () => {
    const voice = engine({ workerUrl: misbehaving });
    const [a, b] = await Promise.all([voice.synthesize({ lang: 'ru', text: 'один' }, 100), voice.synthesize({ lang: 'en', text: 'three' }, 100)]);
    expect(a.samples.length).toBe(4);
    expect(b.samples.length).toBe(5);
    expect(voice.counters.workerRestarts).toBe(0);
  });

  it('starts a dead worker again and sends the request once more; counted', async () => {
    const voice = engine({ workerUrl: misbehaving });
    const pcm = await voice.synthesize({ lang: 'ru', text: `crash once:${tempDir()}` }, 100);
    expect(pcm.sampleRate).toBe(8000);
    expect(voice.counters.workerRestarts).toBe(1);
    await expect(voice.synthesize({ lang: 'ru', text: 'after' }, 100)).resolves.toMatchObject({ sampleRate: 8000 });
  });

  it('refuses a phrase the worker dies on twice, and goes on with the next', async () => {
    const voice = engine({ workerUrl: misbehaving });
    await expect(voice.synthesize({ lang: 'ru', text: 'crash' }, 100)).rejects.toThrow(SpeechError);
    expect(voice.counters.workerRestarts).toBe(1);
    await expect(voice.synthesize({ lang: 'ru', text: 'next' }, 100)).resolves.toMatchObject({ sampleRate: 8000 });
  });

  it('ends a worker that does not answer in time and refuses the phrase after a second try', async () => {
    const voice = engine({ workerUrl: misbehaving, timeoutMs: 300 });
    await expect(voice.synthesize({ lang: 'ru', text: 'hang' }, 100)).rejects.toThrow(/stopped twice/);
    await expect(voice.synthesize({ lang: 'ru', text: 'fine' }, 100)).resolves.toMatchObject({ sampleRate: 8000 });
  });

  it('counts a reply that makes no sense and refuses it by the timeout, not by a crash', async () => {
    const voice = engine({ workerUrl: misbehaving, timeoutMs: 300 });
    await expect(voice.synthesize({ lang: 'ru', text: 'nonsense' }, 100)).rejects.toThrow(SpeechError);
    expect(voice.counters.badReplies).toBe(2);
  });

  it('refuses what is still waiting, and anything after, once closed', async () => {
    const voice = engine({ workerUrl: misbehaving });
    const waiting = expect(voice.synthesize({ lang: 'ru', text: 'hang' }, 100)).rejects.toThrow(/closed/);
    await voice.close();
    await waiting;
    await expect(voice.synthesize({ lang: 'ru', text: 'more' }, 100)).rejects.toThrow(/closed/);
  });
});

describe('the bundled voice engine (eSpeak NG)', () => {
  it('speaks Russian and British English at 22 050 Hz, faster with a higher rate', async () => {
    const voice = engine();
    await voice.warm();
    const ru = await voice.synthesize({ lang: 'ru', text: 'Талон пэ семнадцать, окно пять' }, 100);
    const en = await voice.synthesize({ lang: 'en', text: 'Ticket P seventeen, window five' }, 100);
    const fast = await voice.synthesize({ lang: 'ru', text: 'Талон пэ семнадцать, окно пять' }, 200);
    expect(ru.sampleRate).toBe(22_050);
    expect(rms(ru)).toBeGreaterThan(0.02);
    expect(rms(en)).toBeGreaterThan(0.02);
    expect(fast.samples.length).toBeLessThan(ru.samples.length * 0.75);
  });
});
