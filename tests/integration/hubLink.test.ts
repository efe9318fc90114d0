import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDoctorReport } from '../../electron/core/doctor/doctorReport.ts';
import type { HubLink } from '../../electron/core/office/hubLink.ts';
import type { ConfigInput } from '../../shared/config.ts';
import { OFFICE_PATHS } from '../../shared/office/officeProtocol.ts';
import { officeSnapshot, startFakeHub, type FakeHub } from '../helpers/fakeHub.ts';
import { startRunningDevice, type RunningDevice } from '../helpers/runningDevice.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

/**
 * A dispenser and its office hub over real TLS on 127.0.0.1 (a fake hub: the real one is tested on its
 * own): the certificate pinned, tickets issued through the real ticket face while the hub is down
 * delivered later exactly once and in issue order, the live stream re-synced after the hub restarts.
 */

const tempDir = useTempDirs();
const WRONG = Array.from({ length: 32 }, () => '0F').join(':');
let device: RunningDevice | null = null;
let hub: FakeHub | null = null;
afterEach(async () => {
  await device?.close();
  device = null;
  await hub?.close();
  hub = null;
});

function dispenserConfig(dir: string, fake: FakeHub, fingerprint = fake.fingerprint): string {
  const config: ConfigInput = {
    device: { id: 'hall-dispenser-1', office: 'МФЦ', window: 'зал', mode: 'tickets', timezone: 'Europe/Moscow' },
    queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }] },
    hub: { url: fake.url, token: fake.token, fingerprint },
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function start(dir: string, configPath: string): Promise<RunningDevice> {
  device = await startRunningDevice({ configPath, dataDir: join(dir, 'data'), hubDelivery: { backoff: { minMs: 50, maxMs: 300 } } });
  return device;
}

/** A ticket through the real ticket face, as a citizen's touch makes it; the screen back to the menu. */
async function issue(running: RunningDevice): Promise<string> {
  const issued = await running.device.handle('issueTicket', { serviceId: 'passport' });
  if (!issued.ok) throw new Error(issued.error.message);
  await running.device.handle('closeTicket', {});
  return issued.value.number;
}

const link = (running: RunningDevice): HubLink => {
  if (!running.hub) throw new Error('no hub link');
  return running.hub;
};

describe('a dispenser and its office hub over TLS', () => {
  it('a hub whose certificate is not the pinned one is refused, and never receives the token nor a ticket', async () => {
    const dir = tempDir();
    hub = await startFakeHub();
    const running = await start(dir, dispenserConfig(dir, hub, WRONG));
    await issue(running);
    await waitFor(() => link(running).status().state === 'refused' && running.ticketDelivery?.status().state === 'refused', 'the link and the delivery to refuse');
    expect(link(running).status().problem).toContain('not the pinned');
    expect(hub.connections()).toBeGreaterThanOrEqual(2);
    expect(hub.received).toEqual([]);
    // The status file is written at most once a second: wait for the refusal to reach it.
    const report = await waitFor(() => {
      const current = buildDoctorReport(join(dir, 'data'));
      return current.hub.link?.state === 'refused' && current;
    }, 'okno doctor to see the refusal');
    expect(report.hub).toMatchObject({ pending: 1, delivery: { state: 'refused' } });
    expect(report.needsTechnician).toBe(true);
    expect(JSON.stringify(report)).not.toContain(hub.token);
  });

  it('tickets issued while the hub is down are delivered later, exactly once, in issue order', async () => {
    const dir = tempDir();
    hub = await startFakeHub();
    const configPath = dispenserConfig(dir, hub);
    await hub.stop();
    const running = await start(dir, configPath);
    const numbers: string[] = [];
    for (let i = 0; i < 20; i += 1) numbers.push(await issue(running));
    expect(numbers[0]).toBe('П-001');
    await waitFor(() => (running.ticketDelivery?.status().attempt ?? 0) >= 1, 'a failed delivery');
    expect(buildDoctorReport(join(dir, 'data')).hub).toMatchObject({ configured: true, pending: 20 });

    await hub.start();
    await waitFor(() => hub!.queued.length === 20, 'the 20 tickets at the hub', 10_000);
    expect(hub.queued.map((ticket) => ticket.number)).toEqual(numbers);
    expect(hub.deliveries).toHaveLength(20);
    await waitFor(() => buildDoctorReport(join(dir, 'data')).hub.pending === 0, 'the progress to move');

    // A ticket issued with the hub up goes at once, and nothing before it goes again.
    numbers.push(await issue(running));
    await waitFor(() => hub!.queued.length === 21, 'the 21st ticket');
    expect(hub.deliveries.map((ticket) => ticket.number)).toEqual(numbers);
    // The hub has it once it answered; the device once it recorded the answer.
    await waitFor(() => buildDoctorReport(join(dir, 'data')).hub.pending === 0, 'the progress to move');

    // Nor after a restart of the device: the progress is in the journal.
    await running.close();
    device = null;
    const again = await start(dir, configPath);
    await waitFor(() => link(again).status().state === 'connected', 'the new link');
    numbers.push(await issue(again));
    await waitFor(() => hub!.queued.length === 22, 'the 22nd ticket');
    expect(hub.deliveries.map((ticket) => ticket.number)).toEqual(numbers);
    expect(new Set(hub.deliveries.map((ticket) => ticket.eventId)).size).toBe(22);
    // The hub has it once it answered; the device once it recorded the answer (a moment later under load).
    await waitFor(() => buildDoctorReport(join(dir, 'data')).hub.pending === 0, 'the progress to move');
    const report = buildDoctorReport(join(dir, 'data'));
    expect(report.hub).toMatchObject({ configured: true, pending: 0, lastError: null });
    expect(report.hub.lastSuccessAt).not.toBeNull();
  });

  it('the live stream reconnects and re-syncs the whole snapshot after the hub restarts', async () => {
    const dir = tempDir();
    hub = await startFakeHub();
    hub.setSnapshot(officeSnapshot(40));
    const running = await start(dir, dispenserConfig(dir, hub));
    await waitFor(() => link(running).snapshot()?.revision === 40, 'the first snapshot');
    expect(running.status().hub).toMatchObject({ link: { state: 'connected' }, delivery: { state: 'idle' } });

    await hub.stop();
    await waitFor(() => link(running).status().state === 'connecting', 'the link to notice');
    expect(link(running).snapshot()?.revision).toBe(40);
    // The restarted hub is at a lower revision and a new day: the device takes its whole snapshot.
    hub.setSnapshot(officeSnapshot(3, { day: '2026-11-24' }));
    await hub.start();
    await waitFor(() => link(running).snapshot()?.revision === 3, 'the re-sync', 5_000);
    expect(link(running).snapshot()?.day).toBe('2026-11-24');
    expect(link(running).status().state).toBe('connected');
    expect(hub.received.filter((request) => request.path === OFFICE_PATHS.stream).length).toBeGreaterThanOrEqual(2);
  });

  it('a malformed snapshot is counted (okno doctor sees it) and ignored', async () => {
    const dir = tempDir();
    hub = await startFakeHub();
    hub.setSnapshot(officeSnapshot(7));
    const running = await start(dir, dispenserConfig(dir, hub));
    await waitFor(() => link(running).snapshot()?.revision === 7, 'the first snapshot');
    hub.sendRaw(`event: snapshot\ndata: ${JSON.stringify({ ...officeSnapshot(8), windows: 'all of them' })}\n\n`);
    hub.setSnapshot(officeSnapshot(9));
    await waitFor(() => link(running).snapshot()?.revision === 9, 'the good snapshot after the bad one');
    expect(running.status().counters['hubBadAnswers']).toBe(1);
    expect(JSON.stringify(running.status())).not.toContain(hub.token);
  });
});
