/**
 * Plays the clips the core synthesized: one AudioContext for the page, a GainNode at the visitor's
 * volume, and a new utterance interrupts the one playing (EN 301 549 §5.1.3.5: speech can be
 * interrupted), so a quick press never waits for the end of a long sentence, and two never overlap.
 * The audio objects are given as the few members used, so the player is unit-tested with fakes.
 * The hall board's announcements (renderer/hall/announcementAudio.ts) and the citizen screens' speech
 * mode (./useSpeech.ts) share the page's one player.
 */
export interface SpeechSource {
  buffer: unknown;
  onended: ((event: Event) => unknown) | null;
  connect(node: unknown): unknown;
  start(): void;
  stop(): void;
}

export interface SpeechGain {
  readonly gain: { value: number };
  connect(node: unknown): unknown;
}

export interface SpeechAudio {
  readonly state: string;
  readonly destination: unknown;
  /** Seconds between start() and the sound leaving the device (AudioContext.baseLatency + outputLatency). */
  readonly baseLatency?: number;
  readonly outputLatency?: number;
  resume(): Promise<void>;
  decodeAudioData(data: ArrayBuffer): Promise<unknown>;
  createBufferSource(): SpeechSource;
  createGain(): SpeechGain;
}

export type PlayOutcome = 'played' | 'interrupted';

export interface PlayOptions {
  /** When the clip's first sample is heard (ms since the epoch): start() plus the output's latency. */
  readonly onStart?: (epochMs: number) => void;
}

/** How long a suspended context is given to start before autoplay counts as refused (a refused context's resume() never settles). */
export const RESUME_WAIT_MS = 1_000;

export interface SpeechPlayer {
  /**
   * Plays a WAV file, stopping whatever plays; resolves when it ended or was interrupted. Rejects, with the
   * reason first ("autoplay refused: …", "decode: …", "playback: …", "no audio output: …"), when it cannot play.
   */
  play(wav: ArrayBuffer, options?: PlayOptions): Promise<PlayOutcome>;
  /** Stops what plays now (speech mode off, a new utterance on its way). */
  stop(): void;
  /** 0–1 (state.speech.volume). */
  setVolume(volume: number): void;
}

export function createSpeechPlayer(openAudio: () => SpeechAudio): SpeechPlayer {
  let audio: { context: SpeechAudio; gain: SpeechGain } | null = null;
  let volume = 1;
  let generation = 0;
  let playing: { source: SpeechSource; done: () => void } | null = null;
  const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  /** True when the context runs, after at most RESUME_WAIT_MS: under the autoplay policy resume() may never settle. */
  const running = async (context: SpeechAudio): Promise<boolean> => {
    if (context.state === 'running') return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      context.resume().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, RESUME_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    // Read anew: the browser changed it meanwhile (or not).
    const state: string = context.state;
    return state === 'running';
  };

  // Made at the first clip, not at load: a page that never speaks holds no audio device.
  const output = (): { context: SpeechAudio; gain: SpeechGain } => {
    if (!audio) {
      const context = openAudio();
      const gain = context.createGain();
      gain.gain.value = volume;
      gain.connect(context.destination);
      audio = { context, gain };
    }
    return audio;
  };

  const stopPlaying = (): void => {
    const current = playing;
    playing = null;
    if (!current) return;
    current.source.onended = null;
    try {
      current.source.stop();
    } catch {
      // Already ended: nothing to stop.
    }
    current.done();
  };

  return {
    async play(wav, options = {}) {
      generation += 1;
      const mine = generation;
      stopPlaying();
      let out: { context: SpeechAudio; gain: SpeechGain };
      try {
        out = output();
      } catch (error) {
        throw new Error(`no audio output: ${message(error)}`, { cause: error });
      }
      const { context, gain } = out;
      // A context made before any gesture starts suspended under the autoplay policy.
      if (!(await running(context))) throw new Error(`autoplay refused: the audio context stays ${context.state}`);
      let buffer: unknown;
      try {
        buffer = await context.decodeAudioData(wav);
      } catch (error) {
        throw new Error(`decode: ${message(error)}`, { cause: error });
      }
      if (mine !== generation) return 'interrupted';
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(gain);
      return new Promise<PlayOutcome>((resolve, reject) => {
        const current = { source, done: () => resolve('interrupted') };
        source.onended = () => {
          if (playing === current) playing = null;
          resolve('played');
        };
        playing = current;
        try {
          source.start();
        } catch (error) {
          playing = null;
          reject(new Error(`playback: ${message(error)}`));
          return;
        }
        options.onStart?.(performance.timeOrigin + performance.now() + ((context.baseLatency ?? 0) + (context.outputLatency ?? 0)) * 1000);
      });
    },
    stop() {
      generation += 1;
      stopPlaying();
    },
    setVolume(next) {
      volume = Math.min(1, Math.max(0, Number.isFinite(next) ? next : 1));
      if (audio) audio.gain.gain.value = volume;
    },
  };
}

let pagePlayer: SpeechPlayer | null = null;
/** The page's one player (one AudioContext, made at the first clip), whichever face uses it. */
export function pageSpeechPlayer(): SpeechPlayer {
  pagePlayer ??= createSpeechPlayer(() => new AudioContext());
  return pagePlayer;
}

/** The clip's base64 WAV as bytes for decodeAudioData. */
export function wavBytes(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes.buffer;
}
