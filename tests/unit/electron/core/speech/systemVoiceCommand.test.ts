import { describe, expect, it } from 'vitest';
import { linuxCommand, macCommand, sapiRate, systemVoiceCommand, WINDOWS_SCRIPT, windowsCommand, type SystemVoiceRequest } from '../../../../../electron/core/speech/systemVoiceCommand.ts';

/** A text that would break any command line built by pasting: quotes, a leading dash, $, backticks, a newline. */
const NASTY = '-v "x" $(rm -rf ~) `id`; \'П-017\'\nокно 5';
const request = (over: Partial<SystemVoiceRequest> = {}): SystemVoiceRequest => ({ text: NASTY, lang: 'ru', voice: null, rate: 100, outFile: '/tmp/okno-speech-1/speech.wav', ...over });

describe('the system voices’ command lines', () => {
  it('Windows: PowerShell runs a constant, encoded script; the words, file, culture and rate go in the environment', () => {
    const command = windowsCommand(request({ voice: 'Microsoft Irina Desktop', rate: 200 }));
    expect(command.file).toBe('powershell.exe');
    expect(command.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(Buffer.from(command.args[5] ?? '', 'base64').toString('utf16le')).toBe(WINDOWS_SCRIPT);
    expect(command.args.join(' ')).not.toContain('rm -rf');
    expect(command.env).toEqual({
      OKNO_SPEECH_TEXT: NASTY,
      OKNO_SPEECH_OUT: '/tmp/okno-speech-1/speech.wav',
      OKNO_SPEECH_CULTURE: 'ru-RU',
      OKNO_SPEECH_VOICE: 'Microsoft Irina Desktop',
      OKNO_SPEECH_RATE: '6',
    });
    expect(command.stdin).toBeNull();
    expect(windowsCommand(request({ lang: 'en' })).env).toMatchObject({ OKNO_SPEECH_CULTURE: 'en-GB', OKNO_SPEECH_VOICE: '', OKNO_SPEECH_RATE: '0' });
    for (const needed of ['SelectVoiceByHints', 'SelectVoice(', 'SetOutputToWaveFile', 'Sixteen', 'Mono', '22050', 'exit 3']) expect(WINDOWS_SCRIPT).toContain(needed);
  });

  it('maps the rate onto SAPI’s −10…10 (each step ≈ 10 %)', () => {
    expect(sapiRate(100)).toBe(0);
    expect(sapiRate(200)).toBe(6);
    expect(sapiRate(50)).toBe(-6);
    expect(sapiRate(10_000)).toBe(10);
    expect(sapiRate(1)).toBe(-10);
  });

  it('macOS: say with the language’s voice, words per minute, a 16-bit 22 050 Hz WAV, the words on stdin', () => {
    expect(macCommand(request())).toEqual({
      file: 'say',
      args: ['-v', 'Milena', '-r', '175', '-o', '/tmp/okno-speech-1/speech.wav', '--file-format=WAVE', '--data-format=LEI16@22050', '-f', '-'],
      env: {},
      stdin: NASTY,
    });
    expect(macCommand(request({ lang: 'en', voice: 'Serena', rate: 150 })).args.slice(0, 4)).toEqual(['-v', 'Serena', '-r', '263']);
  });

  it('Linux: RHVoice-test with a voice and a per-cent rate, or espeak-ng -w; the words on stdin', () => {
    expect(linuxCommand('RHVoice-test', request())).toEqual({ file: 'RHVoice-test', args: ['-p', 'Aleksandr', '-r', '100', '-o', '/tmp/okno-speech-1/speech.wav'], env: {}, stdin: NASTY });
    expect(linuxCommand('RHVoice-test', request({ lang: 'en', voice: 'slt' })).args.slice(0, 2)).toEqual(['-p', 'slt']);
    expect(linuxCommand('espeak-ng', request({ lang: 'en', rate: 50 }))).toEqual({
      file: 'espeak-ng',
      args: ['-v', 'en-gb', '-s', '88', '-w', '/tmp/okno-speech-1/speech.wav', '--stdin'],
      env: {},
      stdin: NASTY,
    });
  });

  it('picks by platform, and has none for a platform it does not know or a Linux without a voice', () => {
    expect(systemVoiceCommand('win32', null, request())?.file).toBe('powershell.exe');
    expect(systemVoiceCommand('darwin', null, request())?.file).toBe('say');
    expect(systemVoiceCommand('linux', 'espeak-ng', request())?.file).toBe('espeak-ng');
    expect(systemVoiceCommand('linux', null, request())).toBeNull();
    expect(systemVoiceCommand('freebsd', 'espeak-ng', request())).toBeNull();
  });
});
