import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../electron/browserHost/browserHost.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import type { DeviceApi } from '../../shared/requests/client.ts';
import { createHttpDeviceApi } from '../../shared/transport/httpDeviceApi.ts';
import { directDeviceApi } from '../helpers/directDeviceApi.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { startContractDevice } from './contractSetup.ts';

/** The ticket dispenser's part of the DeviceApi contract, on the device the hosts serve and over HTTP. */
const startDispenser = () =>
  startContractDevice({
    device: { id: 'contract-hall', office: 'МФЦ', window: 'зал 1', mode: 'tickets' },
    queue: {
      hint: { ru: 'Ожидайте вызова', en: 'Wait to be called' },
      groups: [{ id: 'docs', name: { ru: 'Документы', en: 'Documents' } }],
      services: [
        { id: 'passport', prefix: 'П', range: [1, 499], group: 'docs', name: { ru: 'Паспорт', en: 'Passport' }, bring: { ru: 'Фото', en: 'Photo' } },
        { id: 'night', prefix: 'Н', range: [1, 9], name: { ru: 'Ночь' }, hours: [{ days: ['mon'], from: '00:00', to: '00:01' }] },
      ],
    },
  });

const transports: [string, () => Promise<{ api: DeviceApi; close: () => Promise<void> }>][] = [
  ['the device (no transport)', async () => {
    const started = await startDispenser();
    return { api: directDeviceApi(started.device), close: started.close };
  }],
  ['browser host (HTTP + server-sent events)', async () => {
    const started = await startDispenser();
    mkdirSync(join(started.dir, 'renderer'));
    writeFileSync(join(started.dir, 'renderer', 'index.html'), '<!doctype html>');
    const host = await startBrowserHost({ core: started.device, rendererDir: join(started.dir, 'renderer') });
    return { api: createHttpDeviceApi(host.url), close: async () => { await host.close(); await started.close(); } };
  }],
];

describe.each(transports)('DeviceApi contract, ticket dispenser: %s', (_, setup) => {
  let subject: { api: DeviceApi; close: () => Promise<void> };
  let states: KioskState[];
  let unsubscribe: () => void;
  beforeEach(async () => {
    subject = await setup();
    states = [];
    unsubscribe = subject.api.subscribe((event) => states.push(event.state));
  });
  afterEach(async () => {
    unsubscribe();
    await subject.close();
  });

  it('tells the menu: services with their texts, groups, the hint, availability', async () => {
    const state = await subject.api.getState();
    expect(state.device.mode).toBe('tickets');
    expect(state.tickets?.screen).toEqual({ kind: 'menu' });
    expect(state.tickets?.groups).toEqual([{ id: 'docs', name: { ru: 'Документы', en: 'Documents' } }]);
    expect(state.tickets?.hint).toEqual({ ru: 'Ожидайте вызова', en: 'Wait to be called' });
    expect(state.tickets?.services[0]).toEqual({
      id: 'passport',
      name: { ru: 'Паспорт', en: 'Passport' },
      bring: { ru: 'Фото', en: 'Photo' },
      group: 'docs',
      available: true,
      unavailable: null,
      opensAt: null,
    });
    // Open one minute a week: closed now (unless the test runs on a Monday at 00:00 in Moscow).
    expect(state.tickets?.services[1]).toMatchObject({ id: 'night', name: { ru: 'Ночь' }, bring: {}, group: null, available: false, unavailable: 'closed' });
  });

  it('issues a ticket, shows it, and "done" goes back to the menu', async () => {
    const result = await subject.api.request('issueTicket', { serviceId: 'passport' });
    expect(result).toMatchObject({ ok: true, value: { number: 'П-001', serviceId: 'passport', printed: 'no' } });
    const shown = await waitFor(() => states.find((s) => s.tickets?.screen.kind === 'ticket'), 'the ticket screen');
    expect(shown.tickets?.screen).toMatchObject({ kind: 'ticket', ticket: { number: 'П-001' } });
    expect(await subject.api.request('closeTicket', {})).toEqual({ ok: true, value: null });
    await waitFor(() => states.at(-1)?.tickets?.screen.kind === 'menu', 'the menu again');
    expect((await subject.api.request('issueTicket', { serviceId: 'passport' })).ok && 'next').toBe('next');
  });

  it('refuses a closed service, an unknown one, malformed input and rating intents', async () => {
    expect(await subject.api.request('issueTicket', { serviceId: 'night' })).toMatchObject({ ok: false, error: { code: 'service-unavailable' } });
    expect(await subject.api.request('issueTicket', { serviceId: 'nope' })).toMatchObject({ ok: false, error: { code: 'unknown-service' } });
    expect(await subject.api.request('issueTicket', { serviceId: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await subject.api.request('press', { score: 5, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'wrong-mode' } });
  });
});
