import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDevice } from '../../../../../electron/core/device/device.ts';
import type { HubLinkConfig } from '../../../../../shared/config.ts';
import { FakeHubLink, officeSnapshot } from '../../../../helpers/fakeHubLink.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const HUB = { url: 'https://127.0.0.1:8443/', token: 'console-token-0123456789', fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') };

describe('the office faces in a running device', () => {
  it.each(['operator', 'hall'] as const)('device.mode %s: its face over the hub link the device made, closed with the device', async (mode) => {
    const dir = tempDir();
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ device: { id: `office-${mode}`, office: 'МФЦ', window: '2', mode }, hub: HUB }));
    const link = new FakeHubLink();
    const made: HubLinkConfig[] = [];
    const device = await startDevice({
      configPath,
      dataDir: join(dir, 'data'),
      hubLink: (hub) => {
        made.push(hub);
        return link;
      },
    });
    try {
      expect(made).toEqual([HUB]);
      expect(device.running()?.face.name).toBe(mode);
      expect(device.running()?.hub).toBe(link);
      const states: number[] = [];
      device.subscribe((event) => states.push(event.state.revision));
      link.push(officeSnapshot());
      // A snapshot is a new state of the device.
      expect(states).toHaveLength(1);
      const state = device.getState();
      expect(state.device.mode).toBe(mode);
      expect(mode === 'operator' ? state.operator?.synced : state.hall?.synced).toBe(true);
      expect(mode === 'operator' ? state.hall : state.operator).toBeNull();
      expect(state.tickets).toBeNull();
      const started = device.running()?.store.journal().readAfter(0, 10).find((event) => event.type === 'device.started');
      expect(started?.payload).toMatchObject({ mode });
    } finally {
      await device.close();
    }
    expect(link.closed).toBe(true);
  });
});
