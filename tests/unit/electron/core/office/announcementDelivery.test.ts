import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { announcementReportOf } from '../../../../../electron/core/office/announcementDelivery.ts';
import type { AnnouncementReport } from '../../../../../shared/office/officeProtocol.ts';

const AT = '2026-11-23T10:16:02.120+03:00';
const payload = (overrides: Record<string, unknown> = {}) => ({
  announcementId: uuidv7(),
  ticketId: uuidv7(),
  number: 'П-017',
  recall: 1,
  deviceId: 'hall-board',
  outcome: 'failed',
  reason: 'autoplay refused',
  at: AT,
  ...overrides,
});
const row = (seq: number, value: unknown) => ({ seq, id: uuidv7(), occurredAt: AT, payload: typeof value === 'string' ? value : JSON.stringify(value) });

describe('a hall board’s journal row as the hub takes it', () => {
  it('is the payload without the board’s id (the hub takes it from the token)', () => {
    const recorded = payload();
    expect(announcementReportOf(row(3, recorded))).toEqual({
      announcementId: recorded.announcementId,
      ticketId: recorded.ticketId,
      number: 'П-017',
      recall: 1,
      outcome: 'failed',
      reason: 'autoplay refused',
      at: AT,
    } satisfies AnnouncementReport);
  });

  it('shortens a long reason to the protocol’s 300 characters rather than never delivering it', () => {
    const report = announcementReportOf(row(4, payload({ reason: 'x'.repeat(1000) })));
    expect(typeof report === 'string' ? report : report.reason).toHaveLength(300);
  });

  it('says why a row cannot be delivered: not JSON, not a hall.announced payload, outside the protocol', () => {
    expect(announcementReportOf(row(5, '{'))).toBe('seq 5: the payload is not JSON');
    expect(announcementReportOf(row(6, { number: 'П-017' }))).toBe('seq 6: not a hall.announced payload');
    expect(announcementReportOf(row(7, payload({ number: 'П'.repeat(17) })))).toMatch(/^seq 7: number: /);
  });
});
