import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCitizenAudit as audit, TOUCH_TARGET_PX } from '../helpers/a11yAudit.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { openSpeakingKiosk, saidWith, type SpeakingKiosk } from '../helpers/speakingKiosk.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The rating terminal in speech mode, end to end (issue #15, items 4 and 8): the real bundled voice,
 * the built page in Chromium. Speech mode from the on-screen button; the start screen said with what
 * each button means; louder and quieter for this visit; a vote by key, the follow-up with more time,
 * the thanks said; back at the start speech mode is off and the volume the configured one. Each screen
 * passes axe and the item-7 audits with speech mode on.
 */

const tempDir = useTempDirs();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const CONFIG = {
  device: { id: 'e2e-speech-w05', office: 'МФЦ района Тверской', window: '5' },
  // × speech.timeoutFactor (3): the thanks 12 s in speech mode, time to say them before the start comes back.
  rating: { scale: 5, cooldownSeconds: 60, thanksSeconds: 4, followUp: { seconds: 20 } },
  speech: { volume: 80, timeoutFactor: 3, moreTimeSeconds: 30 },
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 });


const endsInMs = (kiosk: SpeakingKiosk): number => {
  const session = kiosk.state().session;
  return 'endsInMs' in session ? session.endsInMs : 0;
};

describe('rating terminal in speech mode (real voice, Chromium)', { timeout: E2E_TEST_MS }, () => {
  it('on by the on-screen button, said and played; louder and quieter; a vote by key, more time, the thanks said; off at the start at the configured volume', async () => {
    const kiosk = await openSpeakingKiosk({ browser, dir: tempDir(), config: CONFIG });
    const { page } = kiosk;
    try {
      await eventually(() => heading(page).textContent()).toBe('Оцените качество обслуживания');
      const speechButton = page.getByRole('button', { name: 'Озвучить' });
      const box = await speechButton.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(TOUCH_TARGET_PX);
      expect(box?.height).toBeGreaterThanOrEqual(TOUCH_TARGET_PX);
      expect(await speechButton.getAttribute('aria-pressed')).toBe('false');

      await speechButton.click();
      await eventually(() => kiosk.state().speech.on).toBe(true);
      await eventually(() => speechButton.getAttribute('aria-pressed')).toBe('true');
      const idle = await saidWith(kiosk, 'Озвучивание включено', 'Оцените качество обслуживания.');
      for (const [button, word] of [['один', 'Очень плохо'], ['два', 'Плохо'], ['три', 'Нормально'], ['четыре', 'Хорошо'], ['пять', 'Отлично']]) {
        expect(idle).toContain(`Кнопка ${button} — ${word}.`);
      }
      await eventually(() => kiosk.played(), 30_000).toBeGreaterThanOrEqual(1);
      await audit(page, 'start, speech on');

      // Louder and quieter: steps of 10 %, for this visit.
      expect(kiosk.state().speech.volume).toBeCloseTo(0.8);
      await page.getByRole('button', { name: /Громче/ }).click();
      await eventually(() => kiosk.state().speech.volume).toBeCloseTo(0.9);
      await page.getByRole('button', { name: /Тише/ }).click();
      await page.getByRole('button', { name: /Тише/ }).click();
      await eventually(() => kiosk.state().speech.volume).toBeCloseTo(0.7);

      // A vote by key: the follow-up question, said with its keys and how to get more time.
      await page.keyboard.press('1');
      await eventually(() => heading(page).textContent()).toBe('Что можно улучшить?');
      expect(kiosk.events('rating.submitted').map((event) => event.payload)).toEqual([expect.objectContaining({ score: 1, source: 'keyboard' })]);
      const followUp = await saidWith(kiosk, 'Что можно улучшить?', 'Клавиша один — Время ожидания.');
      expect(followUp).toContain('Клавиша шесть — пропустить.');
      expect(followUp).toContain('Ещё время');
      await audit(page, 'follow-up, speech on');

      // More time: the countdown (followUp.seconds × 3 = 60 s) runs speech.moreTimeSeconds longer.
      const before = endsInMs(kiosk);
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThanOrEqual(60_000);
      await page.getByRole('button', { name: 'Ещё время' }).click();
      await eventually(() => endsInMs(kiosk)).toBeGreaterThan(before + 20_000);

      // The answer by its digit, then the thanks, said and played.
      const playedBefore = await kiosk.played();
      await page.keyboard.press('1');
      await eventually(() => heading(page).textContent()).toBe('Спасибо за оценку!');
      await saidWith(kiosk, 'Спасибо, ваша оценка учтена.', 'Ваше мнение помогает нам работать лучше.');
      await eventually(() => kiosk.played(), 30_000).toBeGreaterThan(playedBefore);
      await audit(page, 'thanks, speech on');

      // Back at the start: speech mode off, the volume the configured one for the next visitor.
      await eventually(() => heading(page).textContent()).toBe('Оцените качество обслуживания');
      await eventually(() => kiosk.state().speech.on).toBe(false);
      expect(kiosk.state().speech.volume).toBeCloseTo(0.8);
      await eventually(() => speechButton.getAttribute('aria-pressed')).toBe('false');
      await expect(page.getByRole('button', { name: /Громче/ }).count()).resolves.toBe(0);
      expect(kiosk.device.running()?.status().counters).toMatchObject({ speechOnTouch: 1, speakFailures: 0 });
    } finally {
      await kiosk.close();
    }
  });

  it('in English: the keypad 0 turns it on, the start said in English with the buttons, the screen with speech on passes the audits', async () => {
    const kiosk = await openSpeakingKiosk({ browser, dir: tempDir(), config: CONFIG });
    const { page } = kiosk;
    try {
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.keyboard.press('Numpad0');
      await eventually(() => kiosk.state().speech.on).toBe(true);
      const idle = await saidWith(kiosk, 'Speech is on.', 'Please rate our service.');
      expect(idle).toContain('Button one: Very bad.');
      expect(idle).toContain('Button five: Excellent.');
      await eventually(() => page.getByRole('button', { name: 'Read aloud' }).getAttribute('aria-pressed')).toBe('true');
      await audit(page, 'start, speech on, en');
      expect(kiosk.device.running()?.status().counters).toMatchObject({ speechOnKeyboard: 1 });
    } finally {
      await kiosk.close();
    }
  });
});
