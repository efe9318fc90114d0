import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootCore } from '../../electron/core/boot.ts';
import type { ConfigInput } from '../../shared/config.ts';

export const CONTRACT_CONFIG: ConfigInput = {
  device: { id: 'contract-w05', office: 'МФЦ района Тверской', window: '5', mode: 'rating', timezone: 'Europe/Moscow' },
  rating: { scale: 5, cooldownSeconds: 10, thanksSeconds: 4 },
};

/** A real core on a temporary data directory and config file. */
export async function bootContractCore() {
  const dir = mkdtempSync(join(tmpdir(), 'okno-contract-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(CONTRACT_CONFIG));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const running = await bootCore({ configPath, dataDir });
  return {
    dir,
    running,
    counts: () => running.store.journal().counts(),
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
