import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import { startButtonSimulator, type ButtonSimulator } from '../../electron/simulators/buttonSimulator.ts';
import { openPtyPair, type PtyPair } from '../../electron/simulators/ptyPair.ts';
import { runOkno, startServe } from '../helpers/okno.ts';
import { requireSocat } from '../helpers/socat.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

const tempDir = useTempDirs();
const PRESSES = 1_000;
const REPLUGS = 5;

interface ButtonsStatus {
  state: string;
  device: { model: string } | null;
  counters: Record<string, number>;
}

/** Garbage a real line can carry, with the counter each one must land in. */
const GARBAGE: { bytes: Buffer; counter: string }[] = [
  { bytes: Buffer.from('B3*00\n'), counter: 'checksum' },
  { bytes: Buffer.from('XYZZY\n'), counter: 'unknown' },
  { bytes: Buffer.from([0xff, 0xfe, 0x42, 0x33, 0xc3, 0x28, 0x0a]), counter: 'unknown' },
  { bytes: Buffer.from('B0\r\n'), counter: 'unknown' },
  { bytes: Buffer.from('b2\n'), counter: 'unknown' },
  { bytes: Buffer.from('B7*zz\n'), counter: 'malformed' },
  { bytes: Buffer.from('HELLO\n'), counter: 'malformed' },
];

describe('serial buttons on a real pseudo-terminal (socat)', () => {
  it(`${PRESSES} presses mixed with garbage and ${REPLUGS} unplug/replug cycles: exactly the valid presses recorded, LEDs only for votes`, async () => {
    requireSocat();
    const dir = tempDir();
    const hostLink = join(dir, 'ttyBUTTONS');
    const dataDir = join(dir, 'data');
    const config = join(dir, 'config.json');
    // debounceMs 0: the test sends faster than a finger; debounce has its own unit tests.
    writeFileSync(
      config,
      JSON.stringify({ device: { id: 'serial-w05', office: 'O', window: '5' }, rating: { cooldownSeconds: 2, thanksSeconds: 1 }, buttons: { path: hostLink, debounceMs: 0 } }),
    );
    const status = (): ButtonsStatus | undefined => {
      try {
        return (JSON.parse(readFileSync(join(dataDir, 'status.json'), 'utf8')) as { buttons?: ButtonsStatus }).buttons;
      } catch {
        return undefined;
      }
    };
    const db = () => new Database(join(dataDir, 'okno.db'), { readonly: true });
    const ratingRows = (): { type: string; button: number }[] => {
      const handle = db();
      try {
        return (handle.prepare("SELECT type, json_extract(payload, '$.score') AS button FROM events WHERE type LIKE 'rating.%' ORDER BY seq").all() as { type: string; button: number }[]);
      } finally {
        handle.close();
      }
    };

    let pair: PtyPair = await openPtyPair({ hostLink });
    const serve = await startServe(['--config', config, '--data-dir', dataDir]);
    const acks: number[] = [];
    let simulator: ButtonSimulator = await startButtonSimulator(systemSerialPorts, pair.devicePath, { onAck: (b) => acks.push(b) });
    const expectedGarbage: Record<string, number> = { checksum: 0, unknown: 0, malformed: 0, overlong: 0 };
    let sent = 0;
    try {
      await waitFor(() => status()?.state === 'connected' && status()?.device?.model === 'okno-sim', 'the host to open the device and read its HELLO', 15_000);
      for (let cycle = 0; cycle < REPLUGS; cycle += 1) {
        const perCycle = PRESSES / REPLUGS;
        for (let i = 0; i < perCycle; i += 1) {
          simulator.press(1 + ((sent * 7) % 5));
          sent += 1;
          if (i % 3 === 0) {
            const garbage = GARBAGE[(sent / 3) % GARBAGE.length | 0]!;
            simulator.writeRaw(garbage.bytes);
            expectedGarbage[garbage.counter]! += 1;
          }
          if (i === 50) {
            // A megabyte with no newline, then the rest of that line: one overlong line, nothing else lost.
            simulator.writeRaw(Buffer.alloc(1024 * 1024, 0x42));
            simulator.writeRaw('tail of the long line\n');
            expectedGarbage.overlong! += 1;
            // The megabyte must leave the simulator (the host drains it): a write stuck in the port
            // fails here, named, rather than as presses missing a minute later.
            await waitFor(() => simulator.pendingWrites === 0, `the simulator's megabyte to reach the host (cycle ${cycle + 1})`, 60_000);
          }
          if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 2));
        }
        // Generous: on a loaded 2-core machine the host may take a while to drain a megabyte of garbage.
        await waitFor(() => ratingRows().length === sent || undefined, `all ${sent} presses recorded`, 60_000, 200).catch((error: Error) => {
          throw new Error(`${error.message} (recorded ${ratingRows().length}, status ${JSON.stringify(status())})`);
        });

        // Unplug (socat killed), then replug: a new pair at the same path.
        await simulator.close();
        await pair.close();
        await waitFor(() => status()?.state === 'waiting', `the host to see the unplug (cycle ${cycle + 1})`, 15_000);
        pair = await openPtyPair({ hostLink });
        simulator = await startButtonSimulator(systemSerialPorts, pair.devicePath, { onAck: (b) => acks.push(b) });
        await waitFor(() => status()?.state === 'connected' && status()?.counters.connects === cycle + 2, `the host to reconnect (cycle ${cycle + 1})`, 20_000);
      }

      const rows = ratingRows();
      expect(rows).toHaveLength(PRESSES);
      const votes = rows.filter((row) => row.type === 'rating.submitted');
      expect(votes.length).toBeGreaterThan(0);
      expect(rows.filter((row) => row.type === 'rating.suppressed')).toHaveLength(PRESSES - votes.length);
      // The LED is lit exactly for the committed votes, button for button, in order.
      await waitFor(() => acks.length >= votes.length || undefined, 'the LED acknowledgements', 10_000);
      expect(acks).toEqual(votes.map((vote) => vote.button));

      await waitFor(() => status()?.counters.presses === PRESSES || undefined, 'the status file to catch up', 5_000);
      const report = JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as { buttons: ButtonsStatus; ratings: { submitted: number; suppressed: number } };
      expect(report.ratings.submitted + report.ratings.suppressed).toBe(PRESSES);
      expect(report.buttons.state).toBe('connected');
      expect(report.buttons.counters).toMatchObject({
        presses: PRESSES,
        ...expectedGarbage,
        connects: REPLUGS + 1,
        disconnects: REPLUGS,
      });
      expect(serve.child.exitCode).toBeNull();
    } finally {
      await simulator.close();
      await pair.close();
      await serve.stop();
    }
  }, 180_000);
});
