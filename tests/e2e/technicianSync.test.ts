import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../electron/core/technician/pinHash.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { startFaultProxy } from '../helpers/faultProxy.ts';
import { runOkno, startServe } from '../helpers/okno.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { COLLECTOR_READY, DEVICE_ID, DEVICE_TOKEN, spawnOkno, writeDevicesFile } from '../integration/sync/syncFixtures.ts';

/**
 * The diagnostics screen and the sync outbox (issue #11, defect 2) in Chromium: a batch the collector
 * refused by name shows as such, and "Send refused batches again" sends it once; axe in both languages.
 */
const tempDir = useTempDirs();
const PIN = '2468';
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const byId = (page: Page, id: string) => page.getByTestId(id);
const quarantined = (dataDir: string): number =>
  (JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as { sync: { quarantinedBatches: number } }).sync.quarantinedBatches;

describe('technician mode: refused sync batches', { timeout: E2E_TEST_MS }, () => {
  it('the diagnostics screen shows a quarantined batch and sends it again once', async () => {
    const dir = tempDir();
    const collector = await spawnOkno(['collector', '--db', join(dir, 'collector.db'), '--devices', writeDevicesFile(dir), '--port', '0', '--quiet'], COLLECTOR_READY);
    const proxy = await startFaultProxy(collector.url);
    // The first batch (device.started and the first device.status) is refused by name: it is quarantined, not retried.
    proxy.failNext({ kind: 'status', status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid-batch","reason":"refused by the test"}' }, 1);
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        device: { id: DEVICE_ID, office: 'МФЦ', window: '5' },
        sync: { endpoint: proxy.url, token: DEVICE_TOKEN, intervalSeconds: 1, backoffMinSeconds: 0.02, backoffMaxSeconds: 0.25 },
        technician: { pinHash: await hashPin(PIN) },
      }),
    );
    const dataDir = join(dir, 'data');
    const serve = await startServe(['--config', configPath, '--data-dir', dataDir]);
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    try {
      await eventually(() => quarantined(dataDir)).toBe(1);
      await page.goto(serve.url);
      await page.getByRole('button', { name: 'English' }).waitFor();
      await page.keyboard.press('Control+Alt+Shift+KeyO');
      await byId(page, 'pin-pad').waitFor();
      for (const digit of PIN) await byId(page, `pin-digit-${digit}`).click();
      await byId(page, 'pin-ok').click();
      await byId(page, 'home-diagnostics').click();
      await eventually(() => byId(page, 'diagnostics-sync-quarantined').textContent()).toContain('1 пакет (2 события), хранится на устройстве');
      await expectNoAxeViolations(page, 'diagnostics with a refused batch (ru)');
      await byId(page, 'technician').getByRole('button', { name: 'English' }).click();
      await eventually(() => byId(page, 'diagnostics-sync-quarantined').textContent()).toContain('1 batch (2 events), kept on this device');
      await expectNoAxeViolations(page, 'diagnostics with a refused batch (en)');

      await byId(page, 'diagnostics-requeue').click();
      await eventually(() => byId(page, 'requeue-result').textContent()).toContain('1 batch will be sent again (2 events)');
      await eventually(() => quarantined(dataDir)).toBe(0);
      await byId(page, 'diagnostics-refresh').click();
      await eventually(() => byId(page, 'diagnostics-sync-quarantined').textContent()).toBe('none');
      expect(await byId(page, 'diagnostics-requeue').count()).toBe(0);
      await expectNoAxeViolations(page, 'diagnostics after the requeue (en)');
    } finally {
      await page.context().close();
      await serve.stop();
      await proxy.close();
      await collector.stop();
    }
  });
});
