import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../electron/browserHost/browserHost.ts';
import { bootCore } from '../../electron/core/boot.ts';
import type { KioskApi, KioskState } from '../../shared/kioskApi.ts';
import { createHttpKioskApi } from '../../shared/transport/httpKioskApi.ts';
import { directKioskApi } from '../helpers/directKioskApi.ts';
import { waitFor } from '../helpers/waitFor.ts';

/** The ticket dispenser's part of the KioskApi contract, on the core and over HTTP. */
async function bootDispenser() {
  const dir = mkdtempSync(join(tmpdir(), 'okno-contract-tickets-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      device: { id: 'contract-hall', office: 'МФЦ', window: 'зал 1', mode: 'tickets' },
      queue: {
        hint: { ru: 'Ожидайте вызова', en: 'Wait to be called' },
        groups: [{ id: 'docs', name: { ru: 'Документы', en: 'Documents' } }],
        services: [
          { id: 'passport', prefix: 'П', range: [1, 499], group: 'docs', name: { ru: 'Паспорт', en: 'Passport' }, bring: { ru: 'Фото', en: 'Photo' } },
          { id: 'night', prefix: 'Н', range: [1, 9], name: { ru: 'Ночь' }, hours: [{ days: ['mon'], from: '00:00', to: '00:01' }] },
        ],
      },
    }),
  );
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  const running = await bootCore({ configPath, dataDir: join(dir, 'data') });
  return { dir, running, close: async () => { await running.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const transports: [string, () => Promise<{ api: KioskApi; close: () => Promise<void> }>][] = [
  ['core (no transport)', async () => {
    const booted = await bootDispenser();
    return { api: directKioskApi(booted.running.core), close: booted.close };
  }],
  ['browser host (HTTP + server-sent events)', async () => {
    const booted = await bootDispenser();
    const host = await startBrowserHost({ core: booted.running.core, rendererDir: join(booted.dir, 'renderer') });
    return { api: createHttpKioskApi(host.url), close: async () => { await host.close(); await booted.close(); } };
  }],
];

describe.each(transports)('KioskApi contract, ticket dispenser: %s', (_, setup) => {
  let subject: { api: KioskApi; close: () => Promise<void> };
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
    const result = await subject.api.issueTicket({ serviceId: 'passport' });
    expect(result).toMatchObject({ ok: true, value: { number: 'П-001', serviceId: 'passport', printed: 'no' } });
    const shown = await waitFor(() => states.find((s) => s.tickets?.screen.kind === 'ticket'), 'the ticket screen');
    expect(shown.tickets?.screen).toMatchObject({ kind: 'ticket', ticket: { number: 'П-001' } });
    expect(await subject.api.closeTicket({})).toEqual({ ok: true, value: null });
    await waitFor(() => states.at(-1)?.tickets?.screen.kind === 'menu', 'the menu again');
    expect((await subject.api.issueTicket({ serviceId: 'passport' })).ok && 'next').toBe('next');
  });

  it('refuses a closed service, an unknown one, malformed input and rating intents', async () => {
    expect(await subject.api.issueTicket({ serviceId: 'night' })).toMatchObject({ ok: false, error: { code: 'service-unavailable' } });
    expect(await subject.api.issueTicket({ serviceId: 'nope' })).toMatchObject({ ok: false, error: { code: 'unknown-service' } });
    expect(await subject.api.issueTicket({ serviceId: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await subject.api.press({ score: 5, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'wrong-mode' } });
  });
});
