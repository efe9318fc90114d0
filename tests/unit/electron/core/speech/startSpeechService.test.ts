import { describe, expect, it } from 'vitest';
import { speechSchema, type SpeechConfig } from '../../../../../shared/config.ts';
import { createMemoryLogger } from '../../../../../electron/core/logging/logger.ts';
import { SpeechError, type Pcm, type SpeechEngine, type SpokenPart } from '../../../../../electron/core/speech/speechService.ts';
import { startSpeechService } from '../../../../../electron/core/speech/startSpeechService.ts';
import { decodeWav } from '../../../../../electron/core/speech/wav.ts';

/** An engine that "says" each character as 10 samples of its code, at its own rate, and records the calls. */
function fakeEngine(name: SpeechEngine['name'], sampleRate = 1000, fail: (part: SpokenPart) => boolean = () => false) {
  const calls: SpokenPart[] = [];
  let closed = false;
  const engine: SpeechEngine = {
    name,
    synthesize: (part) => {
      calls.push(part);
      if (fail(part)) return Promise.reject(new Error(`${name} cannot say "${part.text}"`));
      const samples = new Int16Array(part.text.length * 10).fill(part.text.charCodeAt(0));
      return Promise.resolve({ sampleRate, samples } satisfies Pcm);
    },
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
  return { engine, calls, isClosed: () => closed };
}

const config = (speech: object = {}): SpeechConfig => speechSchema.parse(speech);

describe('the speech service', () => {
  it('joins the parts into one WAV clip, with a pause between them, and says who spoke', async () => {
    const bundled = fakeEngine('bundled');
    const service = startSpeechService({ config: config(), engines: { bundled: bundled.engine } });
    const clip = await service.say([
      { lang: 'ru', text: 'аб' },
      { lang: 'en', text: 'c' },
    ]);
    const pcm = decodeWav(Buffer.from(clip.wav, 'base64'));
    expect(pcm.sampleRate).toBe(1000);
    // 20 samples, 250 ms of silence at 1 kHz, 10 samples.
    expect(pcm.samples.length).toBe(20 + 250 + 10);
    expect(pcm.samples[0]).toBe('а'.charCodeAt(0));
    expect(pcm.samples[20]).toBe(0);
    expect(pcm.samples[270]).toBe('c'.charCodeAt(0));
    expect(clip.durationMs).toBe(280);
    expect(clip.engine).toBe('bundled');
    expect(bundled.calls).toEqual([
      { lang: 'ru', text: 'аб' },
      { lang: 'en', text: 'c' },
    ]);
    await service.close();
    expect(bundled.isClosed()).toBe(true);
  });

  it('puts the chime first when asked, and the chime is part of the clip id', async () => {
    const bundled = fakeEngine('bundled', 8000);
    const service = startSpeechService({ config: config(), engines: { bundled: bundled.engine } });
    const plain = await service.say([{ lang: 'ru', text: 'а' }]);
    const chimed = await service.say([{ lang: 'ru', text: 'а' }], { chime: true });
    expect(chimed.id).not.toBe(plain.id);
    expect(chimed.durationMs).toBeGreaterThan(plain.durationMs + 800);
    expect(bundled.calls).toHaveLength(1); // the words were synthesized once, the part cached
    await service.close();
  });

  it('answers the same words from the cache with the same clip, and finds it by id', async () => {
    const bundled = fakeEngine('bundled');
    const service = startSpeechService({ config: config(), engines: { bundled: bundled.engine } });
    const parts: SpokenPart[] = [{ lang: 'ru', text: 'талон' }];
    const [first, concurrent] = await Promise.all([service.say(parts), service.say(parts)]);
    const again = await service.say([{ lang: 'ru', text: 'талон' }]);
    expect(again).toBe(first);
    expect(concurrent).toBe(first);
    expect(service.clip(first.id)).toBe(first);
    expect(service.clip('no-such-clip')).toBeNull();
    expect(bundled.calls).toHaveLength(1);
    expect(service.counters).toMatchObject({ synthesized: 1, cached: 2, failures: 0 });
    await service.close();
  });

  it('gives other words, another rate or another engine another id', async () => {
    const ids = new Set<string>();
    for (const speech of [{}, { rate: 120 }, { engine: 'system' }, { engine: 'system', systemVoices: { ru: 'Irina' } }]) {
      const service = startSpeechService({ config: config(speech), engines: { bundled: fakeEngine('bundled').engine, system: fakeEngine('system').engine } });
      ids.add((await service.say([{ lang: 'ru', text: 'а' }])).id);
      ids.add((await service.say([{ lang: 'ru', text: 'б' }])).id);
      await service.close();
    }
    expect(ids.size).toBe(8);
  });

  it('stays within its cache budget: old clips are forgotten and made again', async () => {
    const bundled = fakeEngine('bundled');
    // Each clip is a 44-byte header + 2000 bytes of samples, ≈ 2.7 kB in base64, each part 2000 bytes: a
    // 5 kB budget per cache keeps one clip and two parts.
    const service = startSpeechService({ config: config(), engines: { bundled: bundled.engine }, cacheBytes: 5_000 });
    const first = await service.say([{ lang: 'ru', text: 'а'.repeat(100) }]);
    await service.say([{ lang: 'ru', text: 'б'.repeat(100) }]);
    await service.say([{ lang: 'ru', text: 'в'.repeat(100) }]);
    expect(service.clip(first.id)).toBeNull();
    await service.say([{ lang: 'ru', text: 'а'.repeat(100) }]);
    expect(bundled.calls).toHaveLength(4);
    expect(service.counters.synthesized).toBe(4);
    await service.close();
  });

  it('uses the system voice when configured, and says so in the clip', async () => {
    const bundled = fakeEngine('bundled');
    const system = fakeEngine('system', 16_000);
    const service = startSpeechService({ config: config({ engine: 'system' }), engines: { bundled: bundled.engine, system: system.engine } });
    const clip = await service.say([{ lang: 'ru', text: 'а' }]);
    expect(clip.engine).toBe('system');
    expect(decodeWav(Buffer.from(clip.wav, 'base64')).sampleRate).toBe(16_000);
    expect(bundled.calls).toHaveLength(0);
    expect(service.counters.systemFallbacks).toBe(0);
    await service.close();
  });

  it('falls back to the bundled voice when the system voice fails, counts each fallback, logs once', async () => {
    const memory = createMemoryLogger();
    const bundled = fakeEngine('bundled', 22_050);
    const system = fakeEngine('system', 16_000, (part) => part.lang === 'en');
    const service = startSpeechService({ config: config({ engine: 'system' }), engines: { bundled: bundled.engine, system: system.engine }, log: memory.logger });
    const mixed = await service.say([
      { lang: 'ru', text: 'а' },
      { lang: 'en', text: 'b' },
    ]);
    await service.say([{ lang: 'en', text: 'c' }]);
    expect(mixed.engine).toBe('bundled'); // not all of it was the system voice
    // One clip, at the first part's rate; the bundled part was resampled to it.
    expect(decodeWav(Buffer.from(mixed.wav, 'base64')).sampleRate).toBe(16_000);
    expect(service.counters).toMatchObject({ systemFallbacks: 2, failures: 0, synthesized: 2 });
    expect(memory.lines().filter((line) => line.includes('system voice failed'))).toHaveLength(1);
    await service.close();
  });

  it('refuses with a SpeechError, counted, when no engine can say it, and still works for the next phrase', async () => {
    const bundled = fakeEngine('bundled', 1000, (part) => part.text === 'bad');
    const system = fakeEngine('system', 1000, () => true);
    const service = startSpeechService({ config: config({ engine: 'system' }), engines: { bundled: bundled.engine, system: system.engine } });
    await expect(service.say([{ lang: 'ru', text: 'bad' }])).rejects.toThrow(SpeechError);
    expect(service.counters.failures).toBe(1);
    await expect(service.say([{ lang: 'ru', text: 'good' }])).resolves.toMatchObject({ engine: 'bundled' });
    await service.close();
  });

  it.each([
    ['no parts', []],
    ['an empty text', [{ lang: 'ru', text: '   ' }]],
    ['an unknown language', [{ lang: 'de', text: 'Hallo' }]],
    ['a text too long', [{ lang: 'ru', text: 'а'.repeat(2001) }]],
  ])('refuses %s with a SpeechError and a counter, without synthesizing', async (_, parts) => {
    const bundled = fakeEngine('bundled');
    const service = startSpeechService({ config: config(), engines: { bundled: bundled.engine } });
    // @ts-expect-error -- bad input from outside, as a request body could carry it
    await expect(service.say(parts)).rejects.toThrow(SpeechError);
    expect(service.counters.badRequests).toBe(1);
    expect(bundled.calls).toHaveLength(0);
    await service.close();
  });

  it('warms the common phrases into the cache, and refuses after close', async () => {
    const bundled = fakeEngine('bundled', 1000, (part) => part.text === 'bad');
    const service = startSpeechService({ config: config(), engines: { bundled: bundled.engine } });
    await service.warm([[{ lang: 'ru', text: 'оцените' }], [{ lang: 'ru', text: 'bad' }]]);
    await service.say([{ lang: 'ru', text: 'оцените' }]);
    expect(service.counters).toMatchObject({ synthesized: 1, cached: 1, failures: 1 });
    await service.close();
    await expect(service.say([{ lang: 'ru', text: 'оцените' }])).rejects.toThrow(/closed/);
  });
});
