import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubLink, HubStatus } from '../../../../../electron/core/office/hubLink.ts';
import type { ConfigInput, HubLinkConfig } from '../../../../../shared/config.ts';
import { startRunningDevice, type RunningDevice } from '../../../../helpers/runningDevice.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const HUB: HubLinkConfig = { url: 'https://127.0.0.1:9/', token: 'hub-token-never-shown-0123', fingerprint: Array.from({ length: 32 }, () => '11').join(':') };
let running: RunningDevice | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

function fakeLink(): HubLink & { closed: number; given: HubLinkConfig[] } {
  const status: HubStatus = { state: 'connecting', problem: null, lastUpdateAt: null };
  const link = {
    closed: 0,
    given: [] as HubLinkConfig[],
    snapshot: () => null,
    status: () => status,
    onChange: () => () => undefined,
    ahead: () => Promise.resolve(null),
    signIn: () => Promise.resolve({ ok: false as const, refusal: 'offline' as const, message: 'fake' }),
    signOut: () => Promise.resolve({ ok: false as const, refusal: 'offline' as const, message: 'fake' }),
    command: () => Promise.resolve({ ok: false as const, refusal: 'offline' as const, message: 'fake' }),
    close: () => {
      link.closed += 1;
      return Promise.resolve();
    },
  };
  return link;
}

async function start(config: ConfigInput, hubLink?: (hub: HubLinkConfig) => HubLink): Promise<RunningDevice> {
  const dir = tempDir();
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const time = new FakeTime();
  running = await startRunningDevice({ configPath: file, dataDir: join(dir, 'data'), clock: time, scheduler: time, ...(hubLink ? { hubLink } : {}) });
  return running;
}

const rating: ConfigInput = { device: { id: 'w05', office: 'МФЦ', window: '5' } };
const dispenser: ConfigInput = {
  device: { id: 'hall-1', office: 'МФЦ', window: 'зал', mode: 'tickets' },
  queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 99], name: { ru: 'Паспорт' } }] },
};

describe('the running device and its office hub', () => {
  it('without `hub`: no link and no ticket delivery', async () => {
    const started = await start(dispenser);
    expect(started.hub).toBeNull();
    expect(started.ticketDelivery).toBeNull();
    expect(started.status().hub).toBeNull();
  });

  it('with `hub`: the link is made from the hub section and closed on stop; a rating terminal delivers no tickets', async () => {
    const link = fakeLink();
    const started = await start({ ...rating, hub: HUB }, (hub) => {
      link.given.push(hub);
      return link;
    });
    expect(started.hub).toBe(link);
    expect(link.given).toEqual([HUB]);
    expect(started.ticketDelivery).toBeNull();
    expect(started.status().hub).toEqual({ link: { state: 'connecting', problem: null, lastUpdateAt: null }, delivery: null });
    await started.close();
    running = null;
    expect(link.closed).toBe(1);
  });

  it('a dispenser with `hub` delivers its tickets; the token is in neither the state nor the status', async () => {
    const link = fakeLink();
    const started = await start({ ...dispenser, hub: HUB }, () => link);
    expect(started.ticketDelivery).not.toBeNull();
    expect(JSON.stringify(started.status())).not.toContain(HUB.token);
    expect(JSON.stringify(started.device.getState())).not.toContain(HUB.token);
  });
});
