import type { Locale, SpeechEngineName } from '../../../shared/configRules.ts';
import type { SpeechClip } from '../../../shared/kioskApi.ts';

/**
 * The speech service (issue #15, docs/accessibility.md): one per device, offline. It turns words into
 * audio for the page to play; it never plays anything itself, so the Electron shell and the browser host
 * sound the same, and a press is never waited on: synthesis runs off the main thread (a worker), and an
 * answer that is already cached is returned without synthesizing again.
 *
 * Engines: the bundled eSpeak NG (WebAssembly, ru and en, always there) and, when speech.engine is
 * "system", the operating system's voice (Windows SAPI, macOS `say`, Linux RHVoice or espeak-ng when
 * installed); a system voice that is missing or fails falls back to the bundled one, counted.
 */

/** A run of text in one language: "Талон" (ru) then "P seventeen" (en) are two parts. */
export interface SpokenPart {
  readonly lang: Locale;
  readonly text: string;
}

/** Mono 16-bit PCM. */
export interface Pcm {
  readonly sampleRate: number;
  readonly samples: Int16Array;
}

/** One synthesizer (bundled or system). `rate` is per cent of the voice's normal speed. */
export interface SpeechEngine {
  readonly name: SpeechEngineName;
  /** Throws (rejects) when this engine cannot say it: the service falls back or reports. */
  synthesize(part: SpokenPart, rate: number): Promise<Pcm>;
  close(): Promise<void>;
}

export interface SayOptions {
  /** A chime before the words (the hall board's announcements). */
  readonly chime?: boolean;
}

export interface SpeechCounters {
  /** Clips made by synthesizing (a cache miss). */
  synthesized: number;
  /** Clips answered from the cache. */
  cached: number;
  /** The system voice failed or was missing; the bundled one spoke instead. */
  systemFallbacks: number;
  /** Neither engine could say it. */
  failures: number;
}

export interface SpeechService {
  /**
   * The parts, in order, as one clip (with a chime first when asked). Rejects with SpeechError when no
   * engine can say it; never blocks the caller's thread while synthesizing.
   */
  say(parts: readonly SpokenPart[], options?: SayOptions): Promise<SpeechClip>;
  /**
   * The chime alone, as a clip (made once). The hall board plays it the moment a call comes, while the words
   * are still being synthesized: the hall hears the call start at once, and the words follow the chime.
   */
  chime(): SpeechClip;
  /** A clip made earlier, while it is still cached; null when it is gone. */
  clip(id: string): SpeechClip | null;
  readonly counters: Readonly<SpeechCounters>;
  close(): Promise<void>;
}

export class SpeechError extends Error {
  override readonly name = 'SpeechError';
}
