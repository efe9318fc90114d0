import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRunningDevice } from '../../../../helpers/runningDevice.ts';
import { updateConfigFile } from '../../../../../electron/core/config/saveConfig.ts';
import { systemClock } from '../../../../../electron/core/clock.ts';
import { systemScheduler } from '../../../../../electron/core/scheduler.ts';
import { startButtonTest } from '../../../../../electron/core/technician/buttonTest.ts';
import { configSchema, MAX_KEYMAP_FRAME_BYTES } from '../../../../../shared/config.ts';
import type { SerialLink, SerialPorts } from '../../../../../electron/core/serial/serialPort.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';

const tempDir = useTempDirs();

class ThirdPartyBox extends EventEmitter implements SerialLink {
  isOpen = true;
  write() {
    return true;
  }
  close(callback?: () => void) {
    this.isOpen = false;
    callback?.();
  }
  send(bytes: number[]) {
    this.emit('data', Buffer.from(bytes));
  }
}

describe('learning a keymap ("press button 1 now…")', () => {
  it('learns from the device, saves the keymap into the config file (keeping every other key), and presses then count', async () => {
    const dir = tempDir();
    const configPath = join(dir, 'config.json');
    const original = {
      device: { id: 'learn-w01', office: 'Офис', window: '1' },
      rating: { cooldownSeconds: 0, thanksSeconds: 1 },
      buttons: { path: '/dev/ttyFOREIGN', protocol: 'keymap', interByteTimeoutMs: 5 },
    };
    writeFileSync(configPath, JSON.stringify(original));
    const box = new ThirdPartyBox();
    const ports: SerialPorts = { open: async () => box, list: async () => [] };
    const running = await startRunningDevice({ configPath, dataDir: join(dir, 'data'), serialPorts: ports });
    try {
      await waitFor(() => running.buttons?.status().state === 'connected', 'connected');
      const learning = running.learnButton(5, 5_000);
      box.send([0x1b, 0x4f, 0x50]);
      expect(await learning).toEqual({ ok: true, value: { button: 5, sequence: '1b4f50' } });

      const saved = JSON.parse(readFileSync(configPath, 'utf8'));
      expect(saved).toEqual({ ...original, buttons: { ...original.buttons, keymap: { '5': '1b4f50' } } });
      expect(JSON.parse(readFileSync(`${configPath}.bak`, 'utf8'))).toEqual(JSON.parse(JSON.stringify(original)));

      box.send([0x1b, 0x4f, 0x50]);
      await waitFor(() => running.store.journal().counts().byType['rating.submitted'] === 1 || undefined, 'the learned button to vote');
      expect(running.store.journal().readAfter(0, 10).find((e) => e.type === 'rating.submitted')?.payload).toMatchObject({ score: 5, source: 'serial' });
    } finally {
      await running.close();
    }
  });

  it('refuses a press longer than the config can keep for a button, saves nothing, and learns the next one that fits', async () => {
    const dir = tempDir();
    const configPath = join(dir, 'config.json');
    const original = {
      device: { id: 'learn-w02', office: 'Офис', window: '2' },
      buttons: { path: '/dev/ttyFOREIGN', protocol: 'keymap', interByteTimeoutMs: 5 },
    };
    writeFileSync(configPath, JSON.stringify(original));
    const box = new ThirdPartyBox();
    const ports: SerialPorts = { open: async () => box, list: async () => [] };
    const running = await startRunningDevice({ configPath, dataDir: join(dir, 'data'), serialPorts: ports });
    try {
      await waitFor(() => running.buttons?.status().state === 'connected', 'connected');
      const tooLong = running.learnButton(1, 5_000);
      box.send(Array.from({ length: MAX_KEYMAP_FRAME_BYTES + 1 }, (_, index) => index));
      const refused = await tooLong;
      expect(refused).toMatchObject({ ok: false, error: { code: 'learn-too-long' } });
      expect(!refused.ok && refused.error.message).toContain(`${MAX_KEYMAP_FRAME_BYTES + 1} bytes`);
      expect(!refused.ok && refused.error.message).toContain(`at most ${MAX_KEYMAP_FRAME_BYTES}`);
      expect(JSON.parse(readFileSync(configPath, 'utf8'))).toEqual(original);
      expect(running.buttons?.keymap()).toEqual({});
      expect(running.buttons?.status().counters.overlong).toBe(1);

      // The longest press a button can keep is learned, saved, and the saved config is valid.
      const longest = Array.from({ length: MAX_KEYMAP_FRAME_BYTES }, (_, index) => 0xa0 + (index % 16));
      const fits = running.learnButton(1, 5_000);
      box.send(longest);
      expect(await fits).toEqual({ ok: true, value: { button: 1, sequence: Buffer.from(longest).toString('hex') } });
      const saved = JSON.parse(readFileSync(configPath, 'utf8')) as unknown;
      expect(configSchema.safeParse(saved).success).toBe(true);
    } finally {
      await running.close();
    }
  });

  it('the wizard\'s button test refuses it the same way, and tells the screen the limit', async () => {
    const box = new ThirdPartyBox();
    const ports: SerialPorts = { open: async () => box, list: async () => [] };
    const test = startButtonTest({ path: '/dev/ttyFOREIGN', protocol: 'keymap', interByteTimeoutMs: 5 }, { ports, clock: systemClock, scheduler: systemScheduler, onChange: () => undefined });
    try {
      await waitFor(() => test.view().state === 'connected', 'connected');
      expect(test.view().maxFrameBytes).toBe(MAX_KEYMAP_FRAME_BYTES);
      const learning = test.learn(3, 5_000);
      box.send(Array.from({ length: 64 }, () => 0x55));
      expect(await learning).toMatchObject({ ok: false, error: { code: 'learn-too-long' } });
      expect(test.view()).toMatchObject({ learning: null, keymap: {} });
    } finally {
      await test.stop();
    }
  });

  it('without a config file (the built-in demo) it says so instead of pretending to save', async () => {
    const dir = tempDir();
    const running = await startRunningDevice({ dataDir: join(dir, 'data') });
    try {
      expect(await running.learnButton(1, 100)).toMatchObject({ ok: false, error: { code: 'wrong-protocol' } });
    } finally {
      await running.close();
    }
  });
});

describe('updateConfigFile', () => {
  it('refuses a change that would make the config invalid, leaving the file as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    const text = JSON.stringify({ device: { id: 'w', office: 'O', window: '1' } });
    writeFileSync(path, text);
    expect(() => updateConfigFile(path, (json) => ({ ...json, rating: { scale: 9 } }))).toThrow(/rating.scale/);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}.bak`)).toBe(false);
  });
});
