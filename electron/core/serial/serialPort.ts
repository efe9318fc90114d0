import { SerialPort } from 'serialport';

/** The part of a serial port the button device uses; the real one and the mock both fit it. */
export interface SerialLink {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(data: string | Buffer, callback?: (error?: Error | null) => void): unknown;
  close(callback?: (error?: Error | null) => void): void;
  readonly isOpen: boolean;
}

export interface PortInfo {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/** Opening and listing ports, injected so unit tests can use @serialport/binding-mock. */
export interface SerialPorts {
  open(path: string, baudRate: number): Promise<SerialLink>;
  list(): Promise<PortInfo[]>;
}

/** A port before it is opened: what `serialPortsOf` needs of a port class's instances. */
export type UnopenedLink = SerialLink & { open(callback: (error: Error | null) => void): void };

interface PortClass<L extends UnopenedLink> {
  new (options: { path: string; baudRate: number; autoOpen: false }): L;
  list(): Promise<PortInfo[]>;
}

/** `onOpened` sees each port once it is open, before anyone else uses it (see `pollEveryWaiter`). */
export function serialPortsOf<L extends UnopenedLink>(Port: PortClass<L>, onOpened: (port: L) => void = () => undefined): SerialPorts {
  return {
    open: (path, baudRate) =>
      new Promise((resolve, reject) => {
        const port = new Port({ path, baudRate, autoOpen: false });
        // Until open succeeds nobody else listens: an early error must not become an unhandled event.
        port.on('error', () => undefined);
        port.open((error) => {
          if (error) return reject(error);
          onOpened(port);
          resolve(port);
        });
      }),
    list: () => Port.list(),
  };
}

/** The flags of @serialport/bindings-cpp's Poller (its EVENTS: libuv's UV_READABLE, UV_WRITABLE, UV_DISCONNECT). */
export const POLL_READABLE = 0b001;
export const POLL_WRITABLE = 0b010;
export const POLL_DISCONNECT = 0b100;

/** The part of @serialport/bindings-cpp's Poller (one per open fd on Linux and macOS) the workaround uses. */
export interface FdPoller {
  poll(flags?: number): void;
  listenerCount(event: 'readable' | 'writable' | 'disconnect'): number;
}

/**
 * Works around a race in @serialport/bindings-cpp 13 that stalls a port for good.
 *
 * Its reads and writes share one Poller (one uv_poll_t) per fd: a read that gets EAGAIN waits with
 * `poller.once('readable')`, a write that gets EAGAIN with `poller.once('writable')`, and each calls
 * `poller.poll(flag)` — but the native Poller::poll (src/poller.cpp) does
 * `uv_poll_start(handle, flag)` with only the flag just asked for, so it *replaces* what is watched.
 * A write waiting for 'writable' (a megabyte into a pty whose reader is slower) is forgotten the
 * moment the read loop, having received a few bytes (an LED line), waits for 'readable' again: only
 * readability is watched, 'writable' never fires, the write never completes and every later write
 * queues behind it. Nothing recovers it unless more bytes happen to arrive; the okno-buttons/1
 * host writes (an LED line) only for a vote it received, so both ends wait on each other for ever (seen as the
 * serialButtons integration test stalling under load with the megabyte half sent). The same race
 * can drop a waiting read when a write gets EAGAIN, until the fd turns writable.
 *
 * The fix: every poll asks for the events anyone is still waiting for, not just the new one. (The
 * native callback re-polls on its own for the events it did not fire, so it needs no help.)
 */
export function pollEveryWaiter(poller: FdPoller): void {
  const poll = poller.poll.bind(poller);
  poller.poll = (flags = 0) => {
    let wanted = flags;
    if (poller.listenerCount('readable') > 0) wanted |= POLL_READABLE;
    if (poller.listenerCount('writable') > 0) wanted |= POLL_WRITABLE;
    if (poller.listenerCount('disconnect') > 0) wanted |= POLL_DISCONNECT;
    poll(wanted);
  };
}

/** The real serial ports of this machine (Node-API binding from the serialport package). */
export const systemSerialPorts: SerialPorts = serialPortsOf(SerialPort, (port) => {
  // Linux and macOS bindings poll their fd (see pollEveryWaiter); Windows' has no poller.
  const binding = port.port;
  if (binding && 'poller' in binding) pollEveryWaiter(binding.poller);
});

export type OpenFailure = 'notFound' | 'permissionDenied' | 'openFailed';

/** What a failed open means for a technician: no device yet, no permission, or something else. */
export function classifyOpenError(error: unknown): OpenFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || /no such file|does not exist|cannot find|not found/i.test(message)) return 'notFound';
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|access denied|EACCES/i.test(message)) return 'permissionDenied';
  return 'openFailed';
}
