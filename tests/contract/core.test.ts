import { directDeviceApi } from '../helpers/directDeviceApi.ts';
import { startContractDevice } from './contractSetup.ts';
import { kioskApiContract } from './kioskContract.ts';

kioskApiContract('the device (no transport)', async () => {
  const started = await startContractDevice();
  return { api: directDeviceApi(started.device), counts: started.counts, close: started.close };
});
