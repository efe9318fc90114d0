import { describe, expect, it, vi } from 'vitest';
import { createSpeechPlayer, RESUME_WAIT_MS, wavBytes, type SpeechAudio, type SpeechSource } from '../../../../../renderer/common/speech/speechPlayer.ts';

/**
 * A fake AudioContext: records what was started and stopped; `end()` finishes the source playing. It starts
 * suspended, as a context made before any gesture does; `autoplay: false` keeps it so (resume() never settles).
 */
function fakeAudio(options: { autoplay?: boolean } = {}) {
  let state = 'suspended';
  const sources: (SpeechSource & { started: boolean; stopped: boolean; connectedTo: unknown })[] = [];
  const gain = { gain: { value: -1 }, connect: () => undefined };
  let opened = 0;
  const audio: SpeechAudio = {
    get state() {
      return state;
    },
    destination: 'speakers',
    resume: () => {
      if (options.autoplay === false) return new Promise<void>(() => undefined);
      state = 'running';
      return Promise.resolve();
    },
    decodeAudioData: (data) => Promise.resolve({ bytes: data.byteLength }),
    createGain: () => gain,
    createBufferSource: () => {
      const source = {
        buffer: null as unknown,
        onended: null as ((event: Event) => unknown) | null,
        started: false,
        stopped: false,
        connectedTo: null as unknown,
        connect(node: unknown) {
          source.connectedTo = node;
          return node;
        },
        start() {
          source.started = true;
        },
        stop() {
          source.stopped = true;
        },
      };
      sources.push(source);
      return source;
    },
  };
  return { open: () => ((opened += 1), audio), sources, gain, opened: () => opened, end: (index: number) => sources[index]?.onended?.(new Event('ended')) };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let turn = 0; turn < 50 && !check(); turn += 1) await Promise.resolve();
  if (!check()) throw new Error('never happened');
};

describe('the speech player', () => {
  it('a context the autoplay policy keeps suspended: refused with the reason after RESUME_WAIT_MS, never a hang', async () => {
    vi.useFakeTimers();
    try {
      const audio = fakeAudio({ autoplay: false });
      const player = createSpeechPlayer(audio.open);
      const played = player.play(new ArrayBuffer(8));
      const outcome = expect(played).rejects.toThrow(/^autoplay refused: the audio context stays suspended$/);
      await vi.advanceTimersByTimeAsync(RESUME_WAIT_MS);
      await outcome;
      expect(audio.sources).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a clip that cannot be decoded: rejected with "decode:" first; the start of a played one is told', async () => {
    const audio = fakeAudio();
    const broken = fakeAudio().open();
    broken.decodeAudioData = () => Promise.reject(new Error('not audio'));
    await expect(createSpeechPlayer(() => broken).play(new ArrayBuffer(8))).rejects.toThrow('decode: not audio');
    const starts: number[] = [];
    const player = createSpeechPlayer(audio.open);
    const played = player.play(new ArrayBuffer(8), { onStart: (epochMs) => starts.push(epochMs) });
    await until(() => audio.sources.length === 1);
    audio.end(0);
    expect(await played).toBe('played');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  it('plays a clip through the gain at the volume, and reports it played', async () => {
    const audio = fakeAudio();
    const player = createSpeechPlayer(audio.open);
    player.setVolume(0.4);
    expect(audio.opened()).toBe(0);
    const played = player.play(new ArrayBuffer(8));
    await until(() => audio.sources.length === 1 && audio.sources[0]!.started);
    expect(audio.gain.gain.value).toBe(0.4);
    expect(audio.sources[0]!.connectedTo).toBe(audio.gain);
    audio.end(0);
    await expect(played).resolves.toBe('played');
    player.setVolume(2);
    expect(audio.gain.gain.value).toBe(1);
    player.setVolume(Number.NaN);
    expect(audio.gain.gain.value).toBe(1);
  });

  it('a new clip interrupts the one playing (EN 301 549 §5.1.3.5), with one AudioContext', async () => {
    const audio = fakeAudio();
    const player = createSpeechPlayer(audio.open);
    const first = player.play(new ArrayBuffer(8));
    await until(() => audio.sources[0]?.started === true);
    const second = player.play(new ArrayBuffer(8));
    await expect(first).resolves.toBe('interrupted');
    expect(audio.sources[0]!.stopped).toBe(true);
    await until(() => audio.sources[1]?.started === true);
    player.stop();
    await expect(second).resolves.toBe('interrupted');
    expect(audio.opened()).toBe(1);
  });

  it('a clip still decoding when a newer one comes is never started', async () => {
    const audio = fakeAudio();
    const player = createSpeechPlayer(audio.open);
    const first = player.play(new ArrayBuffer(8));
    const second = player.play(new ArrayBuffer(4));
    await expect(first).resolves.toBe('interrupted');
    await until(() => audio.sources.length === 1);
    audio.end(0);
    await expect(second).resolves.toBe('played');
    expect(audio.sources).toHaveLength(1);
  });

  it('base64 WAV to bytes', () => {
    expect([...new Uint8Array(wavBytes(btoa('RIFF')))]).toEqual([82, 73, 70, 70]);
  });
});
