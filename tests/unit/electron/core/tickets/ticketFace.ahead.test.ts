import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { newCounters } from '../../../../../electron/core/counters.ts';
import type { PrinterCheck, ReceiptPrinter } from '../../../../../electron/core/printer/receiptPrinter.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { AHEAD_TIMEOUT_MS, createTicketFace } from '../../../../../electron/core/tickets/ticketFace.ts';
import type { AheadAnswer } from '../../../../../shared/office/officeProtocol.ts';
import { escposToText } from '../../../../../electron/simulators/escposText.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { FakeVisitHub } from '../../../../helpers/fakeVisitHub.ts';
import { serveFace } from '../../../../helpers/servedFace.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';

const tempDir = useTempDirs();
const config = parseConfig(
  {
    device: { id: 'disp-01', office: 'МФЦ района Тверской', window: 'зал 1', mode: 'tickets' },
    queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 499], name: { ru: 'Паспорт', en: 'Passport' } }] },
  },
  'test',
);

class PaperPrinter implements ReceiptPrinter {
  printed: Uint8Array[] = [];
  async check(): Promise<PrinterCheck> {
    return { ready: true, status: null };
  }
  async print(bytes: Uint8Array) {
    this.printed.push(bytes);
    return true;
  }
  status() {
    return { path: '/dev/fake', kind: 'serial' as const, connected: true, lastStatus: null, condition: 'unknown' as const, lastFault: null, lastFaultAt: null, counters: {} as never };
  }
  async close() {}
  text(index = 0): string {
    return escposToText(this.printed[index] ?? new Uint8Array());
  }
}

function setup(hub: FakeVisitHub | null) {
  const time = new FakeTime('2026-11-23T07:00:00.000Z');
  const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: 'disp-01', timeZone: 'Europe/Moscow', clock: time });
  const printer = new PaperPrinter();
  const missing: string[] = [];
  const kiosk = serveFace({
    config,
    storageOk: () => store.health().available,
    makeFace: (onChange) =>
      createTicketFace({ config, store, clock: time, scheduler: time, counters: newCounters(), printer, onChange, refreshMs: 3_600_000, hub, onAheadMissing: (why) => missing.push(why) }),
  });
  const issued = () => store.journal().readAfter(0, 100).filter((event) => event.type === 'ticket.issued');
  return { time, store, printer, kiosk, missing, issued };
}

const answer = (ahead: number, estimateMinutes: number | null): AheadAnswer => ({ serviceId: 'passport', ahead, estimateMinutes });

describe('ticket dispenser: people ahead (office hub)', () => {
  it('the screen and the paper say how many are ahead and about how long', async () => {
    const hub = new FakeVisitHub();
    hub.aheadAnswer = answer(4, 10);
    const { kiosk, printer } = setup(hub);
    const result = await kiosk.handle('issueTicket', { serviceId: 'passport' });
    expect(result).toMatchObject({ ok: true, value: { number: 'П-001', ahead: 4, estimateMinutes: 10 } });
    expect(hub.aheadAsked).toEqual([{ serviceId: 'passport', timeoutMs: AHEAD_TIMEOUT_MS }]);
    expect(kiosk.getState().tickets?.screen).toMatchObject({ kind: 'ticket', ticket: { ahead: 4, estimateMinutes: 10 } });
    await waitFor(() => printer.printed.length === 1, 'the paper');
    expect(printer.text()).toContain('Перед вами: 4 человека, примерно 10 мин');
    await kiosk.face.close();
  });

  it('prints in the visitor\'s language, without an estimate the hub does not have', async () => {
    const hub = new FakeVisitHub();
    hub.aheadAnswer = answer(1, null);
    const { kiosk, printer } = setup(hub);
    await kiosk.handle('setLocale', { locale: 'en' });
    expect(await kiosk.handle('issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: true, value: { ahead: 1, estimateMinutes: null } });
    await waitFor(() => printer.printed.length === 1, 'the paper');
    const lines = printer.text().split('\n').map((line) => line.trim());
    expect(lines).toContain('People ahead: 1');
    await kiosk.face.close();
  });

  it('a hub that does not answer within 300 ms: the ticket comes out without, and was in the journal before', async () => {
    const hub = new FakeVisitHub();
    hub.aheadAnswer = 'never';
    const { kiosk, printer, time, issued, missing } = setup(hub);
    const pending = kiosk.handle('issueTicket', { serviceId: 'passport' });
    await waitFor(() => hub.aheadAsked.length === 1, 'the question to the hub');
    // Asked after the ticket was recorded: the journal never waits for the hub.
    expect(issued()).toHaveLength(1);
    time.advance(AHEAD_TIMEOUT_MS - 1);
    expect(printer.printed).toHaveLength(0);
    time.advance(1);
    expect(await pending).toMatchObject({ ok: true, value: { number: 'П-001', ahead: null, estimateMinutes: null } });
    await waitFor(() => printer.printed.length === 1, 'the paper');
    expect(printer.text()).not.toContain('Перед вами');
    expect(missing).toEqual(['late']);
    expect(time.pendingTimers()).toBe(1); // the ticket screen's timeout, nothing of the question
    await kiosk.face.close();
  });

  it('a hub answer for another service, or a broken one, is counted and left off the ticket', async () => {
    const hub = new FakeVisitHub();
    hub.aheadAnswer = { serviceId: 'tax', ahead: 3, estimateMinutes: 5 };
    const { kiosk, missing } = setup(hub);
    expect(await kiosk.handle('issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: true, value: { ahead: null } });
    hub.aheadAnswer = { serviceId: 'passport', ahead: -1, estimateMinutes: 5 };
    await kiosk.handle('closeTicket', {});
    expect(await kiosk.handle('issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: true, value: { ahead: null } });
    expect(missing).toEqual(['malformed', 'malformed']);
    await kiosk.face.close();
  });

  it('a link that fails is like no answer', async () => {
    const hub = new FakeVisitHub();
    hub.ahead = () => Promise.reject(new Error('socket hang up'));
    const { kiosk, missing } = setup(hub);
    expect(await kiosk.handle('issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: true, value: { number: 'П-001', ahead: null } });
    expect(missing).toEqual(['failed']);
    await kiosk.face.close();
  });

  it('without a hub nothing is asked and the ticket is as before', async () => {
    const { kiosk, printer } = setup(null);
    expect(await kiosk.handle('issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: true, value: { ahead: null, estimateMinutes: null } });
    await waitFor(() => printer.printed.length === 1, 'the paper');
    expect(printer.text()).not.toContain('Перед вами');
    await kiosk.face.close();
  });
});
