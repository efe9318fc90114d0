import { spawnSync } from 'node:child_process';
import { onPath } from '../../electron/core/speech/systemVoice.ts';

/** The speech cross-checks read our WAVs with Debian's sox and compare with Debian's espeak-ng: say how to get them rather than skip. */
export function requireSpeechTools(): void {
  const missing = ['espeak-ng', 'sox'].filter((tool) => !onPath(tool, process.env.PATH));
  if (missing.length > 0) throw new Error(`${missing.join(' and ')} needed for the speech tests: install with "sudo apt-get install -y espeak-ng sox"`);
}

export interface SoxStat {
  readonly seconds: number;
  /** RMS amplitude, as a fraction of full scale. */
  readonly rms: number;
}

/** What `sox <file> -n stat` reads from a WAV file (it prints to standard error). */
export function soxStat(file: string): SoxStat {
  const result = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sox could not read ${file}: ${result.stderr}`);
  const text = result.stderr;
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(-?[\\d.]+)`, 'm').exec(text);
    if (match?.[1] === undefined) throw new Error(`sox stat printed no "${name}":\n${text}`);
    return Number(match[1]);
  };
  return { seconds: field('Length \\(seconds\\)'), rms: field('RMS\\s+amplitude') };
}
