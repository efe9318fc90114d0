import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDevice } from '../../electron/core/device/device.ts';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import type { SpeechService } from '../../electron/core/speech/speechService.ts';
import { startButtonSimulator } from '../../electron/simulators/buttonSimulator.ts';
import { openPtyPair } from '../../electron/simulators/ptyPair.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import { requireSocat } from '../helpers/socat.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const tempDir = useTempDirs();

/** A voice that is there: speech mode needs one to be available; nothing is said in this test. */
const silentVoice: SpeechService = {
  say: () => Promise.reject(new Error('not used')),
  clip: () => null,
  chime: () => ({ id: 'chime', wav: 'UklGRg==', durationMs: 800, engine: 'bundled' }),
  counters: { synthesized: 0, cached: 0, systemFallbacks: 0, failures: 0 },
  close: () => Promise.resolve(),
};

describe('the speech button on a real pseudo-terminal button box (socat)', () => {
  it('a dispenser: the speech button turns speech mode on in the state, then the speech keys arrive as cues, in order', async () => {
    requireSocat();
    const dir = tempDir();
    const hostLink = join(dir, 'ttyBUTTONS');
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        device: { id: 'disp-speech', office: 'O', window: 'зал', mode: 'tickets' },
        queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }] },
        // debounceMs 0: the test presses faster than a finger.
        buttons: { path: hostLink, debounceMs: 0, serviceButton: 9, speechButton: 5, speechKeys: { previous: 1, next: 2, choose: 3, repeat: 4 } },
      }),
    );
    const pair = await openPtyPair({ hostLink });
    const device = await startDevice({ configPath, dataDir: join(dir, 'data'), speech: () => silentVoice });
    const states: KioskState[] = [];
    device.subscribe((event) => states.push(event.state));
    const simulator = await startButtonSimulator(systemSerialPorts, pair.devicePath);
    try {
      await waitFor(() => device.running()?.buttons?.status().state === 'connected' || undefined, 'the host to open the button box', 15_000);
      expect(device.getState().speech).toMatchObject({ available: true, on: false });
      // Outside speech mode the keys do nothing.
      simulator.press(2);
      simulator.press(5);
      await waitFor(() => device.getState().speech.on || undefined, 'the speech button to turn speech mode on', 10_000);
      expect(device.getState().speech).toMatchObject({ on: true, key: null, timeoutFactor: 3 });
      expect(device.running()?.status().counters).toMatchObject({ speechOnSerial: 1 });
      const pressed = [2, 2, 1, 3, 4, 5];
      for (const button of pressed) simulator.press(button);
      await waitFor(() => (device.getState().speech.key?.seq ?? 0) >= pressed.length || undefined, 'the cues of every key', 10_000);
      const cues = states.map((state) => state.speech.key).filter((key) => key !== null);
      const distinct = cues.filter((key, index) => cues.findIndex((other) => other.seq === key.seq) === index);
      expect(distinct).toEqual([
        { seq: 1, key: 'next' },
        { seq: 2, key: 'next' },
        { seq: 3, key: 'previous' },
        { seq: 4, key: 'choose' },
        { seq: 5, key: 'repeat' },
        { seq: 6, key: 'repeat' },
      ]);
    } finally {
      await simulator.close();
      await device.close();
      await pair.close();
    }
  }, 60_000);
});
