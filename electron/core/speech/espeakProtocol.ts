import { z } from 'zod';
import type { Locale } from '../../../shared/configRules.ts';

/**
 * The messages between bundledEngine.ts (the core's thread) and espeakWorker.ts (the voice's thread),
 * checked with zod on both sides, and how a language and a rate become eSpeak's voice and speed.
 */

/** eSpeak NG's voices: Russian, and British English (our English numbers are British: "one hundred and five"). */
export const ESPEAK_VOICES: Readonly<Record<Locale, string>> = { ru: 'ru', en: 'gmw/en' };

/** eSpeak's normal speed, in words per minute: speech.rate 100 %. */
export const ESPEAK_NORMAL_WPM = 175;
/** eSpeak's own limits. */
export const ESPEAK_MIN_WPM = 80;
export const ESPEAK_MAX_WPM = 450;

/** speech.rate (per cent of normal) as eSpeak's words per minute. */
export const wordsPerMinute = (ratePercent: number): number =>
  Math.min(ESPEAK_MAX_WPM, Math.max(ESPEAK_MIN_WPM, Math.round((ESPEAK_NORMAL_WPM * ratePercent) / 100)));

export const MAX_TEXT_LENGTH = 10_000;

export const synthesisRequestSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  text: z.string().min(1).max(MAX_TEXT_LENGTH),
  voice: z.string().min(1).max(100),
  wordsPerMinute: z.number().int().min(ESPEAK_MIN_WPM).max(ESPEAK_MAX_WPM),
});
export type SynthesisRequest = z.infer<typeof synthesisRequestSchema>;

export const synthesisReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({ id: z.number(), ok: z.literal(true), sampleRate: z.number().int().positive(), samples: z.instanceof(Int16Array) }),
  z.strictObject({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);
export type SynthesisReply = z.infer<typeof synthesisReplySchema>;

/** The worker's first message, once its code is loaded: request timeouts count from here, not from a cold start. */
export const workerReadySchema = z.strictObject({ ready: z.literal(true) });
export const WORKER_READY: z.infer<typeof workerReadySchema> = { ready: true };
