import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemSerialPorts } from '../../electron/core/serial/serialPort.ts';
import { startButtonSimulator } from '../../electron/simulators/buttonSimulator.ts';
import { openPtyPair } from '../../electron/simulators/ptyPair.ts';
import { expectCitizenAudit as audit } from '../helpers/a11yAudit.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { FakeVisitHub } from '../helpers/fakeVisitHub.ts';
import { requireSocat } from '../helpers/socat.ts';
import { openSpeakingKiosk, saidWith } from '../helpers/speakingKiosk.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The ticket dispenser without sight, end to end (issue #15, items 5 and 8): a real pseudo-terminal
 * button box (socat) whose speech keys are not the defaults, the real bundled voice, the built page in
 * Chromium. The box's speech button alone turns speech mode on; next / choose on the box take a ticket
 * of the chosen service; the page asks the core to say the menu with the box's own button numbers, each
 * item, and the ticket in words with the people ahead and the hint, and plays it; back at its start
 * speech mode is off. The screens pass axe and the item-7 audits with speech mode on.
 */

const tempDir = useTempDirs();
let browser: Browser;
beforeAll(async () => {
  requireSocat();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// Not the defaults (1 previous, 2 next, 3 choose, 4 repeat): the page must say the box's own numbers.
const SPEECH_BUTTON = 1;
const KEYS = { previous: 4, next: 6, choose: 5, repeat: 3 };

const config = (hostLink: string) => ({
  device: { id: 'e2e-speech-hall', office: 'МФЦ района Тверской', window: 'зал', mode: 'tickets', timezone: 'Europe/Moscow' },
  queue: {
    services: [
      { id: 'snils', prefix: 'С', range: [1, 499], name: { ru: 'СНИЛС', en: 'SNILS' } },
      { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } },
    ],
    hint: { ru: 'Ожидайте вызова на табло в зале', en: 'Wait for your number on the hall display' },
    // × speech.timeoutFactor (3): 24 s in speech mode, time to say the whole ticket (about 15 s) before the menu comes back.
    ticketSeconds: 8,
  },
  // debounceMs 0: the test presses faster than a finger.
  buttons: { path: hostLink, debounceMs: 0, serviceButton: 9, speechButton: SPEECH_BUTTON, speechKeys: KEYS },
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });


describe('ticket dispenser in speech mode with the button box alone (real pty, real voice, Chromium)', { timeout: E2E_TEST_MS }, () => {
  it('the speech button turns it on, next and choose take a ticket of the chosen service, all said and played; back at the menu it is off', async () => {
    const dir = tempDir();
    const hostLink = join(dir, 'ttyBUTTONS');
    const pair = await openPtyPair({ hostLink });
    const box = await startButtonSimulator(systemSerialPorts, pair.devicePath);
    const hub = new FakeVisitHub();
    hub.aheadAnswer = { serviceId: 'passport', ahead: 4, estimateMinutes: 15 };
    const kiosk = await openSpeakingKiosk({ browser, dir, config: config(hostLink), hub });
    const { page } = kiosk;
    try {
      await eventually(() => heading(page).textContent()).toBe('Выберите услугу');
      await eventually(() => kiosk.device.running()?.buttons?.status().state).toBe('connected');
      expect(kiosk.state().speech).toMatchObject({ available: true, on: false, keys: KEYS });

      // The speech button alone: speech mode on, the greeting and the menu with the box's own buttons.
      box.press(SPEECH_BUTTON);
      await eventually(() => kiosk.state().speech.on).toBe(true);
      await eventually(() => page.locator('.speech-button').getAttribute('aria-pressed')).toBe('true');
      const menu = await saidWith(kiosk, 'Озвучивание включено', 'МФЦ района Тверской', 'Выберите услугу');
      expect(menu).toContain('Кнопка шесть — следующий пункт, кнопка четыре — предыдущий, кнопка пять — выбрать, кнопка три — повторить.');
      // The real voice answered and the page played it (headless Chromium, autoplay without a gesture).
      await eventually(() => kiosk.played(), 30_000).toBeGreaterThanOrEqual(1);

      // Next: the first service, said with how to take it, and outlined on the screen.
      box.press(KEYS.next);
      await saidWith(kiosk, 'Услуга: СНИЛС.', 'Кнопка пять — взять талон.');
      const focused = page.locator('[data-speech-item="service:snils"][data-speech-focus]');
      await eventually(() => focused.count()).toBe(1);
      // Seen (a thick outline, WCAG 2.4.11) and the page's focus (a screen reader follows it).
      expect(await focused.evaluate((element) => ({ outline: getComputedStyle(element).outlineWidth, active: document.activeElement === element }))).toEqual({ outline: '8px', active: true });
      await audit(page, 'menu, speech on, an item focused');
      // Previous wraps to the last item (the other language), next twice comes back past it to the service after SNILS.
      box.press(KEYS.previous);
      await saidWith(kiosk, 'English. Button five to choose.');
      box.press(KEYS.next);
      await eventually(() => page.locator('[data-speech-item="service:snils"][data-speech-focus]').count()).toBe(1);
      box.press(KEYS.next);
      await saidWith(kiosk, 'Услуга: Паспорт.', 'Кнопка пять — взять талон.');
      await eventually(() => page.locator('[data-speech-item="service:passport"][data-speech-focus]').count()).toBe(1);

      // Choose: the ticket of that service, through the same issueTicket as a touch.
      const playedBefore = await kiosk.played();
      box.press(KEYS.choose);
      await eventually(() => heading(page).textContent()).toBe('Ваш талон П-001');
      expect(kiosk.events('ticket.issued').map((event) => event.payload)).toEqual([expect.objectContaining({ number: 'П-001', service: 'passport' })]);
      const ticket = await saidWith(kiosk, 'Ваш талон: пэ один.');
      expect(ticket).toContain('Паспорт.');
      expect(ticket).toContain('впереди четыре человека');
      expect(ticket).toContain('Ожидайте вызова на табло в зале.');
      expect(ticket).toContain('Кнопка пять — продлить время, кнопка три — повторить.');
      expect(ticket).not.toMatch(/\d/);
      await eventually(() => kiosk.played(), 30_000).toBeGreaterThan(playedBefore);
      await audit(page, 'ticket, speech on');

      // The ticket screen ends by itself (ticketSeconds × timeoutFactor): the menu, and speech mode off.
      await eventually(() => heading(page).textContent(), 60_000).toBe('Выберите услугу');
      await eventually(() => kiosk.state().speech.on).toBe(false);
      await eventually(() => page.locator('.speech-button').getAttribute('aria-pressed')).toBe('false');
      expect(kiosk.device.running()?.status().counters).toMatchObject({ speechOnSerial: 1, speakFailures: 0 });
    } finally {
      await kiosk.close();
      await box.close();
      await pair.close();
    }
  });
});
