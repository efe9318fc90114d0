import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HubStorageError, startHub } from '../../../../electron/hub/hub.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';
import { office, ticket, uuid } from './queue/queueFixtures.ts';
import { openSnapshotStream } from '../../../helpers/officeStream.ts';

const tempDir = useTempDirs();

describe('startHub', () => {
  it('keeps its certificate, and rolls the day over when it starts after midnight', async () => {
    const dataDir = tempDir();
    const time = new FakeTime('2026-11-23T06:00:00.000Z');
    const first = await startHub({ config: office(), dataDir, clock: time, scheduler: time });
    expect(first.certificateCreated).toBe(true);
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    first.queue.receive('disp-1', [ticket('passport', 'П-001')]);
    expect(first.uploader).toBeNull();
    await first.close();

    // Down over midnight: the waiting ticket of the 23rd expires when the hub starts on the 24th.
    time.setWall('2026-11-24T06:00:00.000Z');
    const second = await startHub({ config: office(), dataDir, clock: time, scheduler: time });
    expect(second.certificateCreated).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
    const snapshot = second.queue.snapshot();
    expect(snapshot.day).toBe('2026-11-24');
    expect(snapshot.services.every((service) => service.waiting === 0)).toBe(true);
    await second.close();
  });

  it('tells the live streams when a finished visit stops being rateable, with no event to say so', async () => {
    const time = new FakeTime('2026-11-23T06:00:00.000Z');
    const token = 'board-token-0123456789';
    const config = office({ devices: [{ id: 'board', role: 'hall', tokenSha256: createHash('sha256').update(token).digest('hex') }] }, { rateSeconds: 30 });
    const hub = await startHub({ config, dataDir: tempDir(), clock: time, scheduler: time });
    const stream = await openSnapshotStream(hub.url, hub.fingerprint, token);
    try {
      expect((await stream.next()).windows[0]?.lastFinished).toBeNull();
      hub.queue.receive('disp-1', [ticket('passport', 'П-001')]);
      hub.queue.signIn('1', 'anna');
      hub.queue.command('1', { command: 'call-next', idempotencyKey: uuid() });
      expect(hub.queue.command('1', { command: 'finish', idempotencyKey: uuid() })).toMatchObject({ ok: true });
      time.advance(20);
      expect((await stream.next()).windows[0]?.lastFinished).toMatchObject({ number: 'П-001', operatorId: 'anna' });
      time.advance(30_000 + 50 + 20);
      expect((await stream.next()).windows[0]?.lastFinished).toBeNull();
    } finally {
      stream.close();
      await hub.close();
    }
  });

  it('does not start without its journal, and closes what it opened', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'okno.db'));
    const time = new FakeTime();
    await expect(startHub({ config: office(), dataDir, clock: time, scheduler: time })).rejects.toThrow(HubStorageError);
    // Nothing left listening or locked: once the journal is usable the same directory starts.
    rmSync(join(dataDir, 'okno.db'), { recursive: true });
    const hub = await startHub({ config: office(), dataDir, clock: time, scheduler: time });
    await hub.close();
  });

  it('sends its events upstream under the office id when the config has sync', async () => {
    const time = new FakeTime();
    const hub = await startHub({
      config: { ...office(), sync: { endpoint: 'https://collector.example/', token: 'x'.repeat(24), intervalSeconds: 30, timeoutSeconds: 30, backoffMinSeconds: 1, backoffMaxSeconds: 900, retentionDays: 90 } },
      dataDir: tempDir(),
      clock: time,
      scheduler: time,
      // The fake clock never moves, so nothing is sent: this is about the uploader being there.
      sync: { transport: { post: () => Promise.reject(new Error('not sent in this test')), close: () => undefined } },
    });
    expect(hub.uploader).not.toBeNull();
    await hub.close();
  });
});
