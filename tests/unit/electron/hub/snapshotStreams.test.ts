import { describe, expect, it } from 'vitest';
import { snapshotStreams, type StreamSink } from '../../../../electron/hub/snapshotStreams.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';

function sink(): StreamSink & { chunks: string[]; ended: boolean; close(): void } {
  const listeners: (() => void)[] = [];
  const made = {
    chunks: [] as string[],
    ended: false,
    write: (chunk: string) => made.chunks.push(chunk) > 0,
    end: () => {
      made.ended = true;
    },
    onClose: (listener: () => void) => listeners.push(listener),
    close: () => listeners.forEach((listener) => listener()),
  };
  return made;
}

describe('snapshot streams', () => {
  it('sends the whole snapshot on connect, then one per burst of changes', () => {
    const time = new FakeTime();
    let revision = 1;
    const streams = snapshotStreams({ snapshotJson: () => JSON.stringify({ revision }), scheduler: time });
    const a = sink();
    streams.open(a);
    expect(a.chunks).toEqual(['event: snapshot\ndata: {"revision":1}\n\n']);
    for (let i = 0; i < 50; i += 1) {
      revision += 1;
      streams.changed();
    }
    expect(a.chunks).toHaveLength(1);
    time.advance(20);
    expect(a.chunks).toEqual(['event: snapshot\ndata: {"revision":1}\n\n', 'event: snapshot\ndata: {"revision":51}\n\n']);
  });

  it('keeps a quiet stream alive with a comment every 15 s, and forgets closed clients', () => {
    const time = new FakeTime();
    let closed = 0;
    const streams = snapshotStreams({ snapshotJson: () => '{}', scheduler: time, onClosed: () => (closed += 1) });
    const a = sink();
    const b = sink();
    streams.open(a);
    streams.open(b);
    time.advance(15_000);
    expect(a.chunks.at(-1)).toBe(': heartbeat\n\n');
    a.close();
    expect(streams.size()).toBe(1);
    expect(closed).toBe(1);
    b.close();
    expect(streams.size()).toBe(0);
    // No clients: no timer left running.
    expect(time.pendingTimers()).toBe(0);
  });

  it('drops a client whose socket fails, and ends every stream on close', () => {
    const time = new FakeTime();
    const streams = snapshotStreams({ snapshotJson: () => '{}', scheduler: time });
    const broken = { ...sink(), write: (): boolean => { throw new Error('EPIPE'); } };
    streams.open(broken);
    expect(streams.size()).toBe(0);
    const a = sink();
    streams.open(a);
    streams.changed();
    streams.close();
    expect(a.ended).toBe(true);
    expect(time.pendingTimers()).toBe(0);
    const late = sink();
    streams.open(late);
    expect(late.ended).toBe(true);
  });
});
