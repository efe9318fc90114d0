import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../electron/hub/hub.ts';
import { parseHubConfig } from '../../electron/hub/hubConfigFile.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { startServe, type ServeProcess } from '../helpers/okno.ts';
import { receivedSoFar, recordReceived } from '../helpers/receivedMessages.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { officeConfig, tokenOf } from '../integration/hub/hubFixtures.ts';

/**
 * The wizard's queue server (office hub) step in Chromium against a REAL hub (startHub, in this
 * process, on 127.0.0.1): a hall board's first run — a refused token said so, the certificate's
 * fingerprint shown as the hub has it and trusted, saved, connected, and connected again after a
 * restart; then the hub's certificate made again: the step warns and replaces the trusted one only on
 * confirm. axe on the step in ru and en, at the technician tests' kiosk sizes.
 */

const tempDir = useTempDirs();
const PIN = '2468';
const DEVICE = 'hall-board';
const TOKEN = tokenOf(DEVICE);
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const byId = (page: Page, id: string) => page.getByTestId(id);
/** With OKNO_SCREENSHOT_DIR set, the step's screenshots are written there (for docs/install.md). */
async function shoot(page: Page, name: string, show: string): Promise<void> {
  const shots = process.env['OKNO_SCREENSHOT_DIR'];
  if (!shots) return;
  await byId(page, show).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

async function state(serve: ServeProcess): Promise<KioskState> {
  return (await (await fetch(new URL('/api/state', serve.url))).json()) as KioskState;
}
const hubLink = async (serve: ServeProcess): Promise<string | null> => (await state(serve)).hall?.connection.state ?? null;

/** The wizard's "Next"; the on-screen keyboard of the step before goes away. */
async function next(page: Page): Promise<void> {
  await byId(page, 'wizard-next').click();
  await eventually(() => byId(page, 'osk').count()).toBe(0);
}

async function technicianLanguage(page: Page, name: 'English' | 'Русский'): Promise<void> {
  await byId(page, 'technician').getByRole('button', { name }).click();
}

/** The fingerprint on the screen, its groups joined as `okno hub fingerprint` prints it. */
const shownFingerprint = async (page: Page, id: string): Promise<string> => (await byId(page, id).locator('.fingerprint__group').allTextContents()).join(':');

/** The review's short form: the first and the last four pairs. */
const shortForm = (fingerprint: string): string => `${fingerprint.split(':').slice(0, 4).join(':')} … ${fingerprint.split(':').slice(28).join(':')}`;

/** axe on the hub step in both languages; the screen is left in English. */
async function axeBoth(page: Page, screen: string): Promise<void> {
  await technicianLanguage(page, 'Русский');
  await expectNoAxeViolations(page, `${screen} (ru)`);
  await technicianLanguage(page, 'English');
  await expectNoAxeViolations(page, `${screen} (en)`);
}

describe('technician wizard: the queue server step against a real hub', { timeout: E2E_TEST_MS }, () => {
  it('a hall board: a refused token, the certificate trusted, saved and connected across a restart; a re-made certificate is warned of and replaced on confirm', async () => {
    const dir = tempDir();
    const hubConfig = parseHubConfig(await officeConfig(2), 'test');
    let hub: Hub = await startHub({ config: hubConfig, dataDir: join(dir, 'hub-a') });
    const configPath = join(dir, 'config.json');
    const dataDir = join(dir, 'data');
    let serve = await startServe(['--config', configPath, '--data-dir', dataDir]);
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await recordReceived(page);
    try {
      await page.goto(serve.url);
      await byId(page, 'wizard-step-mode').waitFor();
      await byId(page, 'mode-hall').check();
      await next(page);
      await byId(page, 'device-id').fill(DEVICE);
      await byId(page, 'device-office').fill('МФЦ района Тверской');
      await byId(page, 'device-window').fill('1');
      await next(page);

      // A hall board cannot go on without a hub.
      await byId(page, 'wizard-step-hub').waitFor();
      await byId(page, 'wizard-next').click();
      await eventually(() => byId(page, 'wizard-problems').textContent()).toContain('Пульту оператора и табло в зале нужен адрес сервера очереди');
      await axeBoth(page, 'hub step, empty');

      // A token the hub does not know: reached, the certificate shown, the token refused.
      // The address half by the on-screen keyboard (it is up while the field has focus), the rest typed.
      await byId(page, 'hub-url').fill(hub.url.slice(0, -2));
      await eventually(() => byId(page, 'osk').count()).toBeGreaterThan(0);
      for (const key of hub.url.slice(-2)) await byId(page, `osk-key-${key}`).click();
      expect(await byId(page, 'hub-url').inputValue()).toBe(hub.url);
      await byId(page, 'hub-token').fill('not-the-hall-board-token-0000');
      // The keyboard alone: past "Show" to "Test the connection".
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('hub-test');
      await page.keyboard.press('Enter');
      await eventually(() => byId(page, 'hub-test-result').getAttribute('data-auth')).toBe('refused');
      expect(await byId(page, 'hub-test-result').getAttribute('data-reachable')).toBe('true');
      expect(await byId(page, 'hub-phrase-auth-refused').textContent()).toContain('The token is refused');
      expect(await shownFingerprint(page, 'hub-fingerprint')).toBe(hub.fingerprint);
      await technicianLanguage(page, 'Русский');
      expect(await byId(page, 'hub-phrase-auth-refused').textContent()).toContain('Токен отклонён');
      await expectNoAxeViolations(page, 'hub step, token refused (ru)');
      await technicianLanguage(page, 'English');

      // The right token: accepted; the fingerprint is the hub's, group by group.
      await byId(page, 'hub-token').fill(TOKEN);
      await byId(page, 'hub-test').click();
      await eventually(() => byId(page, 'hub-test-result').getAttribute('data-auth')).toBe('ok');
      expect(await byId(page, 'hub-phrase-reach-ok').textContent()).toContain('The queue server answers');
      expect(await byId(page, 'hub-fingerprint').getAttribute('data-fingerprint')).toBe(hub.fingerprint);
      expect(await byId(page, 'hub-fingerprint').locator('.fingerprint__group').count()).toBe(8);
      expect(await shownFingerprint(page, 'hub-fingerprint')).toBe(hub.fingerprint);

      // Not trusted yet: the step is not done.
      await byId(page, 'wizard-next').click();
      await eventually(() => byId(page, 'wizard-problems').textContent()).toContain("trust the queue server's certificate");
      await byId(page, 'hub-trust').click();
      await byId(page, 'hub-trusted').waitFor();
      await axeBoth(page, 'hub step, trusted');
      await shoot(page, 'wizard-hub', 'hub-trusted');
      for (const viewport of [
        { width: 800, height: 480 },
        { width: 1080, height: 1920 },
      ]) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `hub step, trusted, at ${viewport.width}×${viewport.height} (en)`);
      }
      await page.setViewportSize({ width: 1024, height: 768 });
      await next(page);

      await byId(page, 'wizard-step-sync').waitFor();
      await next(page);
      await byId(page, 'pin-new').fill(PIN);
      await byId(page, 'pin-again').fill(PIN);
      await next(page);

      // The review: the host, the short fingerprint, a token set; never the token.
      await byId(page, 'review-summary').waitFor();
      expect(await byId(page, 'review-hub').textContent()).toBe(`127.0.0.1:${hub.port}`);
      expect(await byId(page, 'review-hub-fingerprint').textContent()).toBe(shortForm(hub.fingerprint));
      expect(await byId(page, 'review-hub-token').textContent()).toBe('new');
      expect(await byId(page, 'review-summary').textContent()).not.toContain(TOKEN);
      await axeBoth(page, 'review with a hub');
      await byId(page, 'wizard-save').click();

      // Saved with the token (in the config file, as the core keeps secrets) and the pinned certificate; the board connects.
      await eventually(async () => (await state(serve)).technician.phase).toBe('closed');
      const saved = JSON.parse(readFileSync(configPath, 'utf8')) as { device: { mode: string }; hub: { url: string; token: string; fingerprint: string } };
      expect(saved.device.mode).toBe('hall');
      expect(saved.hub).toEqual({ url: hub.url, token: TOKEN, fingerprint: hub.fingerprint });
      await eventually(() => hubLink(serve)).toBe('connected');
      expect((await receivedSoFar(page)).join('\n')).not.toContain(TOKEN);

      // After a restart the board's link is connected again, from the saved config alone.
      await serve.stop();
      serve = await startServe(['--config', configPath, '--data-dir', dataDir]);
      await eventually(() => hubLink(serve)).toBe('connected');
      await page.goto(serve.url);

      // The hub's certificate is made again (a new data directory, the same address): the link refuses it…
      const { port } = hub;
      const first = hub.fingerprint;
      await hub.close();
      hub = await startHub({ config: hubConfig, dataDir: join(dir, 'hub-b'), port });
      expect(hub.fingerprint).not.toBe(first);
      await eventually(() => hubLink(serve)).toBe('refused');

      // …and the step shows it as a warning: the saved token (never shown) is used for the test at its own address.
      await page.keyboard.press('Control+Alt+Shift+KeyO');
      await byId(page, 'pin-pad').waitFor();
      for (const digit of PIN) await byId(page, `pin-digit-${digit}`).click();
      await byId(page, 'pin-ok').click();
      await byId(page, 'home-setup').click();
      await byId(page, 'wizard-step-mode').waitFor();
      await next(page);
      await next(page);
      await byId(page, 'wizard-step-hub').waitFor();
      expect(await byId(page, 'hub-token-status').getAttribute('class')).toContain('secret--set');
      expect(await byId(page, 'hub-token').inputValue()).toBe('');
      expect(await shownFingerprint(page, 'hub-trusted-fingerprint')).toBe(first);
      await byId(page, 'hub-test').click();
      await byId(page, 'hub-fingerprint-changed').waitFor();
      expect(await byId(page, 'hub-test-result').getAttribute('data-auth')).toBe('ok');
      expect(await shownFingerprint(page, 'hub-fingerprint')).toBe(hub.fingerprint);
      expect(await shownFingerprint(page, 'hub-fingerprint-before')).toBe(first);
      expect(await byId(page, 'hub-trust').count()).toBe(0);
      await axeBoth(page, 'hub step, another certificate');
      await shoot(page, 'wizard-hub-changed', 'hub-replace');

      // Replacing it takes a confirmation; cancelling keeps the trusted one.
      await byId(page, 'hub-replace').click();
      await byId(page, 'hub-replace-question').waitFor();
      await expectNoAxeViolations(page, 'hub step, confirm the new certificate (en)');
      await shoot(page, 'wizard-hub-confirm', 'hub-replace-confirm');
      await byId(page, 'hub-replace-cancel').click();
      expect(await shownFingerprint(page, 'hub-fingerprint-before')).toBe(first);
      await byId(page, 'hub-replace').click();
      await byId(page, 'hub-replace-confirm').click();
      await byId(page, 'hub-trusted').waitFor();
      expect(await byId(page, 'hub-fingerprint-changed').count()).toBe(0);
      await next(page);
      await next(page);
      await next(page);
      await byId(page, 'review-summary').waitFor();
      expect(await byId(page, 'review-hub-fingerprint').textContent()).toBe(shortForm(hub.fingerprint));
      expect(await byId(page, 'review-hub-token').textContent()).toBe('unchanged');
      await byId(page, 'wizard-save').click();
      await byId(page, 'wizard-saved').waitFor();
      await byId(page, 'start-kiosk').click();
      await eventually(async () => (await state(serve)).technician.phase).toBe('closed');
      expect((JSON.parse(readFileSync(configPath, 'utf8')) as { hub: unknown }).hub).toEqual({ url: hub.url, token: TOKEN, fingerprint: hub.fingerprint });
      await eventually(() => hubLink(serve)).toBe('connected');
    } finally {
      await context.close();
      await serve.stop();
      await hub.close();
    }
  });
});
