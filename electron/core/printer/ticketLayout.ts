import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

/**
 * The printed ticket, as ESC/POS bytes: office, the number in very large type, service, date and
 * time, the people ahead (when the office hub said), the hall hint, a QR code with the ticket id, and a cut. Cyrillic through code page CP866,
 * which every ESC/POS printer sold in Russia has. Pure.
 */
export interface TicketPrint {
  readonly office: string;
  readonly number: string;
  readonly service: string;
  /** Already formatted for the visitor: "23.11.2026 10:15". */
  readonly issuedAt: string;
  /** "Перед вами: 4 человека, примерно 10 мин", or null: no hub, or it did not answer in time. */
  readonly ahead?: string | null;
  readonly hint: string | null;
  readonly ticketId: string;
  readonly columns: number;
}

export function encodeTicket(ticket: TicketPrint): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: ticket.columns, feedBeforeCut: 4 });
  encoder.initialize().codepage('cp866').align('center').bold(true).line(ticket.office).bold(false).newline();
  encoder.size(4, 4).bold(true).line(ticket.number).bold(false).size(1, 1).newline();
  encoder.size(1, 2).line(ticket.service).size(1, 1).line(ticket.issuedAt);
  if (ticket.ahead) encoder.newline().bold(true).line(ticket.ahead).bold(false);
  if (ticket.hint) encoder.newline().line(ticket.hint);
  encoder.newline().qrcode(ticket.ticketId, { model: 2, size: 6, errorlevel: 'm' }).newline();
  return encoder.cut('partial').encode();
}
