import type { SpeechClip } from '../../shared/kioskApi.ts';
import type { Intents } from '../common/intents.ts';

/**
 * The hall board's announcements through Web Audio: one AudioContext for the page, a GainNode at the
 * board's volume (state.speech.volume), each clip decoded from its WAV and played once. The board
 * reports every announcement it was shown, played or why not, because the core waits for that report
 * before the next one (so two never overlap) and records it in the journal.
 */

export type AnnouncementIntents = Pick<Intents, 'announcementClip' | 'announcementDone'>;

interface AudioOut {
  readonly context: AudioContext;
  readonly gain: GainNode;
}

/** How long a suspended context is given to start before autoplay counts as refused. */
const RESUME_WAIT_MS = 1_000;

let out: AudioOut | null = null;

/** The page's one audio output, made on the first announcement (a context per clip would leak devices). */
function audioOut(volume: number): AudioOut {
  if (out) return out;
  const context = new AudioContext();
  const gain = context.createGain();
  gain.gain.value = volume;
  gain.connect(context.destination);
  out = { context, gain };
  return out;
}

/** The board's volume changed (a technician, the daily reset): what plays now follows it. */
export function setAnnouncementVolume(volume: number): void {
  if (out) out.gain.gain.value = volume;
}

const wavBytes = (base64: string): ArrayBuffer => {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Resolves when the context runs, or after RESUME_WAIT_MS: a context the browser keeps suspended (autoplay policy) never resolves resume(). */
async function running(context: AudioContext): Promise<boolean> {
  // Read anew after the wait: the browser changes it meanwhile.
  const state = (): AudioContextState => context.state;
  if (state() === 'running') return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    context.resume().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, RESUME_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  return state() === 'running';
}

/** Plays one clip to its end; the answer is why it could not, or null. `onStart` gets when its first sample is heard (epoch ms). */
async function play(clip: SpeechClip, volume: number, onStart: (epochMs: number) => void): Promise<string | null> {
  let output: AudioOut;
  try {
    output = audioOut(volume);
  } catch (error) {
    return `no audio output: ${message(error)}`;
  }
  const { context, gain } = output;
  if (!(await running(context))) return `autoplay refused: the audio context stays ${context.state}`;
  let buffer: AudioBuffer;
  try {
    buffer = await context.decodeAudioData(wavBytes(clip.wav));
  } catch (error) {
    return `decode: ${message(error)}`;
  }
  return new Promise<string | null>((resolve) => {
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(gain);
    source.onended = () => {
      source.disconnect();
      resolve(null);
    };
    try {
      source.start();
    } catch (error) {
      resolve(`playback: ${message(error)}`);
      return;
    }
    // When the first sample leaves the speaker: now plus what the output still buffers.
    onStart(performance.timeOrigin + performance.now() + (context.baseLatency + (context.outputLatency || 0)) * 1000);
  });
}

/** Fetches the announcement's clip, plays it and reports; an announcement that ended meanwhile (no clip) needs no report. */
export async function announce(id: string, intents: AnnouncementIntents, volume: number, onStart: (epochMs: number) => void): Promise<void> {
  const clip = await intents.announcementClip(id);
  if (!clip) return;
  const failure = await play(clip, volume, onStart);
  await intents.announcementDone(failure === null ? { id, outcome: 'played', reason: null } : { id, outcome: 'failed', reason: failure.slice(0, 300) });
}
