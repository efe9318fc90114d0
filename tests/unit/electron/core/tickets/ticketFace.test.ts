import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { newCounters } from '../../../../../electron/core/counters.ts';
import type { PrinterCheck, ReceiptPrinter } from '../../../../../electron/core/printer/receiptPrinter.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { createTicketFace, printedTime } from '../../../../../electron/core/tickets/ticketFace.ts';
import { serveFace } from '../../../../helpers/servedFace.ts';
import type { KioskState } from '../../../../../shared/kioskApi.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

const config = (queue: Record<string, unknown> = {}, timezone = 'Europe/Moscow') =>
  parseConfig(
    {
      device: { id: 'disp-01', office: 'МФЦ района Тверской', window: 'зал 1', mode: 'tickets', timezone },
      queue: {
        services: [
          { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } },
          { id: 'tax', prefix: 'Н', range: [500, 502], name: { ru: 'Налоги', en: 'Taxes' } },
        ],
        ticketSeconds: 15,
        ...queue,
      },
    },
    'test',
  );

class FakePrinter implements ReceiptPrinter {
  answer: PrinterCheck = { ready: true, status: null };
  printed: Uint8Array[] = [];
  writeWorks = true;
  async check() {
    return this.answer;
  }
  async print(bytes: Uint8Array) {
    if (!this.writeWorks) return false;
    this.printed.push(bytes);
    return true;
  }
  status() {
    return { path: '/dev/fake', kind: 'serial' as const, connected: true, lastStatus: null, condition: 'unknown' as const, lastFault: null, lastFaultAt: null, counters: {} as never };
  }
  async close() {}
}

function setup(options: { start?: string; timezone?: string; printer?: FakePrinter | null; queue?: Record<string, unknown> } = {}) {
  const time = new FakeTime(options.start ?? '2026-11-23T07:00:00.000Z');
  const cfg = config(options.queue, options.timezone);
  const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: 'disp-01', timeZone: cfg.device.timezone, clock: time });
  const printer = options.printer === undefined ? new FakePrinter() : options.printer;
  const counters = newCounters();
  const kiosk = serveFace({
    config: cfg,
    storageOk: () => store.health().available,
    onInvalidInput: () => (counters.invalidInput += 1),
    makeFace: (onChange) => createTicketFace({ config: cfg, store, clock: time, scheduler: time, counters, printer, onChange, refreshMs: 3_600_000 }),
  });
  const states: KioskState[] = [];
  kiosk.subscribe((event) => states.push(event.state));
  const issue = async (serviceId: string) => await kiosk.handle('issueTicket', { serviceId });
  const number = async (serviceId: string) => {
    const result = await issue(serviceId);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value.number;
  };
  const setWall = (iso: string) => time.setWall(iso);
  return { time, store, printer, kiosk, states, issue, number, setWall };
}

describe('ticket dispenser', () => {
  it('issues consecutive numbers per service, from each service range, and records ticket.issued', async () => {
    const { number, store, kiosk } = setup();
    expect([await number('passport'), await number('passport'), await number('tax'), await number('passport')]).toEqual(['П-001', 'П-002', 'Н-500', 'П-003']);
    const events = store.journal().readAfter(0, 100).filter((e) => e.type === 'ticket.issued');
    expect(events.map((e) => e.payload)).toEqual([
      { ticketId: expect.any(String), number: 'П-001', service: 'passport', day: '2026-11-23', printed: 'yes' },
      { ticketId: expect.any(String), number: 'П-002', service: 'passport', day: '2026-11-23', printed: 'yes' },
      { ticketId: expect.any(String), number: 'Н-500', service: 'tax', day: '2026-11-23', printed: 'yes' },
      { ticketId: expect.any(String), number: 'П-003', service: 'passport', day: '2026-11-23', printed: 'yes' },
    ]);
    await kiosk.face.close();
  });

  it('shows the ticket, then returns to the menu (and the default language) after ticketSeconds', async () => {
    const { kiosk, issue, states, time } = setup();
    await kiosk.handle('setLocale', { locale: 'en' });
    const ticket = await issue('passport');
    expect(ticket).toMatchObject({ ok: true, value: { number: 'П-001', serviceId: 'passport', printed: 'yes' } });
    expect(states.at(-1)?.tickets?.screen).toMatchObject({ kind: 'ticket', ticket: { number: 'П-001' }, endsInMs: 15_000 });
    expect(states.at(-1)?.session.locale).toBe('en');
    time.advance(15_000);
    expect(states.at(-1)?.tickets?.screen).toEqual({ kind: 'menu' });
    expect(states.at(-1)?.session.locale).toBe('ru');
    await kiosk.face.close();
  });

  it('"done" closes the ticket screen at once', async () => {
    const { kiosk, issue, states } = setup();
    await issue('passport');
    expect(await kiosk.handle('closeTicket', {})).toEqual({ ok: true, value: null });
    expect(states.at(-1)?.tickets?.screen).toEqual({ kind: 'menu' });
    await kiosk.face.close();
  });

  it('prints the ticket after it is committed, in CP866, with the number and the service', async () => {
    const { printer, issue, kiosk } = setup();
    await issue('passport');
    await new Promise((resolve) => setImmediate(resolve));
    expect(printer!.printed).toHaveLength(1);
    const text = new TextDecoder('ibm866').decode(printer!.printed[0]);
    expect(text).toContain('П-001');
    expect(text).toContain('Паспорт');
    expect(text).toContain('МФЦ района Тверской');
    await kiosk.face.close();
  });

  it.each([
    [{ ready: false, fault: 'paper-out', detail: 'paper-out' }],
    [{ ready: false, fault: 'cover-open', detail: 'cover-open' }],
    [{ ready: false, fault: 'no-answer', detail: 'no status answer within 400 ms' }],
  ] as const)('printer says %j: the ticket is still issued, not printed, the fault recorded and shown', async (answer) => {
    const printer = new FakePrinter();
    printer.answer = answer;
    const { issue, store, states, kiosk } = setup({ printer });
    expect(await issue('passport')).toMatchObject({ ok: true, value: { number: 'П-001', printed: 'failed' } });
    expect(printer.printed).toEqual([]);
    const events = store.journal().readAfter(0, 100);
    expect(events.find((e) => e.type === 'ticket.issued')?.payload).toMatchObject({ printed: 'failed' });
    expect(events.find((e) => e.type === 'printer.fault')?.payload).toMatchObject({ kind: answer.fault });
    expect(states.at(-1)?.health).toEqual({ needsTechnician: true, problems: ['printer-fault'] });
    await kiosk.face.close();
  });

  it('no printer configured: printed "no"', async () => {
    const { issue, kiosk } = setup({ printer: null });
    expect(await issue('passport')).toMatchObject({ ok: true, value: { printed: 'no' } });
    await kiosk.face.close();
  });

  it('a write that fails after the commit turns the screen into "note your number" and is recorded', async () => {
    const printer = new FakePrinter();
    printer.writeWorks = false;
    const { issue, states, store, kiosk } = setup({ printer });
    await issue('passport');
    await new Promise((resolve) => setImmediate(resolve));
    expect(states.at(-1)?.tickets?.screen).toMatchObject({ kind: 'ticket', ticket: { printed: 'failed' } });
    expect(store.journal().readAfter(0, 100).find((e) => e.type === 'printer.fault')?.payload).toMatchObject({ kind: 'write-failed' });
    await kiosk.face.close();
  });

  it('range exhausted: refused, shown as unavailable; the other services go on', async () => {
    const { number, issue, states, kiosk } = setup();
    expect([await number('tax'), await number('tax'), await number('tax')]).toEqual(['Н-500', 'Н-501', 'Н-502']);
    expect(await issue('tax')).toMatchObject({ ok: false, error: { code: 'service-unavailable' } });
    const tax = states.at(-1)?.tickets?.services.find((s) => s.id === 'tax');
    expect(tax).toMatchObject({ available: false, unavailable: 'range-exhausted' });
    expect(await number('passport')).toBe('П-001');
    await kiosk.face.close();
  });

  it('daily limit and opening hours are enforced by the core, not only shown', async () => {
    const { number, issue, kiosk } = setup({
      queue: {
        services: [
          { id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт' }, dailyLimit: 1 },
          { id: 'night', prefix: 'Н', range: [1, 9], name: { ru: 'Ночь' }, hours: [{ days: ['mon'], from: '22:00', to: '23:00' }] },
        ],
      },
    });
    expect(await number('passport')).toBe('П-001');
    expect(await issue('passport')).toMatchObject({ ok: false, error: { code: 'service-unavailable' } });
    expect(await issue('night')).toMatchObject({ ok: false, error: { code: 'service-unavailable', message: expect.stringContaining('closed') } });
    expect(kiosk.getState().tickets?.services.find((s) => s.id === 'night')).toMatchObject({ available: false, unavailable: 'closed', opensAt: '22:00' });
    await kiosk.face.close();
  });

  it('numbers restart at local midnight, not at UTC midnight', async () => {
    const { number, time, kiosk } = setup({ start: '2026-11-23T20:59:00.000Z' });
    expect(await number('passport')).toBe('П-001');
    time.advance(30_000);
    expect(await number('passport')).toBe('П-002');
    time.advance(60_000); // 00:00:30 in Moscow, still the 23rd in UTC
    expect(await number('passport')).toBe('П-001');
    await kiosk.face.close();
  });

  it('a clock jump backwards never restarts the numbers of the same local day', async () => {
    const { number, setWall, kiosk } = setup({ start: '2026-11-23T09:00:00.000Z' });
    expect([await number('passport'), await number('passport')]).toEqual(['П-001', 'П-002']);
    setWall('2026-11-23T05:00:00.000Z'); // four hours back, same day
    expect(await number('passport')).toBe('П-003');
    setWall('2026-11-22T20:50:00.000Z'); // back across midnight: yesterday's counter continues
    expect(await number('passport')).toBe('П-001');
    setWall('2026-11-23T09:30:00.000Z'); // and today's goes on where it was
    expect(await number('passport')).toBe('П-004');
    await kiosk.face.close();
  });

  it('across a DST change within a day the numbers go on', async () => {
    const { number, time, kiosk } = setup({ start: '2026-03-29T00:58:00.000Z', timezone: 'Europe/Berlin' });
    expect(await number('passport')).toBe('П-001'); // 01:58 CET
    time.advance(4 * 60_000); // 04:02 CEST: the clock jumped an hour, same day
    expect(await number('passport')).toBe('П-002');
    await kiosk.face.close();
  });

  it('a double tap issues one ticket; the second is refused while the first is being issued', async () => {
    const { kiosk, issue, store } = setup();
    const [first, second] = await Promise.all([issue('passport'), issue('passport')]);
    expect(first).toMatchObject({ ok: true, value: { number: 'П-001' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    expect(store.journal().counts().byType['ticket.issued']).toBe(1);
    await kiosk.face.close();
  });

  it('refuses unknown services, malformed input and rating intents', async () => {
    const { kiosk, issue } = setup();
    expect(await issue('nope')).toMatchObject({ ok: false, error: { code: 'unknown-service' } });
    expect(await kiosk.handle('issueTicket', { serviceId: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await kiosk.handle('press', { score: 5, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'wrong-mode' } });
    await kiosk.face.close();
  });

  it('printedTime is the local time the visitor reads', () => {
    expect(printedTime('2026-11-23T10:15:02.120+03:00')).toBe('23.11.2026 10:15');
  });
});
