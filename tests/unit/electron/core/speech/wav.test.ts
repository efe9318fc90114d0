import { describe, expect, it } from 'vitest';
import { SpeechError } from '../../../../../electron/core/speech/speechService.ts';
import { decodeWav, durationMs, encodeWav, joinPcm, resample, rms, silence } from '../../../../../electron/core/speech/wav.ts';

const ramp = (n: number, rate = 22_050) => ({ sampleRate: rate, samples: Int16Array.from({ length: n }, (_, i) => (i * 997) % 65_536 - 32_768) });

/** A WAV header with a given fmt chunk, then data (for the files other writers make). */
function wavWith(fmt: { tag: number; channels: number; rate: number; bits: number; extra?: Uint8Array }, data: Int16Array, dataSize = data.byteLength): Uint8Array {
  const extra = fmt.extra ?? new Uint8Array(0);
  const fmtSize = 16 + extra.length;
  const bytes = new Uint8Array(12 + 8 + fmtSize + 8 + data.byteLength);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, fmt.tag, true);
  view.setUint16(22, fmt.channels, true);
  view.setUint32(24, fmt.rate, true);
  view.setUint32(28, fmt.rate * fmt.channels * 2, true);
  view.setUint16(32, fmt.channels * 2, true);
  view.setUint16(34, fmt.bits, true);
  bytes.set(extra, 36);
  const dataAt = 20 + fmtSize;
  ascii(dataAt, 'data');
  view.setUint32(dataAt + 4, dataSize, true);
  data.forEach((sample, i) => view.setInt16(dataAt + 8 + i * 2, sample, true));
  return bytes;
}

describe('WAV files', () => {
  it('writes a 44-byte RIFF/WAVE header and reads its own file back sample for sample', () => {
    const pcm = ramp(1001);
    const bytes = encodeWav(pcm);
    expect(bytes.length).toBe(44 + 2002);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(bytes.subarray(8, 16))).toBe('WAVEfmt ');
    const back = decodeWav(bytes);
    expect(back.sampleRate).toBe(22_050);
    expect([...back.samples]).toEqual([...pcm.samples]);
  });

  it('reads a file with an extra chunk before the data, a stereo file (mixed to mono) and WAVE_FORMAT_EXTENSIBLE PCM', () => {
    const withList = encodeWav(ramp(10));
    // Insert a LIST chunk after fmt: RIFF readers must skip chunks they do not know.
    const list = new Uint8Array([...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]));
    const spliced = new Uint8Array([...withList.subarray(0, 36), ...list, ...withList.subarray(36)]);
    expect([...decodeWav(spliced).samples]).toEqual([...ramp(10).samples]);

    const stereo = wavWith({ tag: 1, channels: 2, rate: 16_000, bits: 16 }, Int16Array.from([100, 300, -100, -300]));
    expect(decodeWav(stereo)).toEqual({ sampleRate: 16_000, samples: Int16Array.from([200, -200]) });

    const extensible = new Uint8Array(24);
    new DataView(extensible.buffer).setUint16(0, 22, true); // cbSize
    new DataView(extensible.buffer).setUint16(8, 1, true); // sub-format GUID starts with 1 = PCM
    expect(decodeWav(wavWith({ tag: 0xfffe, channels: 1, rate: 24_000, bits: 16, extra: extensible }, Int16Array.from([5, 6]))).samples).toEqual(Int16Array.from([5, 6]));
  });

  it('reads a streamed file whose data size is a placeholder, up to the end of the file', () => {
    const streamed = wavWith({ tag: 1, channels: 1, rate: 22_050, bits: 16 }, Int16Array.from([1, 2, 3]), 0xffffffff);
    expect([...decodeWav(streamed).samples]).toEqual([1, 2, 3]);
  });

  it.each([
    ['no RIFF header', new TextEncoder().encode('hello, this is not audio'), /not a WAV file/],
    ['an empty file', new Uint8Array(0), /not a WAV file/],
    ['8-bit samples', wavWith({ tag: 1, channels: 1, rate: 8000, bits: 8 }, Int16Array.from([1])), /8-bit/],
    ['IEEE float', wavWith({ tag: 3, channels: 1, rate: 8000, bits: 32 }, Int16Array.from([1])), /encoding 3 is not PCM/],
    ['a zero sample rate', wavWith({ tag: 1, channels: 1, rate: 0, bits: 16 }, Int16Array.from([1])), /sample rate 0/],
    ['no data chunk', encodeWav(ramp(4)).subarray(0, 36), /no data chunk/],
    ['a fmt chunk cut short', encodeWav(ramp(4)).subarray(0, 28), /cut short/],
  ])('refuses %s with a SpeechError that says so', (_, bytes, message) => {
    expect(() => decodeWav(bytes)).toThrow(SpeechError);
    expect(() => decodeWav(bytes)).toThrow(message);
  });
});

describe('joining clips', () => {
  it('resamples linearly: a constant stays constant, the length scales with the rate, the same rate is unchanged', () => {
    const flat = { sampleRate: 16_000, samples: new Int16Array(1600).fill(1000) };
    const up = resample(flat, 22_050);
    expect(up.samples.length).toBe(2205);
    expect(new Set(up.samples)).toEqual(new Set([1000]));
    const line = { sampleRate: 10, samples: Int16Array.from([0, 100, 200, 300]) };
    expect([...resample(line, 20).samples]).toEqual([0, 50, 100, 150, 200, 250, 300, 300]);
    expect(resample(line, 10)).toBe(line);
  });

  it('puts the gap between parts, not before the first or after the last, at one rate', () => {
    const a = { sampleRate: 1000, samples: Int16Array.from([1, 1]) };
    const b = { sampleRate: 500, samples: Int16Array.from([2]) };
    const joined = joinPcm([a, b], 1000, 3);
    expect(joined.sampleRate).toBe(1000);
    expect([...joined.samples]).toEqual([1, 1, 0, 0, 0, 2, 2]);
    expect(joinPcm([a], 1000, 3).samples).toEqual(a.samples);
    expect(joinPcm([], 1000, 3).samples.length).toBe(0);
  });

  it('measures duration and RMS', () => {
    expect(durationMs(silence(22_050, 500))).toBe(500);
    expect(rms(silence(8000, 10))).toBe(0);
    expect(rms({ sampleRate: 8000, samples: Int16Array.from([16_384, -16_384]) })).toBeCloseTo(0.5, 5);
    expect(rms({ sampleRate: 8000, samples: new Int16Array(0) })).toBe(0);
  });
});
