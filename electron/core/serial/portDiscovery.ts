import { createLineFramer } from './lineFramer.ts';
import { HELLO_REQUEST, parseButtonLine } from './buttonProtocol.ts';
import type { SerialPorts } from './serialPort.ts';

const sameId = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * `buttons.path: "auto"`: the first port whose USB vendor/product id is in `usb`, else the first port
 * that answers `?` with a HELLO line within `probeMs`. Null when none does.
 */
export async function findButtonPort(
  ports: SerialPorts,
  usb: readonly { vendorId: string; productId: string }[],
  baudRate: number,
  probeMs = 1_000,
): Promise<string | null> {
  const listed = await ports.list();
  const byId = listed.find((port) => usb.some((id) => sameId(port.vendorId, id.vendorId) && sameId(port.productId, id.productId)));
  if (byId) return byId.path;
  for (const candidate of listed) {
    if (await answersHello(ports, candidate.path, baudRate, probeMs)) return candidate.path;
  }
  return null;
}

async function answersHello(ports: SerialPorts, path: string, baudRate: number, probeMs: number): Promise<boolean> {
  let link;
  try {
    link = await ports.open(path, baudRate);
  } catch {
    return false;
  }
  const opened = link;
  try {
    return await new Promise<boolean>((resolve) => {
      const framer = createLineFramer(256, () => undefined);
      const timer = setTimeout(() => resolve(false), probeMs);
      opened.on('data', (chunk) => {
        if (framer.push(chunk).some((line) => parseButtonLine(line).kind === 'hello')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      opened.write(HELLO_REQUEST);
    });
  } finally {
    await new Promise<void>((resolve) => opened.close(() => resolve()));
  }
}
