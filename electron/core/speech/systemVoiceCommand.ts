import type { Locale } from '../../../shared/configRules.ts';

/**
 * The command lines of the operating system's voices, as data (systemVoice.ts runs them). Pure, so each
 * platform's line is tested here on any machine. The words never pass through a shell or a script's
 * text: they go to the program's standard input (say, RHVoice-test, espeak-ng) or, for PowerShell, in an
 * environment variable (Windows keeps those in UTF-16, while a console's stdin is in the OEM code page
 * and would garble Cyrillic). The PowerShell script itself is constant.
 */

export interface SystemVoiceCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** Added to the process environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Written to standard input, then closed; null: nothing. */
  readonly stdin: string | null;
}

export interface SystemVoiceRequest {
  readonly text: string;
  readonly lang: Locale;
  /** speech.systemVoices[lang]; null: the default below for the platform. */
  readonly voice: string | null;
  /** Per cent of normal speed (speech.rate). */
  readonly rate: number;
  /** Where the program writes its WAV file. */
  readonly outFile: string;
}

/** The Linux programs, best first: RHVoice sounds far more natural in Russian than espeak-ng. */
export type LinuxVoiceProgram = 'RHVoice-test' | 'espeak-ng';

/** Culture names for SAPI's SelectVoiceByHints: British English, as our English numbers are. */
export const WINDOWS_CULTURES: Readonly<Record<Locale, string>> = { ru: 'ru-RU', en: 'en-GB' };
/** macOS voices that come with the system (Milena: Russian; Daniel: British English). */
export const MAC_VOICES: Readonly<Record<Locale, string>> = { ru: 'Milena', en: 'Daniel' };
/** RHVoice voices of Debian's rhvoice-russian and rhvoice-english packages. */
export const RHVOICE_VOICES: Readonly<Record<Locale, string>> = { ru: 'Aleksandr', en: 'Alan' };
/** espeak-ng's Russian and British English voices. */
export const ESPEAK_NG_VOICES: Readonly<Record<Locale, string>> = { ru: 'ru', en: 'en-gb' };

/** Normal speed of `say` and espeak-ng, words per minute. */
const NORMAL_WPM = 175;
const wpm = (rate: number): number => Math.round((NORMAL_WPM * rate) / 100);

/**
 * SAPI's Rate runs −10…10, and each step is about 10 % (3× faster at +10): rate = 10·log₃(per cent/100),
 * so 200 % → +6, 50 % → −6.
 */
export const sapiRate = (rate: number): number => Math.max(-10, Math.min(10, Math.round((10 * Math.log(rate / 100)) / Math.log(3))));

/**
 * System.Speech to a 16-bit mono 22 050 Hz WAV. It refuses (exit 3) when the voice it got does not speak
 * the language asked for: SelectVoiceByHints quietly picks an English voice on a Windows without the
 * Russian one, and an English voice reading Cyrillic says nothing useful; the bundled voice does better.
 */
export const WINDOWS_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'Add-Type -AssemblyName System.Speech',
  '$synth = New-Object System.Speech.Synthesis.SpeechSynthesizer',
  'try {',
  '  $culture = [System.Globalization.CultureInfo]::new($env:OKNO_SPEECH_CULTURE)',
  '  if ($env:OKNO_SPEECH_VOICE) { $synth.SelectVoice($env:OKNO_SPEECH_VOICE) }',
  '  else { $synth.SelectVoiceByHints([System.Speech.Synthesis.VoiceGender]::NotSet, [System.Speech.Synthesis.VoiceAge]::NotSet, 0, $culture) }',
  '  if ($synth.Voice.Culture.TwoLetterISOLanguageName -ne $culture.TwoLetterISOLanguageName) {',
  '    [Console]::Error.WriteLine("no voice for " + $culture.Name + ": " + $synth.Voice.Name)',
  '    exit 3',
  '  }',
  '  $synth.Rate = [int]$env:OKNO_SPEECH_RATE',
  '  $format = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(22050, [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)',
  '  $synth.SetOutputToWaveFile($env:OKNO_SPEECH_OUT, $format)',
  '  $synth.Speak($env:OKNO_SPEECH_TEXT)',
  '} finally { $synth.Dispose() }',
].join('\n');

export function windowsCommand(request: SystemVoiceRequest): SystemVoiceCommand {
  // -EncodedCommand: base64 of UTF-16LE, so no quoting of the script can go wrong.
  const encoded = Buffer.from(WINDOWS_SCRIPT, 'utf16le').toString('base64');
  return {
    file: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
    env: {
      OKNO_SPEECH_TEXT: request.text,
      OKNO_SPEECH_OUT: request.outFile,
      OKNO_SPEECH_CULTURE: WINDOWS_CULTURES[request.lang],
      OKNO_SPEECH_VOICE: request.voice ?? '',
      OKNO_SPEECH_RATE: String(sapiRate(request.rate)),
    },
    stdin: null,
  };
}

export function macCommand(request: SystemVoiceRequest): SystemVoiceCommand {
  return {
    file: 'say',
    // -f -: the text from standard input, so a text starting with "-" is never taken for an option.
    args: ['-v', request.voice ?? MAC_VOICES[request.lang], '-r', String(wpm(request.rate)), '-o', request.outFile, '--file-format=WAVE', '--data-format=LEI16@22050', '-f', '-'],
    env: {},
    stdin: request.text,
  };
}

export function linuxCommand(program: LinuxVoiceProgram, request: SystemVoiceRequest): SystemVoiceCommand {
  if (program === 'RHVoice-test') {
    // -r: per cent of the voice's normal rate; the text is read from standard input.
    return { file: 'RHVoice-test', args: ['-p', request.voice ?? RHVOICE_VOICES[request.lang], '-r', String(request.rate), '-o', request.outFile], env: {}, stdin: request.text };
  }
  return {
    file: 'espeak-ng',
    args: ['-v', request.voice ?? ESPEAK_NG_VOICES[request.lang], '-s', String(wpm(request.rate)), '-w', request.outFile, '--stdin'],
    env: {},
    stdin: request.text,
  };
}

/** The command for this platform; null where okno knows no system voice (the bundled one speaks). */
export function systemVoiceCommand(platform: NodeJS.Platform, linuxProgram: LinuxVoiceProgram | null, request: SystemVoiceRequest): SystemVoiceCommand | null {
  if (platform === 'win32') return windowsCommand(request);
  if (platform === 'darwin') return macCommand(request);
  if (platform === 'linux' && linuxProgram !== null) return linuxCommand(linuxProgram, request);
  return null;
}
