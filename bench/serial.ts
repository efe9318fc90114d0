/**
 * Serial press figures: from a line written on the device side of a real pty (socat) to the vote
 * committed in the core, and to the thank-you screen painted in Chromium. The core runs on a
 * time-lapse clock so every press is a new visit; the serial line, the journal and the browser are real.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost } from '../electron/browserHost/browserHost.ts';
import { startDevice } from '../electron/core/device/device.ts';
import { systemSerialPorts } from '../electron/core/serial/serialPort.ts';
import { packageRoot } from '../electron/core/version.ts';
import { startButtonSimulator } from '../electron/simulators/buttonSimulator.ts';
import { openPtyPair } from '../electron/simulators/ptyPair.ts';
import { launchChromium } from '../tests/helpers/chromium.ts';
import { ms, percentile } from './stats.ts';
import { timeLapse } from './timeLapse.ts';

type Report = (name: string, value: string) => void;

const epochNow = (): number => performance.timeOrigin + performance.now();

async function session(work: string, name: string, factor: number) {
  const pair = await openPtyPair();
  const configPath = join(work, `${name}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({ device: { id: `bench-${name}`, office: 'Bench', window: '5' }, rating: { followUp: { enabled: false } }, buttons: { path: pair.hostPath, debounceMs: 0 } }),
  );
  const lapse = timeLapse(factor);
  const device = await startDevice({ configPath, dataDir: join(work, name), clock: lapse, scheduler: lapse });
  const simulator = await startButtonSimulator(systemSerialPorts, pair.devicePath);
  await simulator.hostAsked;
  return {
    device,
    simulator,
    async close() {
      await device.close();
      await simulator.close();
      await pair.close();
    },
  };
}

export async function benchSerial(work: string, presses: number, report: Report): Promise<void> {
  // 1. press on the pty → vote committed (the thank-you state is published only after the commit).
  {
    const s = await session(work, 'serial-committed', 10_000);
    const samples: number[] = [];
    try {
      for (let i = 0; i < presses; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 2)); // > the time-lapsed cooldown
        const committed = new Promise<number>((resolve) => {
          const unsubscribe = s.device.subscribe((event) => {
            if (event.state.session.phase === 'thanks') {
              unsubscribe();
              resolve(performance.now());
            }
          });
        });
        const t0 = performance.now();
        s.simulator.press(1 + (i % 5));
        samples.push((await committed) - t0);
      }
    } finally {
      await s.close();
    }
    report(`serial press → committed p50 (${presses} presses)`, ms(percentile(samples, 50)));
    report(`serial press → committed p99 (${presses} presses)`, ms(percentile(samples, 99)));
  }

  // 2. press on the pty → thank-you painted in Chromium.
  {
    const s = await session(work, 'serial-painted', 100);
    const host = await startBrowserHost({ core: s.device, rendererDir: join(packageRoot(), 'dist', 'renderer') });
    const browser = await launchChromium();
    const samples: number[] = [];
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(host.url);
      await page.locator('.screen--idle').waitFor();
      await page.evaluate(() => {
        const times: number[] = [];
        (window as unknown as { okBenchTimes: number[] }).okBenchTimes = times;
        let shown = false;
        new MutationObserver(() => {
          const now = document.querySelector('.screen--thanks-voted') !== null;
          if (now && !shown) requestAnimationFrame(() => setTimeout(() => times.push(performance.timeOrigin + performance.now()), 0));
          shown = now;
        }).observe(document.body, { childList: true, subtree: true });
      });
      for (let i = 0; i < presses; i += 1) {
        await page.locator('.screen--idle').waitFor();
        await new Promise((resolve) => setTimeout(resolve, 110)); // past the time-lapsed 10 s cooldown
        const t0 = epochNow();
        s.simulator.press(1 + (i % 5));
        await page.waitForFunction((n) => (window as unknown as { okBenchTimes: number[] }).okBenchTimes.length >= n, i + 1, { timeout: 5_000 });
        const painted = await page.evaluate((n) => (window as unknown as { okBenchTimes: number[] }).okBenchTimes[n] ?? Number.NaN, i);
        samples.push(painted - t0);
      }
    } finally {
      await browser.close();
      await host.close();
      await s.close();
    }
    report(`serial press → thank-you painted p50 (${presses} presses)`, ms(percentile(samples, 50)));
    report(`serial press → thank-you painted p99 (${presses} presses)`, ms(percentile(samples, 99)));
  }
}
