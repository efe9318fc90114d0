import { EventEmitter } from 'node:events';
import { SerialPortMock } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { createButtonDevice, printable, type ButtonDevice } from '../../../../../electron/core/serial/buttonDevice.ts';
import { serialPortsOf, type PortInfo, type SerialLink, type SerialPorts } from '../../../../../electron/core/serial/serialPort.ts';
import type { ButtonsConfig } from '../../../../../shared/config.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';

interface MockBindingInterface {
  createPort(path: string, options?: { record?: boolean; vendorId?: string; productId?: string; manufacturer?: string }): void;
  reset(): void;
}
// @serialport/binding-mock, as serialport itself loads it (importing it here could give a second copy).
const MockBinding = (SerialPortMock as unknown as { binding: MockBindingInterface }).binding;

const buttons = (overrides: Record<string, unknown> = {}): ButtonsConfig =>
  parseConfig({ device: { id: 'w', office: 'O', window: '1' }, buttons: { path: '/dev/ttyOKNO', ...overrides } }, 'test').buttons!;

type MockLink = SerialLink & { port?: { emitData(data: string | Buffer): void; recording: Buffer } };

/** The mock binding's ports, remembering what was opened so the test can play the device. */
function mockPorts(): SerialPorts & { opened: MockLink[] } {
  const real = serialPortsOf(SerialPortMock);
  const opened: MockLink[] = [];
  return {
    opened,
    list: () => real.list(),
    open: async (path, baudRate) => {
      const link = (await real.open(path, baudRate)) as MockLink;
      opened.push(link);
      return link;
    },
  };
}

/** A port that can fail to open in a given way, or be unplugged: what the mock binding cannot do. */
class FakeLink extends EventEmitter implements SerialLink {
  isOpen = true;
  written: string[] = [];
  write(data: string | Buffer, callback?: (error?: Error | null) => void) {
    this.written.push(data.toString());
    callback?.(null);
    return true;
  }
  close(callback?: (error?: Error | null) => void) {
    this.isOpen = false;
    callback?.(null);
  }
  unplug() {
    this.isOpen = false;
    this.emit('close', Object.assign(new Error('bad file descriptor'), { disconnected: true }));
  }
}

function scriptedPorts(outcomes: (Error | FakeLink)[], listed: PortInfo[] = []): SerialPorts & { opens: string[] } {
  const opens: string[] = [];
  return {
    opens,
    list: async () => listed,
    open: async (path) => {
      opens.push(path);
      const next = outcomes.shift();
      if (!next) throw new Error('No such file or directory');
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

describe('button device (okno-buttons/1 over the mock binding)', () => {
  let device: ButtonDevice | null = null;
  beforeEach(() => MockBinding.createPort('/dev/ttyOKNO', { record: true, vendorId: '2341', productId: '0043', manufacturer: 'okno' }));
  afterEach(async () => {
    await device?.stop();
    device = null;
    MockBinding.reset();
  });

  it('asks for HELLO on open, reads presses, the device model, and acknowledges with L<n>', async () => {
    const ports = mockPorts();
    const presses: number[] = [];
    device = createButtonDevice({ config: buttons(), ports, clock: new FakeTime(), scheduler: new FakeTime(), onPress: (b) => presses.push(b) });
    device.start();
    await waitFor(() => device!.status().state === 'connected', 'connected');
    const link = ports.opened[0]!;
    await waitFor(() => link.port!.recording.toString() === '?\n', 'the HELLO request');
    link.port!.emitData('HELLO okno-box 1.2.0 5\r\nB3\nB5*77\nB2*00\nnonsense\n');
    await waitFor(() => presses.length === 2, 'two presses');
    expect(presses).toEqual([3, 5]);
    const status = device.status();
    expect(status.device).toEqual({ model: 'okno-box', firmware: '1.2.0', buttons: 5 });
    expect(status.counters).toMatchObject({ presses: 2, checksum: 1, unknown: 1, connects: 1 });
    expect(status.lastLine).toBe('nonsense');
    device.ack(3);
    await waitFor(() => link.port!.recording.toString() === '?\nL3\n', 'the LED acknowledgement');
  });

  it('counts bounces of the same button within debounceMs as one press', async () => {
    const ports = mockPorts();
    const time = new FakeTime();
    const presses: number[] = [];
    device = createButtonDevice({ config: buttons({ debounceMs: 50 }), ports, clock: time, scheduler: time, onPress: (b) => presses.push(b) });
    device.start();
    await waitFor(() => device!.status().state === 'connected', 'connected');
    ports.opened[0]!.port!.emitData('B1\nB1\nB2\n');
    await waitFor(() => device!.status().counters.bounces === 1, 'one bounce');
    time.advance(50);
    ports.opened[0]!.port!.emitData('B1\n');
    await waitFor(() => presses.length === 3, 'the third press');
    expect(presses).toEqual([1, 2, 1]);
  });

  it('path "auto" picks the port by USB vendor/product id', async () => {
    const ports = mockPorts();
    MockBinding.createPort('/dev/ttyOTHER', { vendorId: '1111', productId: '2222' });
    device = createButtonDevice({
      config: buttons({ path: 'auto', usb: [{ vendorId: '2341', productId: '0043' }] }),
      ports,
      clock: new FakeTime(),
      scheduler: new FakeTime(),
      onPress: () => undefined,
    });
    device.start();
    await waitFor(() => device!.status().state === 'connected', 'connected');
    expect(device.status().path).toBe('/dev/ttyOKNO');
  });
});

describe('button device faults', () => {
  it('a port missing at start: waiting for the device, retried after ≤ 1 s with backoff, then connected', async () => {
    const time = new FakeTime();
    const link = new FakeLink();
    const ports = scriptedPorts([new Error('Error: No such file or directory, cannot open /dev/ttyOKNO'), new Error('No such file or directory'), link]);
    const device = createButtonDevice({ config: buttons(), ports, clock: time, scheduler: time, onPress: () => undefined });
    device.start();
    await waitFor(() => device.status().state === 'waiting', 'waiting');
    expect(device.status()).toMatchObject({ nextRetryInMs: 500, counters: { notFound: 1 } });
    time.advance(500);
    await waitFor(() => device.status().counters.notFound === 2, 'second attempt');
    expect(device.status().nextRetryInMs).toBe(1000);
    time.advance(1000);
    await waitFor(() => device.status().state === 'connected', 'connected');
    expect(device.status().lastError).toBeNull();
    await device.stop();
  });

  it('permission denied is an error state with the reason, and is retried', async () => {
    const time = new FakeTime();
    const ports = scriptedPorts([new Error('Error: Permission denied, cannot open /dev/ttyOKNO')]);
    const device = createButtonDevice({ config: buttons(), ports, clock: time, scheduler: time, onPress: () => undefined });
    device.start();
    await waitFor(() => device.status().state === 'error', 'error');
    expect(device.status()).toMatchObject({ lastError: expect.stringContaining('Permission denied'), counters: { permissionDenied: 1 } });
    time.advance(500);
    await waitFor(() => ports.opens.length === 2, 'a retry');
    await device.stop();
  });

  it('unplugged while running: counted, waiting, reconnected; the retry delay starts again from the first step', async () => {
    const time = new FakeTime();
    const first = new FakeLink();
    const second = new FakeLink();
    const ports = scriptedPorts([first, second]);
    const presses: number[] = [];
    const device = createButtonDevice({ config: buttons(), ports, clock: time, scheduler: time, onPress: (b) => presses.push(b) });
    device.start();
    await waitFor(() => device.status().state === 'connected', 'connected');
    first.emit('data', Buffer.from('B4\n'));
    first.unplug();
    expect(device.status()).toMatchObject({ state: 'waiting', counters: { disconnects: 1 }, nextRetryInMs: 500 });
    device.ack(4); // nowhere to write: dropped, not thrown
    time.advance(500);
    await waitFor(() => device.status().state === 'connected', 'reconnected');
    second.emit('data', Buffer.from('B5\n'));
    expect(presses).toEqual([4, 5]);
    expect(device.status().counters.connects).toBe(2);
    await device.stop();
  });

  it('stop() while waiting leaves no timer behind', async () => {
    const time = new FakeTime();
    const device = createButtonDevice({ config: buttons(), ports: scriptedPorts([]), clock: time, scheduler: time, onPress: () => undefined });
    device.start();
    await waitFor(() => device.status().state === 'waiting', 'waiting');
    await device.stop();
    expect(time.pendingTimers()).toBe(0);
    expect(device.status().state).toBe('stopped');
  });
});

describe('path "auto" without a USB id match', () => {
  it('probes the ports with `?` and takes the first that answers HELLO', async () => {
    const silent = new FakeLink();
    const box = new FakeLink();
    box.write = (data: string | Buffer) => {
      box.written.push(data.toString());
      if (data.toString() === '?\n') setImmediate(() => box.emit('data', Buffer.from('HELLO okno-box 1.2.0 5\n')));
      return true;
    };
    const links: Record<string, FakeLink> = { '/dev/ttyS0': silent, '/dev/ttyACM0': box };
    const opened: string[] = [];
    const ports: SerialPorts = {
      list: async () => [{ path: '/dev/ttyS0' }, { path: '/dev/ttyACM0' }],
      open: async (path) => {
        opened.push(path);
        const link = links[path]!;
        link.isOpen = true;
        return link;
      },
    };
    const time = new FakeTime();
    const device = createButtonDevice({ config: buttons({ path: 'auto' }), ports, clock: time, scheduler: time, onPress: () => undefined });
    device.start();
    await waitFor(() => device.status().state === 'connected', 'connected', 5_000);
    expect(device.status().path).toBe('/dev/ttyACM0');
    expect(silent.written).toEqual(['?\n']);
    expect(opened).toEqual(['/dev/ttyS0', '/dev/ttyACM0', '/dev/ttyACM0']);
    await device.stop();
  });

  it('finds nothing: waiting, with the reason, and tries again later', async () => {
    const time = new FakeTime();
    const device = createButtonDevice({ config: buttons({ path: 'auto' }), ports: scriptedPorts([], []), clock: time, scheduler: time, onPress: () => undefined });
    device.start();
    await waitFor(() => device.status().state === 'waiting', 'waiting');
    expect(device.status().lastError).toMatch(/no button device found/);
    await device.stop();
  });
});

describe('keymap protocol and learning', () => {
  it('learns "press button 1 now…" from the next burst of bytes, then maps it', async () => {
    const time = new FakeTime();
    const link = new FakeLink();
    const presses: number[] = [];
    const device = createButtonDevice({
      config: buttons({ protocol: 'keymap', interByteTimeoutMs: 30, keymap: { '2': '62' } }),
      ports: scriptedPorts([link]),
      clock: time,
      scheduler: time,
      onPress: (b) => presses.push(b),
    });
    device.start();
    await waitFor(() => device.status().state === 'connected', 'connected');
    expect(link.written).toEqual([]); // no `?`: a foreign device would not understand it

    const learned = device.learn(1, 10_000);
    link.emit('data', Buffer.from([0x1b, 0x5b]));
    time.advance(10);
    link.emit('data', Buffer.from([0x41]));
    time.advance(30);
    expect(await learned).toEqual({ ok: true, value: { button: 1, sequence: '1b5b41' } });
    expect(presses).toEqual([]);

    link.emit('data', Buffer.from([0x1b, 0x5b, 0x41]));
    time.advance(30);
    link.emit('data', Buffer.from('b'));
    time.advance(30);
    link.emit('data', Buffer.from('zz'));
    time.advance(30);
    expect(presses).toEqual([1, 2]);
    expect(device.status().counters.unmappedFrames).toBe(1);
    expect(device.keymap()).toEqual({ '1': '1b5b41', '2': '62' });
    await device.stop();
  });

  it('learning times out with a clear error, and is refused for okno-buttons/1', async () => {
    const time = new FakeTime();
    const keymapDevice = createButtonDevice({ config: buttons({ protocol: 'keymap' }), ports: scriptedPorts([new FakeLink()]), clock: time, scheduler: time, onPress: () => undefined });
    const learning = keymapDevice.learn(3, 5_000);
    time.advance(5_000);
    expect(await learning).toMatchObject({ ok: false, error: { code: 'learn-timeout' } });
    const lineDevice = createButtonDevice({ config: buttons(), ports: scriptedPorts([]), clock: time, scheduler: time, onPress: () => undefined });
    expect(await lineDevice.learn(1, 1_000)).toMatchObject({ ok: false, error: { code: 'wrong-protocol' } });
  });
});

describe('printable', () => {
  it('shows control bytes and invalid UTF-8 as \\xHH and cuts long lines', () => {
    expect(printable(Buffer.from([0x42, 0x33, 0xff, 0x0d]))).toBe('B3\\xff\\x0d');
    expect(printable(Buffer.alloc(100, 0x41))).toBe(`${'A'.repeat(80)}…`);
  });
});
