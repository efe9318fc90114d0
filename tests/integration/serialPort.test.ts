import { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';
import { systemSerialPorts, type FdPoller, type SerialLink } from '../../electron/core/serial/serialPort.ts';
import { openPtyPair } from '../../electron/simulators/ptyPair.ts';
import { requireSocat } from '../helpers/socat.ts';
import { waitFor } from '../helpers/waitFor.ts';

/** The binding's poller behind a real port: the test watches who waits on it, it changes nothing. */
function pollerOf(link: SerialLink): FdPoller {
  const port: SerialPort | undefined = link instanceof SerialPort ? link : undefined;
  const binding = port?.port;
  if (!binding || !('poller' in binding)) throw new Error('this test needs a Linux or macOS serialport binding (one with a poller)');
  return binding.poller;
}

describe('system serial ports on a real pseudo-terminal (socat)', () => {
  it('a write waiting for the port to drain completes even when bytes arrive meanwhile (bindings-cpp poller race)', async () => {
    requireSocat();
    const pair = await openPtyPair();
    const device = await systemSerialPorts.open(pair.devicePath, 9600);
    const host = await systemSerialPorts.open(pair.hostPath, 9600);
    const poller = pollerOf(device);
    const received: Buffer[] = [];
    device.on('data', (chunk) => received.push(chunk));
    try {
      // 1. The device writes more than the pty pair buffers while the host reads nothing: the write
      //    gets EAGAIN and waits for 'writable'.
      const megabyte = Buffer.alloc(1024 * 1024, 0x42);
      let written = false;
      device.write(megabyte, () => (written = true));
      await waitFor(() => poller.listenerCount('writable') > 0, 'the device write to wait for the port to drain', 15_000);
      expect(written).toBe(false);

      // 2. The host answers a line; the device's read loop takes it and waits for 'readable' again.
      //    Before the workaround each wait replaced the other: the write's wait had already dropped
      //    the read loop's (the line never arrived), and a read loop waiting again drops the write's.
      host.write('L1\n');
      await waitFor(() => Buffer.concat(received).toString() === 'L1\n', 'the host line at the device', 15_000);
      await waitFor(() => poller.listenerCount('readable') > 0, 'the device read loop to wait again', 15_000);

      // 3. The host drains the pty: the device's write must go on to the end.
      let drained = 0;
      host.on('data', (chunk) => (drained += chunk.length));
      await waitFor(() => written && drained === megabyte.length, `the megabyte write to complete (host read ${drained} bytes)`, 30_000);
    } finally {
      await new Promise((resolve) => device.close(resolve));
      await new Promise((resolve) => host.close(resolve));
      await pair.close();
    }
  }, 90_000);
});
