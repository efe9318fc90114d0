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

interface PortClass {
  new (options: { path: string; baudRate: number; autoOpen: false }): SerialLink & { open(callback: (error: Error | null) => void): void };
  list(): Promise<PortInfo[]>;
}

export function serialPortsOf(Port: PortClass): SerialPorts {
  return {
    open: (path, baudRate) =>
      new Promise((resolve, reject) => {
        const port = new Port({ path, baudRate, autoOpen: false });
        // Until open succeeds nobody else listens: an early error must not become an unhandled event.
        port.on('error', () => undefined);
        port.open((error) => (error ? reject(error) : resolve(port)));
      }),
    list: () => Port.list(),
  };
}

/** The real serial ports of this machine (Node-API binding from the serialport package). */
export const systemSerialPorts: SerialPorts = serialPortsOf(SerialPort);

export type OpenFailure = 'notFound' | 'permissionDenied' | 'openFailed';

/** What a failed open means for a technician: no device yet, no permission, or something else. */
export function classifyOpenError(error: unknown): OpenFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || /no such file|does not exist|cannot find|not found/i.test(message)) return 'notFound';
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|access denied|EACCES/i.test(message)) return 'permissionDenied';
  return 'openFailed';
}
