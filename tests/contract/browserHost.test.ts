import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost } from '../../electron/browserHost/browserHost.ts';
import { createHttpDeviceApi } from '../../shared/transport/httpDeviceApi.ts';
import { startContractDevice } from './contractSetup.ts';
import { kioskApiContract } from './kioskContract.ts';

kioskApiContract('browser host (HTTP + server-sent events)', async () => {
  const started = await startContractDevice();
  const rendererDir = join(started.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>okno</title>');
  const host = await startBrowserHost({ core: started.device, rendererDir });
  return {
    api: createHttpDeviceApi(host.url),
    counts: started.counts,
    async close() {
      await host.close();
      await started.close();
    },
  };
});
