import type { SpeechClip } from '../../shared/kioskApi.ts';
import type { SayOptions, SpeechCounters, SpeechService, SpokenPart } from '../../electron/core/speech/speechService.ts';
import { SpeechError } from '../../electron/core/speech/speechService.ts';

/** A mono 16-bit WAV of a quiet 440 Hz tone, `durationMs` long: real audio a page can decode and play. */
export function toneWav(durationMs: number, sampleRate = 22_050): Buffer {
  const samples = Math.max(1, Math.round((durationMs / 1000) * sampleRate));
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i += 1) wav.writeInt16LE(Math.round(4000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), 44 + i * 2);
  return wav;
}

interface Held {
  readonly parts: readonly SpokenPart[];
  resolve(clip: SpeechClip): void;
  reject(error: Error): void;
}

/**
 * A speech service for tests: every phrase is a tone of `durationMs` (the chime one of `chimeMs`), made at once (or held until the
 * test releases it); `failWith` makes the next phrases fail as an engine would. It records what it was
 * asked to say.
 */
export class FakeSpeech implements SpeechService {
  readonly said: { parts: readonly SpokenPart[]; options: SayOptions | undefined }[] = [];
  readonly counters: SpeechCounters = { synthesized: 0, cached: 0, systemFallbacks: 0, failures: 0 };
  failWith: string | null = null;
  hold = false;
  private readonly held: Held[] = [];
  private readonly clips = new Map<string, SpeechClip>();
  private next = 0;

  private readonly durationMs: number;
  private readonly chimeMs: number;

  /** Every phrase a tone of `durationMs`; the chime a tone of `chimeMs`. */
  constructor(durationMs = 300, chimeMs = 0) {
    this.durationMs = durationMs;
    this.chimeMs = chimeMs;
  }

  chime(): SpeechClip {
    return { id: 'chime', wav: toneWav(this.chimeMs).toString('base64'), durationMs: this.chimeMs, engine: 'bundled' };
  }

  say(parts: readonly SpokenPart[], options?: SayOptions): Promise<SpeechClip> {
    this.said.push({ parts, options });
    if (this.failWith !== null) {
      this.counters.failures += 1;
      return Promise.reject(new SpeechError(this.failWith));
    }
    const clip = this.makeClip();
    if (!this.hold) return Promise.resolve(clip);
    return new Promise((resolve, reject) => this.held.push({ parts, resolve, reject }));
  }

  /** Lets the oldest held phrase finish (or fail with `error`). */
  release(error?: string): void {
    const held = this.held.shift();
    if (!held) throw new Error('no phrase is held');
    if (error === undefined) held.resolve(this.makeClip());
    else held.reject(new SpeechError(error));
  }

  heldCount(): number {
    return this.held.length;
  }

  clip(id: string): SpeechClip | null {
    return this.clips.get(id) ?? null;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private makeClip(): SpeechClip {
    this.counters.synthesized += 1;
    this.next += 1;
    const clip: SpeechClip = { id: `clip-${this.next}`, wav: toneWav(this.durationMs).toString('base64'), durationMs: this.durationMs, engine: 'bundled' };
    this.clips.set(clip.id, clip);
    return clip;
  }
}
