import type { HallAnnouncementView, SpeechClip } from '../../shared/kioskApi.ts';
import type { Intents } from '../common/intents.ts';
import { pageSpeechPlayer, wavBytes } from '../common/speech/speechPlayer.ts';

/**
 * The hall board's announcements, through the page's one speech player (a GainNode at the board's volume,
 * state.speech.volume). With a chime the page asks for the chime and the words at once, plays the chime
 * (ready at once) and then the words (synthesized while the chime sounds), so the hall hears a call begin
 * within a moment of the operator's click. The board reports every announcement it was shown, played or
 * why not: the core waits for that report before the next one (so two never overlap) and journals it.
 */

export type AnnouncementIntents = Pick<Intents, 'announcementClip' | 'announcementDone'>;

export interface AnnouncementMarks {
  /** The first sample heard (the chime, or the words without one), ms since the epoch. */
  readonly onFirstSample: (epochMs: number) => void;
  /** The words' first sample. */
  readonly onWords: (epochMs: number) => void;
}

/** The board's volume changed (a technician, the daily reset): what plays now follows it. */
export function setAnnouncementVolume(volume: number): void {
  pageSpeechPlayer().setVolume(volume);
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const play = async (clip: SpeechClip, onStart: (epochMs: number) => void): Promise<void> => {
  await pageSpeechPlayer().play(wavBytes(clip.wav), { onStart });
};

/**
 * Plays the announcement and reports it. An announcement that ended meanwhile (no clip: the words could
 * not be synthesized, which the core recorded, or it was given up) needs no report.
 */
export async function announce(announcement: Pick<HallAnnouncementView, 'id' | 'chime'>, intents: AnnouncementIntents, marks: AnnouncementMarks): Promise<void> {
  const { id } = announcement;
  // Asked now, answered when synthesized: the chime plays meanwhile.
  const words = intents.announcementClip(id, 'words');
  let failure: string | null = null;
  try {
    if (announcement.chime) {
      const chime = await intents.announcementClip(id, 'chime');
      if (chime === null) return;
      await play(chime, marks.onFirstSample);
    }
    const clip = await words;
    if (clip === null) return;
    await play(clip, (epochMs) => {
      if (!announcement.chime) marks.onFirstSample(epochMs);
      marks.onWords(epochMs);
    });
  } catch (error) {
    failure = message(error);
  }
  await intents.announcementDone(failure === null ? { id, outcome: 'played', reason: null } : { id, outcome: 'failed', reason: failure.slice(0, 300) });
}
