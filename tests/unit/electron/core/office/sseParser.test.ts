import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, SseOverflowError } from '../../../../../electron/core/office/sseParser.ts';

describe('the live stream’s event parser', () => {
  it('reads named events, several data lines, comments and every kind of line end', () => {
    const parser = createSseParser();
    expect(parser.push(': keep-alive\n\nevent: snapshot\ndata: {"a":1}\n\n')).toEqual([{ event: 'snapshot', data: '{"a":1}' }]);
    expect(parser.push('data: one\r\ndata:two\r\n\r\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
    expect(parser.push('event: x\rdata: y\r\r')).toEqual([{ event: 'x', data: 'y' }]);
    expect(parser.push('event: empty\n\n')).toEqual([]);
  });

  it('gives the same events however the stream is cut into pieces', () => {
    const text = 'event: snapshot\r\ndata: {"revision":1}\r\n\r\n: ping\n\nevent: snapshot\ndata: {"revision":2}\n\nid: 3\nretry: 10\ndata: last\r\r';
    const whole = createSseParser().push(text);
    expect(whole).toHaveLength(3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), text.length];
        const parser = createSseParser();
        const events = points.slice(1).flatMap((end, index) => parser.push(text.slice(points[index], end)));
        expect(events).toEqual(whole);
      }),
    );
  });

  it('refuses an event that never ends instead of growing without bound', () => {
    const parser = createSseParser(100);
    expect(() => parser.push(`data: ${'x'.repeat(200)}`)).toThrow(SseOverflowError);
    const lines = createSseParser(100);
    expect(() => {
      for (let i = 0; i < 20; i += 1) lines.push('data: 0123456789\n');
    }).toThrow(SseOverflowError);
  });
});
