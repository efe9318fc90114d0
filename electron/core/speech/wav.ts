import { SpeechError, type Pcm } from './speechService.ts';

/**
 * 16-bit mono PCM in and out of RIFF/WAVE files, and the joins a clip is made of. Pure: the engines'
 * files are read elsewhere and handed in as bytes. The page plays what encodeWav writes; the system voices
 * (espeak-ng -w, say, SAPI, RHVoice) write what decodeWav reads.
 */

const HEADER_BYTES = 44;
const FORMAT_PCM = 1;
/** WAVE_FORMAT_EXTENSIBLE: SAPI and macOS may write it for plain PCM; its sub-format says which. */
const FORMAT_EXTENSIBLE = 0xfffe;
/** A streaming writer that could not seek back leaves the size at its placeholder (0 or all ones). */
const UNKNOWN_SIZES = new Set([0, 0xffffffff, 0x7fffffff]);

/** A whole RIFF/WAVE file (16-bit PCM, mono) of the samples. */
export function encodeWav(pcm: Pcm): Uint8Array {
  if (!Number.isInteger(pcm.sampleRate) || pcm.sampleRate <= 0) throw new SpeechError(`not a sample rate: ${pcm.sampleRate}`);
  const dataBytes = pcm.samples.length * 2;
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i += 1) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, pcm.sampleRate, true);
  view.setUint32(28, pcm.sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < pcm.samples.length; i += 1) view.setInt16(HEADER_BYTES + i * 2, pcm.samples[i] ?? 0, true);
  return bytes;
}

interface WavFormat {
  readonly channels: number;
  readonly sampleRate: number;
}

/**
 * The samples of a 16-bit PCM WAV file, mixed down to mono when it has more channels. Anything else
 * (another encoding, a truncated header, no data) is a SpeechError that says what was wrong.
 */
export function decodeWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset: number): string => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') throw new SpeechError('not a WAV file (no RIFF/WAVE header)');
  let format: WavFormat | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (declared < 16 || body + 16 > bytes.byteLength) throw new SpeechError('WAV file: its fmt chunk is cut short');
      format = readFormat(view, body, declared);
    } else if (id === 'data') {
      if (format === null) throw new SpeechError('WAV file: data before its fmt chunk');
      // A size past the end (or a placeholder) means "to the end of the file": a writer that streamed.
      const size = UNKNOWN_SIZES.has(declared) || body + declared > bytes.byteLength ? bytes.byteLength - body : declared;
      return toMono(view, body, size, format);
    }
    offset = body + declared + (declared % 2); // chunks are padded to an even length
  }
  throw new SpeechError(format === null ? 'WAV file: no fmt chunk' : 'WAV file: no data chunk');
}

function readFormat(view: DataView, at: number, size: number): WavFormat {
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const bits = view.getUint16(at + 14, true);
  if (tag === FORMAT_EXTENSIBLE && size >= 40 && at + 26 <= view.byteLength) tag = view.getUint16(at + 24, true); // the sub-format GUID's first two bytes
  if (tag !== FORMAT_PCM) throw new SpeechError(`WAV file: encoding ${tag} is not PCM`);
  if (bits !== 16) throw new SpeechError(`WAV file: ${bits}-bit samples, only 16-bit are read`);
  if (channels < 1) throw new SpeechError('WAV file: no channels');
  if (sampleRate < 1000 || sampleRate > 384_000) throw new SpeechError(`WAV file: sample rate ${sampleRate} is implausible`);
  return { channels, sampleRate };
}

function toMono(view: DataView, at: number, size: number, format: WavFormat): Pcm {
  const frames = Math.floor(size / (2 * format.channels));
  const samples = new Int16Array(frames);
  for (let frame = 0; frame < frames; frame += 1) {
    let sum = 0;
    for (let channel = 0; channel < format.channels; channel += 1) sum += view.getInt16(at + (frame * format.channels + channel) * 2, true);
    samples[frame] = Math.round(sum / format.channels);
  }
  return { sampleRate: format.sampleRate, samples };
}

/** The samples at another rate, by linear interpolation (voices differ: 22050, 24000, 16000 Hz). */
export function resample(pcm: Pcm, sampleRate: number): Pcm {
  if (pcm.sampleRate === sampleRate) return pcm;
  const length = Math.round((pcm.samples.length * sampleRate) / pcm.sampleRate);
  const samples = new Int16Array(length);
  const step = pcm.sampleRate / sampleRate;
  const last = pcm.samples.length - 1;
  for (let i = 0; i < length; i += 1) {
    const position = i * step;
    const left = Math.min(Math.floor(position), last);
    const right = Math.min(left + 1, last);
    const fraction = position - left;
    samples[i] = Math.round((pcm.samples[left] ?? 0) * (1 - fraction) + (pcm.samples[right] ?? 0) * fraction);
  }
  return { sampleRate, samples };
}

/** Silence of this length. */
export function silence(sampleRate: number, ms: number): Pcm {
  return { sampleRate, samples: new Int16Array(Math.round((sampleRate * ms) / 1000)) };
}

/**
 * The clips one after another at `sampleRate` (each resampled when it differs), with `gapMs` of silence
 * between two of them, so "Талон пэ семнадцать" and "Ticket P seventeen" do not run together.
 */
export function joinPcm(parts: readonly Pcm[], sampleRate: number, gapMs: number): Pcm {
  const gap = silence(sampleRate, gapMs).samples.length;
  const converted = parts.map((part) => resample(part, sampleRate).samples);
  const total = converted.reduce((sum, samples) => sum + samples.length, 0) + gap * Math.max(0, converted.length - 1);
  const samples = new Int16Array(total);
  let offset = 0;
  converted.forEach((part, index) => {
    if (index > 0) offset += gap;
    samples.set(part, offset);
    offset += part.length;
  });
  return { sampleRate, samples };
}

/** How long the samples play, in milliseconds. */
export const durationMs = (pcm: Pcm): number => Math.round((pcm.samples.length * 1000) / pcm.sampleRate);

/** Root mean square of the samples, as a fraction of full scale (0–1). */
export function rms(pcm: Pcm): number {
  if (pcm.samples.length === 0) return 0;
  let sum = 0;
  for (const sample of pcm.samples) sum += (sample / 32768) ** 2;
  return Math.sqrt(sum / pcm.samples.length);
}
