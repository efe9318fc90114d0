import { describe, expect, it } from 'vitest';
import { encodeTicket } from '../../../../electron/core/printer/ticketLayout.ts';
import { escposToText } from '../../../../electron/simulators/escposText.ts';

const ticket = {
  office: 'МФЦ района Тверской',
  number: 'П-017',
  service: 'Паспорт',
  issuedAt: '23.11.2026 10:15',
  hint: 'Ожидайте вызова на табло',
  ticketId: '01936f5e-2222-7000-8000-000000000001',
  columns: 48,
};
const lines = (bytes: Uint8Array): string[] => escposToText(bytes).split('\n').map((line) => line.trim()).filter(Boolean);

describe('ticket layout with the people ahead', () => {
  it('prints the line after the time and before the hint', () => {
    const printed = lines(encodeTicket({ ...ticket, ahead: 'Перед вами: 4 человека, примерно 10 мин' }));
    const at = printed.indexOf('Перед вами: 4 человека, примерно 10 мин');
    expect(at).toBeGreaterThan(printed.indexOf('23.11.2026 10:15'));
    expect(at).toBeLessThan(printed.indexOf('Ожидайте вызова на табло'));
  });

  it('without it (no hub, or no answer in time) the ticket is as before, byte for byte', () => {
    expect(encodeTicket({ ...ticket, ahead: null })).toEqual(encodeTicket(ticket));
    expect(lines(encodeTicket(ticket)).some((line) => line.startsWith('Перед вами'))).toBe(false);
  });
});
