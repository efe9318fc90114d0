import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../../shared/configRules.ts';
import { speechSchema } from '../../../shared/config.ts';
import { spokenNumber } from '../../../shared/speech/spokenNumber.ts';
import { spokenCall, spokenPeopleAhead, spokenTicket, spokenWait } from '../../../shared/speech/spokenTicket.ts';
import { startSpeechService, type StartedSpeechService } from '../../../electron/core/speech/startSpeechService.ts';
import { decodeWav, durationMs, rms } from '../../../electron/core/speech/wav.ts';
import { requireSpeechTools, soxStat } from '../../helpers/speechTools.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';

/**
 * The bundled voice for real (eSpeak NG as WebAssembly in its worker), on the phrases the screens and
 * the hall board say, cross-checked with Debian's sox (reads our WAV the same) and espeak-ng (the same
 * engine natively: a similar length).
 */

const PHRASES: Record<Locale, Record<string, string>> = {
  ru: {
    call: spokenCall('ru', 'П-017', '5'),
    recall: `Повторный вызов. ${spokenCall('ru', 'П-017', '5')}`,
    ticket: `Ваш талон ${spokenTicket('ru', 'П-017')}. ${spokenPeopleAhead('ru', 4)}, ожидание ${spokenWait('ru', 15, 5)}.`,
    rating: 'Оцените обслуживание. Кнопка 1 — очень плохо, кнопка 2 — плохо, кнопка 3 — удовлетворительно, кнопка 4 — хорошо, кнопка 5 — отлично.',
  },
  en: {
    call: spokenCall('en', 'П-017', '5'),
    recall: `Calling again. ${spokenCall('en', 'П-017', '5')}`,
    ticket: `Your ticket is ${spokenTicket('en', 'П-017')}. ${spokenPeopleAhead('en', 4)}, waiting ${spokenWait('en', 15, 5)}.`,
    rating: 'Rate the service. Button 1, very poor; button 2, poor; button 3, fair; button 4, good; button 5, excellent.',
  },
};

/**
 * Syllables, roughly: digits said as words first, then Russian vowels (one per syllable, exactly) or
 * English vowel groups (close enough: "service" 2, "excellent" 3, "Rate" counts 2 for 1).
 */
function syllables(lang: Locale, text: string): number {
  const words = text.replace(/\d+/g, (digits) => spokenNumber(lang, Number(digits))).toLowerCase();
  return (lang === 'ru' ? words.match(/[аеёиоуыэюя]/g) : words.match(/[aeiouy]+/g))?.length ?? 0;
}
/** Commas, dashes, semicolons and full stops: where eSpeak pauses (≈ 0.1–0.4 s at normal speed). */
const pauses = (text: string): number => text.match(/[,.;:—]/g)?.length ?? 0;

/**
 * Whole-clip RMS above 0.02 of full scale (−34 dBFS): speech with its pauses measures ≈ 0.07–0.1 here
 * (−20 dBFS), a silent or near-silent clip (a wrong voice, samples lost in the join) far below.
 */
const RMS_FLOOR = 0.02;
/**
 * Length: at least 40 ms a syllable (faster than anyone talks: normal speech is 4–7 syllables a second,
 * 140–250 ms, so a clip cut short fails), at most 250 ms a syllable plus 400 ms for each pause mark (a
 * clip with doubled or stuck audio fails).
 */
const MIN_MS_PER_SYLLABLE = 40;
const MAX_MS_PER_SYLLABLE = 250;
const MAX_MS_PER_PAUSE = 400;

const tempDir = useTempDirs();
let service: StartedSpeechService;

beforeAll(() => {
  requireSpeechTools();
  service = startSpeechService({ config: speechSchema.parse({}) });
});
afterAll(async () => {
  await service.close();
});

describe('the bundled voice says the screens’ and the hall’s phrases', () => {
  for (const lang of ['ru', 'en'] as const) {
    for (const [name, text] of Object.entries(PHRASES[lang])) {
      it(`${lang} ${name}: audible, of a plausible length, read alike by sox, near espeak-ng’s own length`, async () => {
        const clip = await service.say([{ lang, text }]);
        const bytes = Buffer.from(clip.wav, 'base64');
        const pcm = decodeWav(bytes);
        expect(clip.engine).toBe('bundled');
        expect(pcm.sampleRate).toBe(22_050);
        expect(clip.durationMs).toBe(durationMs(pcm));
        expect(rms(pcm)).toBeGreaterThan(RMS_FLOOR);
        const count = syllables(lang, text);
        expect(clip.durationMs).toBeGreaterThan(count * MIN_MS_PER_SYLLABLE);
        expect(clip.durationMs).toBeLessThan(count * MAX_MS_PER_SYLLABLE + pauses(text) * MAX_MS_PER_PAUSE);

        const dir = tempDir();
        const ours = join(dir, 'ours.wav');
        writeFileSync(ours, bytes);
        const sox = soxStat(ours);
        expect(sox.seconds * 1000).toBeGreaterThan(clip.durationMs * 0.95);
        expect(sox.seconds * 1000).toBeLessThan(clip.durationMs * 1.05);
        expect(sox.rms).toBeGreaterThan(rms(pcm) * 0.95);
        expect(sox.rms).toBeLessThan(rms(pcm) * 1.05);

        const native = join(dir, 'native.wav');
        execFileSync('espeak-ng', ['-v', lang === 'ru' ? 'ru' : 'en-gb', '-s', '175', '-w', native, '--stdin'], { input: text });
        const nativeMs = durationMs(decodeWav(readFileSync(native)));
        expect(clip.durationMs).toBeGreaterThan(nativeMs / 2);
        expect(clip.durationMs).toBeLessThan(nativeMs * 2);
      });
    }
  }

  it('joins a Russian and an English part after a chime into one clip', async () => {
    const clip = await service.say(
      [
        { lang: 'ru', text: PHRASES.ru.call ?? '' },
        { lang: 'en', text: PHRASES.en.call ?? '' },
      ],
      { chime: true },
    );
    const alone = await Promise.all([service.say([{ lang: 'ru', text: PHRASES.ru.call ?? '' }]), service.say([{ lang: 'en', text: PHRASES.en.call ?? '' }])]);
    // chime (800 ms) + 200 ms + ru + 250 ms + en, give or take a sample of rounding.
    expect(Math.abs(clip.durationMs - (800 + 200 + alone[0].durationMs + 250 + alone[1].durationMs))).toBeLessThanOrEqual(2);
  });

  it('keeps the core’s thread free while a long phrase is synthesized', async () => {
    let ticks = 0;
    let running = true;
    const tick = (): void => {
      ticks += 1;
      if (running) setImmediate(tick);
    };
    tick();
    const long = `${PHRASES.ru.rating} ${PHRASES.ru.ticket} ${PHRASES.ru.rating}`;
    await service.say([{ lang: 'ru', text: long }]);
    running = false;
    // Synthesis on this thread would block it for the whole phrase: a handful of ticks at most. In a
    // worker the loop turns hundreds of times meanwhile (thousands here); 50 leaves room for a slow machine.
    expect(ticks).toBeGreaterThan(50);
  });
});
