import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCollector } from '../../electron/collector/demoCollector.ts';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import { hashPin } from '../../electron/core/technician/pinHash.ts';
import { startButtonSimulator } from '../../electron/simulators/buttonSimulator.ts';
import { startPrinterSimulator } from '../../electron/simulators/printerSimulator.ts';
import { openPtyPair } from '../../electron/simulators/ptyPair.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startServe, type ServeProcess } from '../helpers/okno.ts';
import { receivedSoFar, recordReceived } from '../helpers/receivedMessages.ts';
import { requireSocat } from '../helpers/socat.ts';
import { E2E_TEST_MS, E2E_WAIT_MS, eventually } from '../helpers/eventually.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * A technician installs a kiosk: the first-run wizard in Chromium with a button box and a printer
 * on real pseudo-terminals and a collector on 127.0.0.1, ending in a kiosk that works; the PIN pad's
 * lockout and technician mode's auto-exit; axe on every technician screen in Russian and English.
 * With OKNO_SCREENSHOT_DIR set, the screenshots of docs/install.md are written there.
 */

const tempDir = useTempDirs();
const PIN = '2468';
let browser: Browser;
let shots: string;
beforeAll(async () => {
  browser = await launchChromium();
  shots = process.env['OKNO_SCREENSHOT_DIR'] ?? tempDir();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** A page in its own context (axe needs one), closed with its context. */
async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

const byId = (page: Page, id: string) => page.getByTestId(id);
const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

async function state(serve: ServeProcess): Promise<KioskState> {
  return (await (await fetch(new URL('/api/state', serve.url))).json()) as KioskState;
}

/** The wizard's "Next", after axe on the step in the language shown (and in Russian too when asked). */
async function next(page: Page, step: string, alsoInRussian = false): Promise<void> {
  await expectNoAxeViolations(page, `wizard step ${step}`);
  if (alsoInRussian) {
    await technicianLanguage(page, 'Русский');
    await expectNoAxeViolations(page, `wizard step ${step}, in Russian`);
    await technicianLanguage(page, 'English');
  }
  await byId(page, 'wizard-next').click();
  // The on-screen keyboard of the step before goes away; the next step's layout is still then.
  await eventually(() => byId(page, 'osk').count()).toBe(0);
}

async function technicianLanguage(page: Page, name: 'English' | 'Русский'): Promise<void> {
  await byId(page, 'technician').getByRole('button', { name }).click();
}

async function enterPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await byId(page, `pin-digit-${digit}`).click();
  await byId(page, 'pin-ok').click();
}

describe('technician mode in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('first run: the whole wizard with a pty button box and a local collector ends in a rating terminal that counts; no secret reaches the page', async () => {
    requireSocat();
    const dir = tempDir();
    const pair = await openPtyPair();
    const box = await startButtonSimulator(systemSerialPorts, pair.devicePath);
    const batches: string[] = [];
    const collector = await startDemoCollector(join(dir, 'collector-data'), 'mfc-w07', (line) => batches.push(line));
    const stick = join(dir, 'usb-stick');
    mkdirSync(stick);
    const configPath = join(dir, 'etc', 'config.json');
    const serve = await startServe(['--config', configPath, '--data-dir', join(dir, 'data')], undefined, { OKNO_EXPORT_DIRS: stick });
    const page = await newPage({ width: 1024, height: 768 });
    await recordReceived(page);
    try {
      expect(serve.output()).toContain('setup wizard');
      await page.goto(serve.url);
      await byId(page, 'wizard-step-mode').waitFor();
      await shoot(page, 'wizard-mode');
      await byId(page, 'mode-rating').check();
      await next(page, 'mode (ru)');

      await byId(page, 'device-id').fill('mfc-w07');
      await byId(page, 'device-office').fill('МФЦ района Тверской');
      await byId(page, 'device-window').fill('7');
      // The on-screen keyboard is up while a field has focus.
      await eventually(() => byId(page, 'osk').count()).toBeGreaterThan(0);
      await shoot(page, 'wizard-device');
      await next(page, 'device (ru)');

      await byId(page, 'buttons-port-other').check();
      await byId(page, 'buttons-path').fill(pair.hostPath);
      await byId(page, 'buttons-path').blur();
      await eventually(() => byId(page, 'buttons-test-state').getAttribute('data-state')).toBe('connected');
      box.press(3);
      await eventually(() => byId(page, 'buttons-press').first().getAttribute('data-button')).toBe('3');
      box.press(5);
      await eventually(() => byId(page, 'buttons-press').count()).toBe(2);
      // The test lights the LED too: the whole loop works.
      await eventually(() => box.acks).toEqual([3, 5]);

      await byId(page, 'osk-hide').click();
      await eventually(() => byId(page, 'osk').count()).toBe(0);
      await byId(page, 'buttons-presses').scrollIntoViewIfNeeded();
      await shoot(page, 'wizard-buttons');

      // A box that speaks its own bytes: its buttons are learned one after another.
      await byId(page, 'buttons-protocol-keymap').check();
      await eventually(() => byId(page, 'buttons-test-state').getAttribute('data-protocol')).toBe('keymap');
      await eventually(() => byId(page, 'buttons-test-state').getAttribute('data-state')).toBe('connected');
      await byId(page, 'buttons-learn').click();
      for (let button = 1; button <= 5; button += 1) {
        await eventually(async () => {
          const view = (await state(serve)).technician;
          return view.phase === 'open' ? view.buttonTest?.learning : null;
        }).toBe(button);
        await eventually(() => byId(page, 'buttons-learn-prompt').textContent()).toContain(String(button));
        if (button === 1) await expectNoAxeViolations(page, 'learning the buttons (ru)');
        box.writeRaw(Buffer.from([0x1b, 0x5b, 0x30 + button, 0x7e]));
      }
      await eventually(() => byId(page, 'buttons-keymap-5').textContent()).toContain('1b5b357e');
      expect(await byId(page, 'buttons-keymap-1').textContent()).toContain('1b5b317e');
      await byId(page, 'buttons-protocol-okno').check();
      await eventually(() => byId(page, 'buttons-test-state').getAttribute('data-protocol')).toBe('okno-buttons/1');
      await eventually(() => byId(page, 'buttons-test-state').getAttribute('data-state')).toBe('connected');
      await next(page, 'buttons (ru)');
      // No queue server: the terminal works on its own, as before the office hub.
      await next(page, 'hub (ru)');

      await byId(page, 'sync-endpoint').fill(collector.url);
      await byId(page, 'sync-token').fill(collector.token);
      await byId(page, 'sync-test').click();
      await eventually(() => byId(page, 'sync-test-result').getAttribute('data-auth')).toBe('ok');
      expect(await byId(page, 'sync-test-result').getAttribute('data-health')).toBe('ok');
      await shoot(page, 'wizard-sync');
      await next(page, 'sync (ru)');

      await byId(page, 'pin-new').fill(PIN);
      await byId(page, 'pin-again').fill(PIN);
      await next(page, 'pin (ru)');

      await byId(page, 'review-summary').waitFor();
      await expectNoAxeViolations(page, 'wizard step review (ru)');
      await shoot(page, 'wizard-review');
      await byId(page, 'wizard-save').click();

      // The kiosk runs with the new config, and a press on the box is a vote that reaches the collector.
      await eventually(async () => (await state(serve)).technician.phase).toBe('closed');
      expect((await state(serve)).device).toEqual({ id: 'mfc-w07', office: 'МФЦ района Тверской', window: '7', mode: 'rating' });
      await eventually(() => page.getByTestId('technician').count()).toBe(0);
      await box.hostAsked;
      box.press(4);
      await eventually(() => box.acks.at(-1)).toBe(4);
      await eventually(() => batches.join('\n')).toMatch(/mfc-w07/);
      const saved = JSON.parse(readFileSync(configPath, 'utf8')) as { sync: { token: string }; technician: { pinHash: string }; buttons: { path: string } };
      expect(saved.buttons.path).toBe(pair.hostPath);
      expect(saved.sync.token).toBe(collector.token);

      // Back in: the key combination, the PIN pad, home, diagnostics and the export to the stick.
      await page.keyboard.press('Control+Alt+Shift+KeyO');
      await byId(page, 'pin-pad').waitFor();
      await expectNoAxeViolations(page, 'PIN pad (ru)');
      await shoot(page, 'pin-pad');
      await enterPin(page, PIN);
      await byId(page, 'technician-home').waitFor();
      await expectNoAxeViolations(page, 'technician home (ru)');
      await byId(page, 'home-diagnostics').click();
      await byId(page, 'diagnostics-log').waitFor();
      await eventually(() => byId(page, 'diagnostics-log').textContent()).toContain('technician mode opened');
      // The kiosk kept its box while technician mode is open: diagnostics show it live, in the screen's language.
      await eventually(() => byId(page, 'diagnostics-section-buttons').textContent()).toContain('Подключён');
      await expectNoAxeViolations(page, 'diagnostics (ru)');
      await shoot(page, 'diagnostics');
      await byId(page, 'diagnostics-export').click();
      const target = page.locator(`[data-testid="export-target"][data-path="${stick}"]`);
      expect(await target.textContent()).toContain('Папка');
      await target.click();
      await byId(page, 'export-result').waitFor();
      await eventually(() => readdirSync(stick).filter((file) => file.endsWith('.zip')).length).toBe(1);
      await expectNoAxeViolations(page, 'diagnostics export (ru)');

      // The saved settings show the secrets as "set", never their values.
      await byId(page, 'diagnostics-back').click();
      await byId(page, 'home-setup').click();
      await byId(page, 'wizard-step-mode').waitFor();
      await next(page, 'mode, set up (ru)');
      await byId(page, 'device-id').fill('mfc-w08');
      await next(page, 'device, set up (ru)');
      await next(page, 'buttons, set up (ru)');
      await next(page, 'hub, set up (ru)');
      await byId(page, 'sync-token-status').waitFor();
      expect(await byId(page, 'sync-token-status').getAttribute('class')).toContain('secret--set');
      expect(await byId(page, 'sync-token').inputValue()).toBe('');
      // Another collector address: the saved token does not go there, and the step asks for it again.
      const savedEndpoint = await byId(page, 'sync-endpoint').inputValue();
      await byId(page, 'sync-endpoint').fill('https://collector.elsewhere.example/');
      await byId(page, 'sync-token-again').waitFor();
      expect(await byId(page, 'sync-test').isDisabled()).toBe(true);
      await expectNoAxeViolations(page, 'sync, another address (ru)');
      await byId(page, 'sync-endpoint').fill(savedEndpoint);
      await byId(page, 'sync-token-again').waitFor({ state: 'detached' });
      await next(page, 'sync, set up (ru)');
      await next(page, 'pin, set up (ru)');
      // A new device id is said out loud: unsent events will go as the new one.
      await eventually(() => byId(page, 'review-id-change').textContent()).toContain('mfc-w08');
      await expectNoAxeViolations(page, 'review with a device id change (ru)');

      const received = (await receivedSoFar(page)).join('\n');
      expect(received.length).toBeGreaterThan(1000);
      expect(received).toContain('"technician"');
      expect(received).not.toContain(collector.token);
      expect(received).not.toContain(saved.technician.pinHash);
      expect(received).not.toContain(saved.technician.pinHash.split('$')[5]);
    } finally {
      await page.context().close();
      await serve.stop();
      await box.close();
      await pair.close();
      await collector.close();
    }
  });

  it('first run in English: a ticket dispenser with a test print on a pty printer and one service, then a ticket comes out', async () => {
    requireSocat();
    const dir = tempDir();
    const pair = await openPtyPair();
    const printer = await startPrinterSimulator(systemSerialPorts, pair.devicePath);
    const configPath = join(dir, 'config.json');
    const serve = await startServe(['--config', configPath, '--data-dir', join(dir, 'data')]);
    const page = await newPage({ width: 1080, height: 1920 });
    try {
      await page.goto(serve.url);
      await byId(page, 'wizard-step-mode').waitFor();
      await technicianLanguage(page, 'English');
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await byId(page, 'mode-tickets').check();
      await next(page, 'mode (en)', true);

      await byId(page, 'device-id').fill('mfc-hall-1');
      await byId(page, 'device-office').fill('Tverskoy service centre');
      await byId(page, 'device-window').fill('hall 1');
      await next(page, 'device (en)', true);

      await byId(page, 'printer-port-other').check();
      await byId(page, 'printer-path').fill(pair.hostPath);
      await byId(page, 'printer-test').click();
      await eventually(() => page.locator('[data-testid="printer-test-result"] [data-outcome]').getAttribute('data-outcome')).toBe('printed');
      await eventually(() => printer.text()).toContain('тестовая печать');
      await shoot(page, 'wizard-printer');
      await next(page, 'printer (en)', true);

      await byId(page, 'services-add').click();
      await byId(page, 'service-id-1').fill('passport');
      await byId(page, 'service-prefix-1').fill('П');
      await byId(page, 'service-name-ru-1').fill('Паспорт');
      await byId(page, 'service-name-en-1').fill('Passport');
      await byId(page, 'service-from-1').fill('1');
      await byId(page, 'service-to-1').fill('499');
      await next(page, 'services (en)', true);

      await byId(page, 'buttons-port-none').check();
      await next(page, 'buttons (en)', true);
      await next(page, 'hub (en)', true);
      await next(page, 'sync (en)', true);
      await byId(page, 'pin-new').fill(PIN);
      await byId(page, 'pin-again').fill(PIN);
      await next(page, 'pin (en)', true);
      await byId(page, 'review-summary').waitFor();
      await expectNoAxeViolations(page, 'wizard step review (en)');
      await byId(page, 'wizard-save').click();

      await eventually(async () => (await state(serve)).device.mode).toBe('tickets');
      await page.getByRole('button', { name: /Паспорт|Passport/ }).first().click();
      await eventually(() => printer.text()).toContain('П-001');

      // The technician screens after setup, in English.
      await page.keyboard.press('Control+Alt+Shift+KeyO');
      await byId(page, 'pin-pad').waitFor();
      await enterPin(page, PIN);
      await byId(page, 'technician-home').waitFor();
      await technicianLanguage(page, 'English');
      await expectNoAxeViolations(page, 'technician home (en)');
      await byId(page, 'home-diagnostics').click();
      await byId(page, 'diagnostics-log').waitFor();
      await expectNoAxeViolations(page, 'diagnostics (en)');
      await byId(page, 'diagnostics-export').click();
      await byId(page, 'export-target').first().waitFor();
      await expectNoAxeViolations(page, 'diagnostics export (en)');
      await byId(page, 'export-close').click();
      await byId(page, 'diagnostics-back').click();
      await byId(page, 'home-exit').click();
      await eventually(async () => (await state(serve)).technician.phase).toBe('closed');
    } finally {
      await page.context().close();
      await serve.stop();
      await printer.close();
      await pair.close();
    }
  });

  it('five wrong PINs lock the PIN pad for five minutes, across a restart of the host', async () => {
    const dir = tempDir();
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ device: { id: 'mfc-w09', office: 'МФЦ', window: '9' }, technician: { pinHash: await hashPin(PIN) } }));
    const dataDir = join(dir, 'data');
    let serve = await startServe(['--config', configPath, '--data-dir', dataDir]);
    const page = await newPage({ width: 800, height: 480 });
    try {
      await page.goto(serve.url);
      // The PIN pad speaks the kiosk's language: English here, Russian in the first test.
      await page.getByRole('button', { name: 'English' }).click();
      await page.keyboard.press('Control+Alt+Shift+KeyO');
      await byId(page, 'pin-pad').waitFor();
      await expectNoAxeViolations(page, 'PIN pad (en)');
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        await enterPin(page, '1111');
        await eventually(() => byId(page, 'pin-message').textContent()).toContain(String(5 - attempt));
      }
      await enterPin(page, '1111');
      await eventually(async () => {
        const view = (await state(serve)).technician;
        return view.phase === 'pin' ? view.lockedUntil : null;
      }).not.toBeNull();
      await eventually(() => byId(page, 'pin-digit-1').isDisabled()).toBe(true);
      await expectNoAxeViolations(page, 'PIN pad, locked (en)');

      await serve.stop();
      serve = await startServe(['--config', configPath, '--data-dir', dataDir]);
      await page.goto(serve.url);
      // The kiosk is on screen (its keys are listened to) once its language switch is.
      await page.getByRole('button', { name: 'English' }).waitFor();
      await page.keyboard.press('Control+Alt+Shift+KeyO');
      await byId(page, 'pin-pad').waitFor();
      await eventually(() => byId(page, 'pin-digit-1').isDisabled()).toBe(true);
      const view = (await state(serve)).technician;
      expect(view.phase === 'pin' && view.attemptsLeft).toBe(0);
      const refusals = await fetch(new URL('/api/enterPin', serve.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: PIN }) });
      expect(await refusals.json()).toMatchObject({ ok: false, error: { code: 'pin-locked' } });
    } finally {
      await page.context().close();
      await serve.stop();
    }
  });

  it('the corner held for 5 s opens the PIN pad, and technician mode leaves by itself when left untouched', async () => {
    const dir = tempDir();
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ device: { id: 'mfc-w10', office: 'МФЦ', window: '10' }, technician: { pinHash: await hashPin(PIN), idleSeconds: 30 } }));
    const serve = await startServe(['--config', configPath, '--data-dir', join(dir, 'data')]);
    const page = await newPage({ width: 800, height: 480 });
    try {
      await page.goto(serve.url);
      await eventually(() => page.getByRole('button').count()).toBeGreaterThan(0);
      // A short tap in the corner is nothing.
      await page.mouse.move(800 - 20, 20);
      await page.mouse.down();
      // The length of the gesture (well under the 5 s), not a wait for anything.
      await page.waitForTimeout(1_000);
      await page.mouse.up();
      expect((await state(serve)).technician.phase).toBe('closed');
      // Held until the PIN pad opens (however slow the machine), and not before 5 s of holding.
      const heldFrom = Date.now();
      await page.mouse.down();
      await byId(page, 'pin-pad').waitFor();
      expect(Date.now() - heldFrom).toBeGreaterThanOrEqual(5_000);
      await page.mouse.up();
      await enterPin(page, PIN);
      await byId(page, 'technician-home').waitFor();
      expect(await byId(page, 'technician-idle-note').textContent()).toMatch(/30/);
      // 30 s without a touch: back to the rating screen.
      await eventually(async () => (await state(serve)).technician.phase, 30_000 + E2E_WAIT_MS).toBe('closed');
      await eventually(() => byId(page, 'technician').count()).toBe(0);
      expect(existsSync(join(dir, 'data', 'logs', 'okno.log'))).toBe(true);
      expect(readFileSync(join(dir, 'data', 'logs', 'okno.log'), 'utf8')).toContain('"reason":"idle"');
    } finally {
      await page.context().close();
      await serve.stop();
    }
  });
});
