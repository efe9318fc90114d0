import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost } from '../../electron/browserHost/browserHost.ts';
import { createHttpKioskApi } from '../../shared/transport/httpKioskApi.ts';
import { bootContractCore } from './contractSetup.ts';
import { kioskApiContract } from './kioskContract.ts';

kioskApiContract('browser host (HTTP + server-sent events)', async () => {
  const booted = await bootContractCore();
  const rendererDir = join(booted.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>okno</title>');
  const host = await startBrowserHost({ core: booted.running.core, rendererDir });
  return {
    api: createHttpKioskApi(host.url),
    counts: booted.counts,
    async close() {
      await host.close();
      await booted.close();
    },
  };
});
