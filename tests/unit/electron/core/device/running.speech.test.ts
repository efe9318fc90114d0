import { SPOKEN_TICKET_MS } from '../../../../../electron/core/tickets/ticketFace.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDevice, type Device } from '../../../../../electron/core/device/device.ts';
import { SpeechError, type SpeechService } from '../../../../../electron/core/speech/speechService.ts';
import type { SpeechClip } from '../../../../../shared/kioskApi.ts';
import { FakeHubLink } from '../../../../helpers/fakeHubLink.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const HUB = { url: 'https://127.0.0.1:8443/', token: 'console-token-0123456789', fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') };
const SERVICES = [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }];

/** A voice that says what it is told (or fails as asked), and remembers it. */
class FakeVoice implements SpeechService {
  said: string[] = [];
  failWith: Error | null = null;
  closed = false;
  readonly counters = { synthesized: 0, cached: 0, systemFallbacks: 0, failures: 0 };
  async say(parts: readonly { lang: string; text: string }[]): Promise<SpeechClip> {
    if (this.failWith) {
      this.counters.failures += 1;
      throw this.failWith;
    }
    this.said.push(parts.map((part) => part.text).join(' '));
    this.counters.synthesized += 1;
    return { id: `clip-${this.said.length}`, wav: 'UklGRg==', durationMs: 500, engine: 'bundled' };
  }
  chime(): SpeechClip {
    return { id: 'chime', wav: 'UklGRg==', durationMs: 800, engine: 'bundled' };
  }

  clip(): SpeechClip | null {
    return null;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

async function start(config: Record<string, unknown>, voice: FakeVoice | null = new FakeVoice()) {
  const dir = tempDir();
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const time = new FakeTime('2026-11-23T07:00:00.000Z');
  const device: Device = await startDevice({
    configPath,
    dataDir: join(dir, 'data'),
    clock: time,
    scheduler: time,
    hubLink: () => new FakeHubLink(),
    // null: a device with no voice at all (not the bundled one running.ts would load otherwise).
    speech: () => voice,
  });
  const running = () => {
    const current = device.running();
    if (!current) throw new Error('not running');
    return current;
  };
  return { device, time, voice, running, counters: () => running().status().counters };
}

const rating = { device: { id: 'w5', office: 'МФЦ', window: '5' }, rating: { thanksSeconds: 4, idleSeconds: 60, followUp: { seconds: 20 } }, speech: { timeoutFactor: 3, moreTimeSeconds: 30 } };
const tickets = { device: { id: 'd1', office: 'МФЦ', window: 'зал', mode: 'tickets' }, queue: { services: SERVICES, ticketSeconds: 15, idleSeconds: 60 }, speech: { timeoutFactor: 3, moreTimeSeconds: 30 } };

describe('speech in a running device', () => {
  it('without a voice: no speech button, speech mode and speak refused', async () => {
    const { device } = await start(rating, null);
    try {
      expect(device.getState().speech).toEqual({ available: false, on: false, volume: 0.8, key: null, timeoutFactor: 1 });
      expect(await device.handle('setSpeechMode', { on: true, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
      expect(await device.handle('speak', { parts: [{ lang: 'ru', text: 'Оцените' }] })).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    } finally {
      await device.close();
    }
  });

  it('speech.mode false: the voice is there, the screens offer no speech mode', async () => {
    const { device } = await start({ ...rating, speech: { mode: false } });
    try {
      expect(device.getState().speech.available).toBe(false);
      expect(await device.handle('speak', { parts: [{ lang: 'ru', text: 'Оцените' }] })).toMatchObject({ ok: true });
    } finally {
      await device.close();
    }
  });

  it('rating: turned on by touch, counted; speak answers a clip; a voice failure is speech-failed and counted; closed with the device', async () => {
    const { device, voice, counters } = await start(rating);
    expect(device.getState().speech).toMatchObject({ available: true, on: false });
    expect(await device.handle('setSpeechMode', { on: true, source: 'touch' })).toEqual({ ok: true, value: null });
    expect(device.getState().speech).toMatchObject({ on: true, timeoutFactor: 3 });
    expect(await device.handle('speak', { parts: [{ lang: 'ru', text: 'Оцените' }, { lang: 'en', text: 'P seventeen' }] })).toMatchObject({ ok: true, value: { id: 'clip-1' } });
    expect(voice?.said).toEqual(['Оцените P seventeen']);
    voice!.failWith = new SpeechError('no voice for ru');
    expect(await device.handle('speak', { parts: [{ lang: 'ru', text: 'Спасибо' }] })).toMatchObject({ ok: false, error: { code: 'speech-failed' } });
    voice!.failWith = new TypeError('a defect');
    expect(await device.handle('speak', { parts: [{ lang: 'ru', text: 'Спасибо' }] })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(counters()).toMatchObject({ speechOnTouch: 1, speakFailures: 2, speechSynthesized: 1, speechFailures: 2 });
    expect(await device.handle('changeSpeechVolume', { step: 1 })).toEqual({ ok: true, value: null });
    expect(device.getState().speech.volume).toBeCloseTo(0.9);
    expect(await device.handle('setSpeechMode', { on: false, source: 'start' })).toEqual({ ok: true, value: null });
    expect(device.getState().speech).toMatchObject({ on: false, volume: 0.8, timeoutFactor: 1 });
    expect(await device.handle('changeSpeechVolume', { step: 1 })).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    await device.close();
    expect(voice?.closed).toBe(true);
  });

  it('rating: the thanks screen lasts × timeoutFactor, more time extends it, and back at the start speech mode ends', async () => {
    const { device, time } = await start(rating);
    try {
      await device.handle('setSpeechMode', { on: true, source: 'keyboard' });
      await device.handle('press', { score: 5, source: 'touch' });
      expect(device.getState().session).toMatchObject({ phase: 'thanks', endsInMs: 12_000 });
      time.advance(10_000);
      expect(await device.handle('moreTime', {})).toEqual({ ok: true, value: null });
      expect(device.getState().session).toMatchObject({ phase: 'thanks', endsInMs: 32_000 });
      time.advance(31_999);
      expect(device.getState().speech.on).toBe(true);
      time.advance(1);
      expect(device.getState().session.phase).toBe('idle');
      expect(device.getState().speech.on).toBe(false);
      expect(await device.handle('moreTime', {})).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    } finally {
      await device.close();
    }
  });

  it('rating: the follow-up question × timeoutFactor; speech turned on during a screen stretches what is left', async () => {
    const { device, time } = await start(rating);
    try {
      await device.handle('setSpeechMode', { on: true, source: 'touch' });
      await device.handle('press', { score: 1, source: 'touch' });
      expect(device.getState().session).toMatchObject({ phase: 'followUp', endsInMs: 60_000 });
      await device.handle('answerFollowUp', { reason: null });
      expect(device.getState().session).toMatchObject({ phase: 'thanks', endsInMs: 12_000 });
      time.advance(12_000);
      // Off now (back at the start); a vote's thanks screen is 4 s, then speech turns on 1 s into it.
      await device.handle('press', { score: 5, source: 'touch' });
      expect(device.getState().session).toMatchObject({ phase: 'thanks', endsInMs: 4_000 });
      time.advance(1_000);
      await device.handle('setSpeechMode', { on: true, source: 'touch' });
      expect(device.getState().session).toMatchObject({ phase: 'thanks', endsInMs: 9_000 });
    } finally {
      await device.close();
    }
  });

  it('rating: a switched language goes back after idleSeconds × timeoutFactor', async () => {
    const { device, time } = await start(rating);
    try {
      await device.handle('setSpeechMode', { on: true, source: 'touch' });
      await device.handle('setLocale', { locale: 'en' });
      time.advance(60_000);
      expect(device.getState().session.locale).toBe('en');
      time.advance(120_000);
      expect(device.getState().session.locale).toBe('ru');
      expect(device.getState().speech.on).toBe(false);
    } finally {
      await device.close();
    }
  });

  it('a visitor who walked away: speech mode ends after the idle time × timeoutFactor with no press or touch', async () => {
    const { device, time, counters } = await start(rating);
    try {
      await device.handle('setSpeechMode', { on: true, source: 'touch' });
      time.advance(170_000);
      // Any request of the visitor is activity.
      await device.handle('speak', { parts: [{ lang: 'ru', text: 'Оцените' }] });
      time.advance(170_000);
      expect(device.getState().speech.on).toBe(true);
      time.advance(10_000);
      expect(device.getState().speech.on).toBe(false);
      expect(counters()).toMatchObject({ speechIdleEnds: 1 });
    } finally {
      await device.close();
    }
  });

  it('tickets: the ticket screen and the idle time × timeoutFactor (told to the page), more time, Done ends speech mode', async () => {
    const { device, time } = await start(tickets);
    try {
      expect(device.getState().tickets?.idleSeconds).toBe(60);
      await device.handle('setSpeechMode', { on: true, source: 'touch' });
      expect(device.getState().tickets?.idleSeconds).toBe(180);
      expect(await device.handle('moreTime', {})).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
      const issued = await device.handle('issueTicket', { serviceId: 'passport' });
      expect(issued.ok).toBe(true);
      expect(device.getState().tickets?.screen).toMatchObject({ kind: 'ticket', endsInMs: 45_000 });
      time.advance(40_000);
      expect(await device.handle('moreTime', {})).toEqual({ ok: true, value: null });
      expect(await device.handle('moreTime', {})).toEqual({ ok: true, value: null });
      expect(device.getState().tickets?.screen).toMatchObject({ kind: 'ticket', endsInMs: 65_000 });
      expect(await device.handle('closeTicket', {})).toEqual({ ok: true, value: null });
      expect(device.getState().speech.on).toBe(false);
      expect(device.getState().tickets?.idleSeconds).toBe(60);
    } finally {
      await device.close();
    }
  });

  it('tickets: in speech mode a short ticket screen still stays long enough to say the whole ticket (SPOKEN_TICKET_MS)', async () => {
    const { device } = await start({ ...tickets, queue: { ...tickets.queue, ticketSeconds: 3 } });
    try {
      await device.handle('issueTicket', { serviceId: 'passport' });
      expect(device.getState().tickets?.screen).toMatchObject({ kind: 'ticket', endsInMs: 3_000 });
      await device.handle('closeTicket', {});
      await device.handle('setSpeechMode', { on: true, source: 'touch' });
      await device.handle('issueTicket', { serviceId: 'passport' });
      // 3 s × 3 would be 9 s: the floor keeps it.
      expect(device.getState().tickets?.screen).toMatchObject({ kind: 'ticket', endsInMs: SPOKEN_TICKET_MS });
    } finally {
      await device.close();
    }
  });

  it('tickets: turned on while the ticket is shown, what is left is stretched; the ticket screen timing out ends speech mode', async () => {
    const { device, time } = await start(tickets);
    try {
      await device.handle('issueTicket', { serviceId: 'passport' });
      time.advance(5_000);
      await device.handle('setSpeechMode', { on: true, source: 'keyboard' });
      expect(device.getState().tickets?.screen).toMatchObject({ kind: 'ticket', endsInMs: 30_000 });
      time.advance(30_000);
      expect(device.getState().tickets?.screen.kind).toBe('menu');
      expect(device.getState().speech.on).toBe(false);
    } finally {
      await device.close();
    }
  });

  it('the box keys in the state: a dispenser with a box tells its buttons.speechKeys; a rating terminal and a dispenser without a box tell none', async () => {
    const keys = { previous: 6, next: 7, choose: 8, repeat: 5 };
    // The box's port is absent here: the keys come from the config, not from the box answering.
    const buttons = { path: join(tempDir(), 'no-such-tty'), serviceButton: 9, speechButton: 4, speechKeys: keys };
    for (const [config, expected] of [
      [{ ...tickets, buttons }, keys],
      [tickets, undefined],
      [{ ...rating, buttons: { path: buttons.path, serviceButton: 9, speechButton: 6 } }, undefined],
    ] as const) {
      const { device } = await start(config);
      try {
        expect(device.getState().speech.keys).toEqual(expected);
        await device.handle('setSpeechMode', { on: true, source: 'touch' });
        expect(device.getState().speech.keys).toEqual(expected);
      } finally {
        await device.close();
      }
    }
  });

  it('hall board: no speech mode (wrong-mode), the device volume in the state, speak answered', async () => {
    const { device } = await start({ device: { id: 'h1', office: 'МФЦ', window: 'зал', mode: 'hall' }, hub: HUB, speech: { volume: 70 } });
    try {
      expect(device.getState().speech).toEqual({ available: false, on: false, volume: 0.7, key: null, timeoutFactor: 1 });
      for (const [name, input] of [['setSpeechMode', { on: true, source: 'touch' }], ['changeSpeechVolume', { step: 1 }], ['moreTime', {}]] as const) {
        expect(await device.handle(name, input)).toMatchObject({ ok: false, error: { code: 'wrong-mode' } });
      }
      expect(await device.handle('speak', { parts: [{ lang: 'ru', text: 'Талон' }] })).toMatchObject({ ok: true });
    } finally {
      await device.close();
    }
  });
});
