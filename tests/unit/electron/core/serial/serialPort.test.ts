import { EventEmitter } from 'node:events';
import { SerialPortMock } from 'serialport';
import { describe, expect, it } from 'vitest';
import { pollEveryWaiter, POLL_DISCONNECT, POLL_READABLE, POLL_WRITABLE, serialPortsOf } from '../../../../../electron/core/serial/serialPort.ts';

type PollEvent = 'readable' | 'writable' | 'disconnect';
const FLAG: Record<PollEvent, number> = { readable: POLL_READABLE, writable: POLL_WRITABLE, disconnect: POLL_DISCONNECT };

/**
 * @serialport/bindings-cpp 13's Poller, cut to what matters here: `once(event)` polls for that one
 * event (dist/poller.js), and the native poll *replaces* the watched events with the ones it is
 * given (src/poller.cpp: `uv_poll_start(handle, events)`). `fire` plays libuv reporting the fd ready:
 * only watched events fire, and their waiters are woken.
 */
class ModelPoller extends EventEmitter {
  watched = 0;
  poll(flags = 0): void {
    this.watched = flags;
  }
  waitFor(event: PollEvent): Promise<void> {
    return new Promise((resolve) => {
      this.poll(FLAG[event]);
      super.once(event, () => resolve());
    });
  }
  fire(event: PollEvent): boolean {
    if ((this.watched & FLAG[event]) === 0) return false;
    this.watched &= ~FLAG[event];
    return this.emit(event);
  }
}

describe('pollEveryWaiter', () => {
  it('the model has the race: a read waiting again makes a waiting write deaf to "writable"', () => {
    const poller = new ModelPoller();
    void poller.waitFor('writable');
    void poller.waitFor('readable');
    expect(poller.fire('writable')).toBe(false);
  });

  it('a write waiting for "writable" is still woken after the read loop waits for "readable" again', async () => {
    const poller = new ModelPoller();
    pollEveryWaiter(poller);
    const written = poller.waitFor('writable');
    void poller.waitFor('readable');
    expect(poller.watched).toBe(POLL_READABLE | POLL_WRITABLE);
    expect(poller.fire('writable')).toBe(true);
    await written;
    expect(poller.fire('readable')).toBe(true);
  });

  it('a read waiting for "readable" is still woken after a write gets EAGAIN and waits for "writable"', async () => {
    const poller = new ModelPoller();
    pollEveryWaiter(poller);
    const read = poller.waitFor('readable');
    void poller.waitFor('writable');
    expect(poller.fire('readable')).toBe(true);
    await read;
  });

  it('asks for nothing nobody waits for: an idle port is not woken again and again for "writable"', () => {
    const poller = new ModelPoller();
    pollEveryWaiter(poller);
    void poller.waitFor('writable');
    poller.fire('writable');
    void poller.waitFor('readable');
    expect(poller.watched).toBe(POLL_READABLE);
  });
});

describe('serialPortsOf', () => {
  it('hands each port to onOpened once it is open, before the caller gets it', async () => {
    const binding = SerialPortMock.binding;
    binding.createPort('/dev/ttyPOLL');
    const seen: boolean[] = [];
    const ports = serialPortsOf(SerialPortMock, (port) => seen.push(port.isOpen));
    try {
      const link = await ports.open('/dev/ttyPOLL', 9600);
      expect(seen).toEqual([true]);
      await new Promise((resolve) => link.close(resolve));
      await expect(ports.open('/dev/ttyMISSING', 9600)).rejects.toThrow();
      expect(seen).toEqual([true]);
    } finally {
      binding.reset();
    }
  });
});
