import { describe, expect, it } from 'vitest';
import { speechSchema } from '../../../shared/config.ts';
import { createMemoryLogger } from '../../../electron/core/logging/logger.ts';
import { startSpeechService } from '../../../electron/core/speech/startSpeechService.ts';
import { createSystemEngine } from '../../../electron/core/speech/systemVoice.ts';
import { decodeWav, rms } from '../../../electron/core/speech/wav.ts';
import { requireSpeechTools } from '../../helpers/speechTools.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';

/** speech.engine "system" on this Linux: Debian's espeak-ng speaks; without it the bundled voice does, counted. */

const tempDir = useTempDirs();

describe('the system voice on Linux', () => {
  it('speaks with espeak-ng when it is installed', async () => {
    requireSpeechTools();
    const service = startSpeechService({ config: speechSchema.parse({ engine: 'system' }) });
    try {
      const clip = await service.say([
        { lang: 'ru', text: 'Талон пэ семнадцать, окно пять' },
        { lang: 'en', text: 'Ticket pee seventeen, window five' },
      ]);
      expect(clip.engine).toBe('system');
      const pcm = decodeWav(Buffer.from(clip.wav, 'base64'));
      expect(rms(pcm)).toBeGreaterThan(0.02);
      expect(clip.durationMs).toBeGreaterThan(2000);
      expect(service.counters.systemFallbacks).toBe(0);
    } finally {
      await service.close();
    }
  });

  it('falls back to the bundled voice with a PATH that has no voice program: counted once a phrase, logged once', async () => {
    const memory = createMemoryLogger();
    const service = startSpeechService({
      config: speechSchema.parse({ engine: 'system' }),
      engines: { system: createSystemEngine({ env: { PATH: tempDir() } }) },
      log: memory.logger,
    });
    try {
      const clip = await service.say([{ lang: 'ru', text: 'Талон пэ семнадцать, окно пять' }]);
      expect(clip.engine).toBe('bundled');
      expect(rms(decodeWav(Buffer.from(clip.wav, 'base64')))).toBeGreaterThan(0.02);
      expect(service.counters.systemFallbacks).toBe(1);
      await service.say([{ lang: 'en', text: 'Window five' }]);
      expect(service.counters.systemFallbacks).toBe(2);
      expect(memory.lines().filter((line) => line.includes('system voice failed'))).toHaveLength(1);
    } finally {
      await service.close();
    }
  });
});
