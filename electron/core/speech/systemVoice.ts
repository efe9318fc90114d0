import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Locale } from '../../../shared/configRules.ts';
import { SpeechError, type Pcm, type SpeechEngine, type SpokenPart } from './speechService.ts';
import { systemVoiceCommand, type LinuxVoiceProgram, type SystemVoiceCommand } from './systemVoiceCommand.ts';
import { decodeWav } from './wav.ts';

/**
 * The operating system's voice (speech.engine "system"): Windows SAPI through PowerShell, macOS `say`,
 * Linux RHVoice-test or espeak-ng. Each phrase runs the program once, with a time limit, into a WAV file
 * in a fresh temporary folder that is removed after. Anything wrong (no program, no voice, a non-zero
 * exit, a bad file) rejects: the service then lets the bundled voice speak and counts it.
 */

export interface SystemEngineOptions {
  /** speech.systemVoices: the voice's name per language; left out, the platform's default for it. */
  readonly voices?: Partial<Record<Locale, string>>;
  readonly platform?: NodeJS.Platform;
  /** The environment the programs run in and are looked up on (PATH). */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** Standard error kept in an error message, at most. */
const STDERR_CHARS = 300;

/** Whether an executable of this name is in one of the PATH's folders. */
export function onPath(name: string, path: string | undefined): boolean {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** The Linux program to use: RHVoice-test when installed, else espeak-ng when installed, else none. */
export function linuxProgram(path: string | undefined): LinuxVoiceProgram | null {
  if (onPath('RHVoice-test', path)) return 'RHVoice-test';
  if (onPath('espeak-ng', path)) return 'espeak-ng';
  return null;
}

function run(command: SystemVoiceCommand, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(command.file, [...command.args], { env: { ...env, ...command.env }, timeout: timeoutMs, windowsHide: true, encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new SpeechError(`${command.file} failed: ${error.message.split('\n')[0] ?? ''}${stderr ? ` (${stderr.trim().slice(0, STDERR_CHARS)})` : ''}`));
    });
    // A program that exits before reading all of its input closes the pipe: its exit code says why, not EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(command.stdin ?? '');
  });
}

export function createSystemEngine(options: SystemEngineOptions = {}): SpeechEngine {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const program = platform === 'linux' ? linuxProgram(env.PATH) : null;

  return {
    name: 'system',
    synthesize: async (part: SpokenPart, rate: number): Promise<Pcm> => {
      const dir = await mkdtemp(join(tmpdir(), 'okno-speech-'));
      try {
        const outFile = join(dir, 'speech.wav');
        const command = systemVoiceCommand(platform, program, { text: part.text, lang: part.lang, voice: options.voices?.[part.lang] ?? null, rate, outFile });
        if (command === null) throw new SpeechError(platform === 'linux' ? 'no system voice: neither RHVoice-test nor espeak-ng is installed' : `no system voice on ${platform}`);
        await run(command, env, timeoutMs);
        const pcm = decodeWav(await readFile(outFile));
        if (pcm.samples.length === 0) throw new SpeechError(`${command.file} wrote no sound`);
        return pcm;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    close: () => Promise.resolve(),
  };
}
