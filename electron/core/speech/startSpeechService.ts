import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SpeechConfig } from '../../../shared/config.ts';
import { LOCALES, type SpeechEngineName } from '../../../shared/configRules.ts';
import type { SpeechClip } from '../../../shared/kioskApi.ts';
import { nullLogger, type Logger } from '../logging/logger.ts';
import { createBundledEngine, type BundledEngineCounters } from './bundledEngine.ts';
import { ByteLru } from './byteLru.ts';
import { chime } from './chime.ts';
import { createSystemEngine } from './systemVoice.ts';
import { SpeechError, type Pcm, type SayOptions, type SpeechCounters, type SpeechEngine, type SpeechService, type SpokenPart } from './speechService.ts';
import { durationMs, encodeWav, joinPcm } from './wav.ts';

/**
 * The speech service (speechService.ts says what it is for). Each part is synthesized by the configured
 * engine, or by the bundled one when the system voice is missing or fails; the parts are joined with a
 * short pause, after a chime when asked, into one WAV clip. The same words give the same clip id, and
 * both the clips and each part's samples are kept in a cache bounded by bytes, so a screen said again,
 * or an announcement repeated on several boards, is answered without synthesizing.
 */

/** Between two parts ("Талон пэ семнадцать" … "Ticket P seventeen"): a breath, not a gap. */
export const PART_GAP_MS = 250;
/** The chime played alone (SpeechService.chime): the bundled voice's rate, so it sounds as in a joined clip. */
const CHIME_SAMPLE_RATE = 22_050;
/** Between the chime and the words. */
export const CHIME_GAP_MS = 200;
/** Each cache (clips, parts) holds up to this much: ≈ 6 minutes of 22 kHz speech each. */
export const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;
/** At most this many parts in one clip, and this many characters in one part: a screen, not a book. */
export const MAX_PARTS = 50;
export const MAX_PART_LENGTH = 2_000;

const partsSchema = z
  .array(z.strictObject({ lang: z.enum(LOCALES), text: z.string().trim().min(1).max(MAX_PART_LENGTH) }))
  .min(1)
  .max(MAX_PARTS);

export interface SpeechServiceCounters extends SpeechCounters, BundledEngineCounters {
  /** say() calls with no parts, an empty or too long text, an unknown language: refused. */
  badRequests: number;
}

export interface StartedSpeechService extends SpeechService {
  readonly counters: Readonly<SpeechServiceCounters>;
  /** Synthesizes these phrases now (at start), so the first visitor does not wait for them; never rejects. */
  warm(phrases: readonly (readonly SpokenPart[])[]): Promise<void>;
}

export interface SpeechEngines {
  /** Default: eSpeak NG in a worker (bundledEngine.ts). */
  readonly bundled?: SpeechEngine & { readonly counters?: Readonly<BundledEngineCounters>; warm?(): Promise<void> };
  /** Used when config.engine is "system". Default: the OS voice (systemVoice.ts) with config.systemVoices. */
  readonly system?: SpeechEngine;
}

export interface StartSpeechServiceOptions {
  readonly config: SpeechConfig;
  readonly log?: Logger;
  readonly engines?: SpeechEngines;
  /** The budget of each of the two caches, in bytes. */
  readonly cacheBytes?: number;
}

interface SpokenPcm {
  readonly pcm: Pcm;
  readonly engine: SpeechEngineName;
}

export function startSpeechService(options: StartSpeechServiceOptions): StartedSpeechService {
  const { config } = options;
  const log = options.log ?? nullLogger;
  const bundled = options.engines?.bundled ?? createBundledEngine({ logger: log });
  const system = config.engine === 'system' ? (options.engines?.system ?? createSystemEngine({ voices: config.systemVoices })) : null;
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const clips = new ByteLru<SpeechClip>(cacheBytes, (clip) => clip.wav.length + clip.id.length);
  const partCache = new ByteLru<SpokenPcm>(cacheBytes, (spoken) => spoken.pcm.samples.byteLength);
  const inFlight = new Map<string, Promise<SpeechClip>>();
  const counters = { synthesized: 0, cached: 0, systemFallbacks: 0, failures: 0, badRequests: 0 };
  let fallbackLogged = false;
  let closed = false;

  /** What decides the sound besides the words: the clip id and the part keys include it. */
  const voiceOf = (lang: SpokenPart['lang']): string => (config.engine === 'system' ? `system:${config.systemVoices[lang] ?? ''}` : 'bundled');

  const speakPart = async (part: SpokenPart): Promise<SpokenPcm> => {
    const key = JSON.stringify([voiceOf(part.lang), config.rate, part.lang, part.text]);
    const known = partCache.get(key);
    if (known !== undefined) return known;
    let spoken: SpokenPcm | null = null;
    if (system !== null) {
      try {
        spoken = { pcm: await system.synthesize(part, config.rate), engine: 'system' };
      } catch (error) {
        counters.systemFallbacks += 1;
        if (!fallbackLogged) {
          fallbackLogged = true; // once: a missing voice would otherwise log every phrase
          log.warn({ err: error instanceof Error ? error.message : String(error) }, 'speech: the system voice failed; the bundled voice speaks instead');
        }
      }
    }
    if (spoken === null) {
      try {
        spoken = { pcm: await bundled.synthesize(part, config.rate), engine: 'bundled' };
      } catch (error) {
        throw error instanceof SpeechError ? error : new SpeechError(`the bundled voice failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    partCache.set(key, spoken);
    return spoken;
  };

  const make = async (id: string, parts: readonly SpokenPart[], withChime: boolean): Promise<SpeechClip> => {
    let spoken: SpokenPcm[];
    try {
      spoken = await Promise.all(parts.map(speakPart));
    } catch (error) {
      counters.failures += 1;
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'speech: no voice could say a phrase');
      throw error instanceof SpeechError ? error : new SpeechError(String(error));
    }
    const sampleRate = spoken[0]?.pcm.sampleRate ?? 22_050;
    const words = joinPcm(
      spoken.map((each) => each.pcm),
      sampleRate,
      PART_GAP_MS,
    );
    const pcm = withChime ? joinPcm([chime(sampleRate), words], sampleRate, CHIME_GAP_MS) : words;
    const clip: SpeechClip = {
      id,
      wav: Buffer.from(encodeWav(pcm)).toString('base64'),
      durationMs: durationMs(pcm),
      engine: spoken.every((each) => each.engine === 'system') ? 'system' : 'bundled',
    };
    counters.synthesized += 1;
    clips.set(id, clip);
    return clip;
  };

  const say = async (parts: readonly SpokenPart[], sayOptions: SayOptions = {}): Promise<SpeechClip> => {
    if (closed) throw new SpeechError('the speech service is closed');
    const checked = partsSchema.safeParse(parts);
    if (!checked.success) {
      counters.badRequests += 1;
      throw new SpeechError(`nothing to say: ${checked.error.issues.map((issue) => `${issue.path.join('.') || 'parts'}: ${issue.message}`).join('; ')}`);
    }
    const withChime = sayOptions.chime === true;
    const id = createHash('sha256')
      .update(JSON.stringify([config.engine, checked.data.map((part) => voiceOf(part.lang)), config.rate, checked.data, withChime]))
      .digest('base64url')
      .slice(0, 22);
    const known = clips.get(id);
    if (known !== undefined) {
      counters.cached += 1;
      return known;
    }
    const running = inFlight.get(id);
    if (running !== undefined) {
      counters.cached += 1;
      return running;
    }
    const made = make(id, checked.data, withChime).finally(() => inFlight.delete(id));
    inFlight.set(id, made);
    return made;
  };

  let chimeClip: SpeechClip | null = null;
  const chimeAlone = (): SpeechClip => {
    if (chimeClip) return chimeClip;
    const pcm = chime(CHIME_SAMPLE_RATE);
    chimeClip = { id: 'chime', wav: Buffer.from(encodeWav(pcm)).toString('base64'), durationMs: durationMs(pcm), engine: 'bundled' };
    return chimeClip;
  };

  return {
    get counters(): Readonly<SpeechServiceCounters> {
      return { ...counters, workerRestarts: bundled.counters?.workerRestarts ?? 0, badReplies: bundled.counters?.badReplies ?? 0 };
    },
    say,
    chime: chimeAlone,
    clip: (id) => (id === 'chime' ? chimeAlone() : (clips.get(id) ?? null)),
    warm: async (phrases) => {
      await bundled.warm?.().catch(() => undefined);
      for (const phrase of phrases) await say(phrase).catch(() => undefined); // counted as failures already
    },
    close: async () => {
      closed = true;
      clips.clear();
      partCache.clear();
      await Promise.all([bundled.close(), system?.close()]);
    },
  };
}
