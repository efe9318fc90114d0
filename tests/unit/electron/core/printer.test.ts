import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultOf, isStatusByte, parsePrinterStatus, statusBytes } from '../../../../electron/core/printer/escposStatus.ts';
import { encodeTicket } from '../../../../electron/core/printer/ticketLayout.ts';
import { openDatabase } from '../../../../electron/core/store/openDatabase.ts';
import { createJournal, type Journal } from '../../../../electron/core/store/journal.ts';
import { createTicketLedger } from '../../../../electron/core/tickets/ticketLedger.ts';
import { parseConfig } from '../../../../electron/core/config/loadConfig.ts';
import { systemClock } from '../../../../electron/core/clock.ts';
import { CUT_MARK, escposToText } from '../../../../electron/simulators/escposText.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

const ticket = {
  office: 'МФЦ района Тверской',
  number: 'П-017',
  service: 'Паспорт гражданина РФ',
  issuedAt: '23.11.2026 10:15',
  hint: 'Ожидайте вызова на табло',
  ticketId: '01936f5e-2222-7000-8000-000000000001',
  columns: 48,
};

describe('ticket layout (ESC/POS)', () => {
  const bytes = encodeTicket(ticket);

  it('initialises the printer, selects CP866 and ends with a cut', () => {
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    const selectCodepage = Buffer.from(bytes).indexOf(Buffer.from([0x1b, 0x74]));
    expect(selectCodepage).toBeGreaterThan(0);
    expect(Buffer.from(bytes).includes(Buffer.from([0x1d, 0x56]))).toBe(true);
  });

  it('carries the Russian text in CP866, not UTF-8', () => {
    const cp866 = Buffer.from([0x8f, 0xa0, 0xe1, 0xaf, 0xae, 0xe0, 0xe2]); // "Паспорт"
    expect(Buffer.from(bytes).includes(cp866)).toBe(true);
    expect(Buffer.from(bytes).includes(Buffer.from('Паспорт', 'utf8'))).toBe(false);
  });

  it('prints the number very large (GS ! with height and width > 1)', () => {
    const at = Buffer.from(bytes).indexOf(Buffer.from('П-017'.replace('П', '\u008f'), 'latin1'));
    expect(at).toBeGreaterThan(0);
    const before = Buffer.from(bytes.slice(0, at));
    const size = before.lastIndexOf(Buffer.from([0x1d, 0x21]));
    expect(size).toBeGreaterThan(0);
    expect(before[size + 2]! & 0x77).toBeGreaterThanOrEqual(0x33);
  });

  it('holds a QR code with the ticket id, and reads back as the ticket', () => {
    expect(Buffer.from(bytes).includes(Buffer.from(ticket.ticketId))).toBe(true);
    const text = escposToText(bytes);
    for (const part of [ticket.office, ticket.number, ticket.service, ticket.issuedAt, ticket.hint]) expect(text).toContain(part);
    expect(text).toContain(CUT_MARK);
    expect(text).not.toContain(ticket.ticketId);
  });
});

describe('printer status (DLE EOT)', () => {
  it('reads cover open, paper out, near end and errors; refuses noise', () => {
    expect(parsePrinterStatus(0x12, 0x12)).toEqual({ coverOpen: false, paperOut: false, paperNearEnd: false, error: false });
    expect(faultOf(parsePrinterStatus(...statusBytes({ coverOpen: true })))).toBe('cover-open');
    expect(faultOf(parsePrinterStatus(...statusBytes({ paperOut: true })))).toBe('paper-out');
    expect(faultOf(parsePrinterStatus(...statusBytes({ error: true })))).toBe('offline');
    expect(parsePrinterStatus(...statusBytes({ paperNearEnd: true }))).toMatchObject({ paperNearEnd: true, paperOut: false });
    expect(faultOf(parsePrinterStatus(...statusBytes({ paperNearEnd: true })))).toBeNull();
    expect([0x12, 0x16, 0x32, 0x7e].map(isStatusByte)).toEqual([true, true, true, true]);
    expect([0x00, 0x13, 0x92, 0xff, 0x41].map(isStatusByte)).toEqual([false, false, false, false, false]);
  });
});

describe('ticket ledger', () => {
  it('counter and event are one transaction: if the event cannot be written, the number is not used', () => {
    const { db } = openDatabase({ file: join(tempDir(), 'okno.db') });
    const journal = createJournal(db, 'd', 'UTC', systemClock);
    const service = parseConfig(
      { device: { id: 'd', office: 'O', window: '1', mode: 'tickets' }, queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 9], name: { ru: 'П' } }] } },
      't',
    ).queue!.services[0]!;
    const failing: Journal = { ...journal, append: () => { throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' }); } };
    expect(() => createTicketLedger(db, failing).issue(service, '2026-11-23', 'yes')).toThrow('disk full');
    expect(createTicketLedger(db, journal).countsFor('2026-11-23').size).toBe(0);
    const issued = createTicketLedger(db, journal).issue(service, '2026-11-23', 'yes');
    expect(issued).toMatchObject({ ticket: { number: 'П-001' } });
    db.close();
  });
});
