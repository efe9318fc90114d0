import { directKioskApi } from '../helpers/directKioskApi.ts';
import { bootContractCore } from './contractSetup.ts';
import { kioskApiContract } from './kioskContract.ts';

kioskApiContract('core (no transport)', async () => {
  const booted = await bootContractCore();
  return { api: directKioskApi(booted.running.core), counts: booted.counts, close: booted.close };
});
