import { systemSerialPorts } from '../core/serial/serialPort.ts';
import { parseCommandArgs } from './usage.ts';

const HELP = `usage: okno ports [--json]

Lists the serial ports of this machine with manufacturer, serial number and USB vendor/product id
(the ids go into "buttons.usb" for buttons.path "auto").

  --json   machine-readable output`;

export async function runPorts(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const ports = await systemSerialPorts.list();
  if (flags.json) {
    console.log(JSON.stringify(ports, null, 2));
    return 0;
  }
  if (ports.length === 0) {
    console.log('no serial ports found (is the device plugged in? "dmesg | tail" shows what the kernel saw)');
    return 0;
  }
  const rows = ports.map((p) => [p.path, p.manufacturer ?? '—', p.serialNumber ?? '—', p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : '—']);
  const header = ['PATH', 'MANUFACTURER', 'SERIAL', 'USB ID'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  return 0;
}
