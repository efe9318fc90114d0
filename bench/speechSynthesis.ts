/**
 * Speech figures (issue #15): the bundled voice's cold start (worker thread + WASM + voice data + the
 * first phrase), then per phrase uncached (synthesis in the worker, join, WAV, base64) and cached (the
 * clip cache), over distinct Russian and English phrases the screens and the hall board say.
 * Alone: `node bench/speechSynthesis.ts` (OKNO_BENCH_SPEECH_ROUNDS sets the cached rounds).
 */
import type { Locale } from '../shared/configRules.ts';
import { speechSchema } from '../shared/config.ts';
import { spokenCall, spokenPeopleAhead, spokenWait } from '../shared/speech/spokenTicket.ts';
import { startSpeechService } from '../electron/core/speech/startSpeechService.ts';
import type { SpokenPart } from '../electron/core/speech/speechService.ts';
import { ms, percentile } from './stats.ts';

type Report = (name: string, value: string) => void;

const COLD_STARTS = 3;

/** 2 × 14 distinct phrases: calls of different tickets and windows, queue positions, waits, prompts. */
function phrases(): SpokenPart[] {
  const out: SpokenPart[] = [];
  for (const lang of ['ru', 'en'] as const satisfies readonly Locale[]) {
    for (let i = 1; i <= 8; i += 1) out.push({ lang, text: spokenCall(lang, `П-${String(i * 13).padStart(3, '0')}`, String(i)) });
    for (const ahead of [0, 3, 21]) out.push({ lang, text: `${spokenPeopleAhead(lang, ahead)}, ${spokenWait(lang, ahead * 4, 5)}` });
    out.push({ lang, text: lang === 'ru' ? 'Оцените обслуживание. Кнопка 1 — очень плохо, кнопка 5 — отлично.' : 'Rate the service. Button 1, very poor; button 5, excellent.' });
    out.push({ lang, text: lang === 'ru' ? 'Спасибо за оценку!' : 'Thank you for your rating!' });
    out.push({ lang, text: lang === 'ru' ? 'Выберите услугу. Кнопка 1 — паспорт, кнопка 2 — справки.' : 'Choose a service. Button 1, passport; button 2, certificates.' });
  }
  return out;
}

export async function benchSpeechSynthesis(report: Report, cachedRounds = Number(process.env.OKNO_BENCH_SPEECH_ROUNDS ?? 50)): Promise<void> {
  const config = speechSchema.parse({});
  const cold: number[] = [];
  for (let i = 0; i < COLD_STARTS; i += 1) {
    const service = startSpeechService({ config });
    const t0 = performance.now();
    await service.say([{ lang: 'ru', text: spokenCall('ru', 'П-017', '5') }]);
    cold.push(performance.now() - t0);
    await service.close();
  }
  report(`speech: cold start → first clip (median of ${COLD_STARTS})`, ms(percentile(cold, 50)));

  const service = startSpeechService({ config });
  try {
    await service.say([{ lang: 'ru', text: 'Добрый день.' }]); // the worker is up and the voice loaded
    const all = phrases();
    const uncached: number[] = [];
    for (const part of all) {
      const t0 = performance.now();
      await service.say([part]);
      uncached.push(performance.now() - t0);
    }
    const cached: number[] = [];
    for (let round = 0; round < cachedRounds; round += 1) {
      for (const part of all) {
        const t0 = performance.now();
        await service.say([part]);
        cached.push(performance.now() - t0);
      }
    }
    if (service.counters.synthesized !== all.length + 1) throw new Error(`expected ${all.length + 1} syntheses, counted ${service.counters.synthesized}`);
    report(`speech: phrase uncached p50 (${all.length} phrases ru/en)`, ms(percentile(uncached, 50)));
    report('speech: phrase uncached p99', ms(percentile(uncached, 99)));
    report(`speech: phrase cached p50 (${cached.length} says)`, ms(percentile(cached, 50)));
    report('speech: phrase cached p99', ms(percentile(cached, 99)));
  } finally {
    await service.close();
  }
}

if (import.meta.main) {
  await benchSpeechSynthesis((name, value) => console.log(`${name.padEnd(44)} ${value}`));
}
