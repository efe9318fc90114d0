import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpeechError } from '../../../../../electron/core/speech/speechService.ts';
import { createSystemEngine, linuxProgram, onPath } from '../../../../../electron/core/speech/systemVoice.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

/** The system's own tools (cat, sleep) for the fake programs, after the fake's folder. */
const withTools = (dir: string): string => `${dir}:/usr/bin:/bin`;

/** A fake program in a folder of its own: a shell script (these tests run on Linux, as CI does). */
function fakeProgram(name: string, script: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, name), 0o755);
  return dir;
}

describe('the system voice engine', () => {
  it('finds programs on the PATH, RHVoice first', () => {
    const rhvoice = fakeProgram('RHVoice-test', 'exit 0');
    const espeak = fakeProgram('espeak-ng', 'exit 0');
    expect(onPath('RHVoice-test', rhvoice)).toBe(true);
    expect(onPath('RHVoice-test', espeak)).toBe(false);
    expect(onPath('espeak-ng', undefined)).toBe(false);
    expect(linuxProgram(`${espeak}:${rhvoice}`)).toBe('RHVoice-test');
    expect(linuxProgram(espeak)).toBe('espeak-ng');
    expect(linuxProgram(tempDir())).toBeNull();
  });

  it('rejects with a SpeechError when Linux has no voice program', async () => {
    const engine = createSystemEngine({ platform: 'linux', env: { PATH: tempDir() } });
    await expect(engine.synthesize({ lang: 'ru', text: 'талон' }, 100)).rejects.toThrow(/neither RHVoice-test nor espeak-ng/);
  });

  it('rejects with what the program said when it fails, and when it writes no WAV', async () => {
    const failing = fakeProgram('espeak-ng', 'echo "no such voice" >&2; exit 2');
    await expect(createSystemEngine({ platform: 'linux', env: { PATH: withTools(failing) } }).synthesize({ lang: 'ru', text: 'а' }, 100)).rejects.toThrow(/espeak-ng failed.*no such voice/);
    // -w is the 6th argument: write garbage there.
    const garbage = fakeProgram('espeak-ng', 'cat > /dev/null; echo garbage > "$6"');
    await expect(createSystemEngine({ platform: 'linux', env: { PATH: withTools(garbage) } }).synthesize({ lang: 'ru', text: 'а' }, 100)).rejects.toThrow(SpeechError);
  });

  it('passes the words on stdin, untouched by any shell, and reads the WAV the program wrote', async () => {
    const seen = tempDir();
    // Copies stdin aside, then writes a 2-sample WAV (44-byte header + 4 bytes) where -w says.
    const header = 'RIFF\\050\\000\\000\\000WAVEfmt \\020\\000\\000\\000\\001\\000\\001\\000\\042\\126\\000\\000\\104\\254\\000\\000\\002\\000\\020\\000data\\004\\000\\000\\000\\001\\000\\002\\000';
    const dir = fakeProgram('espeak-ng', `cat > "${seen}/stdin"; printf '${header}' > "$6"`);
    const text = '$(touch /tmp/okno-pwned) `id` "П-017"';
    const pcm = await createSystemEngine({ platform: 'linux', env: { PATH: withTools(dir) } }).synthesize({ lang: 'ru', text }, 100);
    expect(pcm).toEqual({ sampleRate: 22_050, samples: Int16Array.from([1, 2]) });
    expect(readFileSync(join(seen, 'stdin'), 'utf8')).toBe(text);
  });

  it('gives up on a program that does not finish in time', async () => {
    const dir = fakeProgram('espeak-ng', 'exec sleep 30');
    await expect(createSystemEngine({ platform: 'linux', env: { PATH: withTools(dir) }, timeoutMs: 300 }).synthesize({ lang: 'ru', text: 'а' }, 100)).rejects.toThrow(SpeechError);
  });
});
