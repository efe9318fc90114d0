import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import { startPrinterSimulator } from '../../electron/simulators/printerSimulator.ts';
import { openPtyPair } from '../../electron/simulators/ptyPair.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startServe } from '../helpers/okno.ts';
import { requireSocat } from '../helpers/socat.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('ticket dispenser with a printer, in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('tap a service → the ticket screen → the printer received the ticket (CP866); paper out → "note your number"', async () => {
    requireSocat();
    const dir = tempDir();
    const pair = await openPtyPair();
    const printer = await startPrinterSimulator(systemSerialPorts, pair.devicePath);
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        device: { id: 'e2e-hall', office: 'МФЦ района Тверской', window: 'зал 1', mode: 'tickets' },
        // The longest the config allows: a bound for a silent printer, never a wait (this one answers).
        printer: { path: pair.hostPath, statusTimeoutMs: 5_000 },
        queue: {
          services: [
            { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' }, bring: { ru: 'Старый паспорт', en: 'Old passport' } },
            { id: 'snils', prefix: 'С', range: [1, 499], name: { ru: 'СНИЛС', en: 'SNILS' } },
          ],
        },
      }),
    );
    const serve = await startServe(['--config', config, '--data-dir', join(dir, 'data')]);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    try {
      await page.goto(serve.url);
      await page.getByRole('button', { name: /Паспорт/ }).first().click();
      await eventually(() => page.getByText('П-001', { exact: true }).count()).toBeGreaterThan(0);
      await eventually(() => printer.text()).toContain('П-001');
      expect(printer.text()).toContain('Паспорт');
      expect(printer.received().includes(Buffer.from([0x8f, 0xa0, 0xe1, 0xaf, 0xae, 0xe0, 0xe2]))).toBe(true);

      printer.set({ paperOut: true });
      await page.getByRole('button', { name: /Готово|Done/ }).click();
      await page.getByRole('button', { name: /СНИЛС/ }).first().click();
      await eventually(() => page.getByText('С-001', { exact: true }).count()).toBeGreaterThan(0);
      await eventually(() => page.getByText(/запомните|note/i).count()).toBeGreaterThan(0);
      expect(printer.text()).not.toContain('С-001');
    } finally {
      await page.close();
      await serve.stop();
      await printer.close();
      await pair.close();
    }
  });
});
