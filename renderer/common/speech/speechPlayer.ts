/**
 * Plays the clips the core synthesized: one AudioContext for the page, a GainNode at the visitor's
 * volume, and a new utterance interrupts the one playing (EN 301 549 §5.1.3.5: speech can be
 * interrupted), so a quick press never waits for the end of a long sentence, and two never overlap.
 * The audio objects are given as the few members used, so the player is unit-tested with fakes.
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
  resume(): Promise<void>;
  decodeAudioData(data: ArrayBuffer): Promise<unknown>;
  createBufferSource(): SpeechSource;
  createGain(): SpeechGain;
}

export type PlayOutcome = 'played' | 'interrupted';

export interface SpeechPlayer {
  /** Plays a WAV file, stopping whatever plays; resolves when it ended or was interrupted, rejects when it cannot be decoded. */
  play(wav: ArrayBuffer): Promise<PlayOutcome>;
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
    async play(wav) {
      generation += 1;
      const mine = generation;
      stopPlaying();
      const { context, gain } = output();
      // A context made before any gesture starts suspended under the autoplay policy.
      if (context.state === 'suspended') await context.resume().catch(() => undefined);
      const buffer = await context.decodeAudioData(wav);
      if (mine !== generation) return 'interrupted';
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(gain);
      return new Promise<PlayOutcome>((resolve) => {
        const current = { source, done: () => resolve('interrupted') };
        source.onended = () => {
          if (playing === current) playing = null;
          resolve('played');
        };
        playing = current;
        source.start();
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

/** The clip's base64 WAV as bytes for decodeAudioData. */
export function wavBytes(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes.buffer;
}
