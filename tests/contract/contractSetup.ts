import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevice, type Device } from '../../electron/core/device/device.ts';
import type { ConfigInput } from '../../shared/config.ts';

export const CONTRACT_CONFIG: ConfigInput = {
  device: { id: 'contract-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating', timezone: 'Europe/Moscow' },
  rating: { scale: 5, cooldownSeconds: 10, thanksSeconds: 4 },
};

/** The device exactly as the hosts serve it (startDevice: `okno serve` and the Electron shell), on a temporary data directory. */
export async function startContractDevice(config: ConfigInput = CONTRACT_CONFIG): Promise<{
  readonly dir: string;
  readonly device: Device;
  readonly counts: () => { total: number; byType: Record<string, number> };
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'okno-contract-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const device = await startDevice({ configPath, dataDir });
  const journal = () => {
    const running = device.running();
    if (!running) throw new Error('the contract device is not running its config');
    return running.store.journal();
  };
  return {
    dir,
    device,
    counts: () => journal().counts(),
    async close() {
      await device.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
