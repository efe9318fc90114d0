import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { readBatchBody } from '../../../../electron/collector/batchBody.ts';

/**
 * readBatchBody finds each event's text and its payload's text as sent with one visitor pass; the
 * reference here is jsonc-parser's full tree, which it used before: both must give the same spans
 * for any batch, however it is spaced and whatever its payloads hold.
 */
const span = (text: string, node: Node): string => text.slice(node.offset, node.offset + node.length);
const member = (object: Node, name: string): Node | undefined => object.children?.findLast((p) => p.children?.[0]?.value === name)?.children?.[1];

function referenceSpans(text: string): { text: string; payloadText: string }[] {
  const root = parseTree(text)!;
  return (member(root, 'events')?.children ?? []).map((event) => ({ text: span(text, event), payloadText: span(text, member(event, 'payload')!) }));
}

const uuid = (n: number): string => `01936f5e-7a2b-7c3d-8e4f-${n.toString(16).padStart(12, '0')}`;
const space = fc.constantFrom('', ' ', '\n', '\t', ' \r\n  ');
/** A JSON value's text with arbitrary spacing: numbers and escapes as sent, not as JSON.stringify writes them. */
const jsonText = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('1.50', '1e2', '12345678901234567890', '-0', 'true', 'null', '"\\u00e9"', '"é 😀 \\" \\\\ }{]["', '"__proto__"'),
    fc.string().map((s) => JSON.stringify(s)),
    fc.string({ unit: 'grapheme' }).map((s) => JSON.stringify(s)),
    fc.constantFrom('"Паспорт П-001"', '"окно №5"'),
    fc.array(tie('value'), { maxLength: 3 }).chain((items) => space.map((w) => `[${w}${items.join(`,${w}`)}${w}]`)),
    fc.uniqueArray(fc.tuple(fc.string({ maxLength: 6 }), tie('value')), { maxLength: 3, selector: ([k]) => k }).chain((members) =>
      space.map((w) => `{${w}${members.map(([k, v]) => `${JSON.stringify(k)}${w}:${w}${v}`).join(`,${w}`)}${w}}`),
    ),
  ),
})).value;
const payloadText = fc
  .uniqueArray(fc.tuple(fc.constantFrom('score', 'window', 'events', 'payload', 'x', '__proto__'), jsonText), { maxLength: 4, selector: ([k]) => k })
  .chain((members) => space.map((w) => `{${w}${members.map(([k, v]) => `"${k}"${w}:${w}${v}`).join(`,${w}`)}${w}}`));

describe('readBatchBody: each event’s text and payload text as sent', () => {
  it('gives the spans the full parse tree gives, for any spacing and payload', () => {
    fc.assert(
      fc.property(fc.array(payloadText, { minLength: 1, maxLength: 5 }), space, fc.boolean(), (payloads, w, eventsFirst) => {
        const events = payloads.map(
          (payload, i) => `{${w}"id":"${uuid(i)}",${w}"seq":${i + 1},"type":"rating.submitted","payload":${w}${payload}${w},"occurredAt":"2026-11-23T10:14:58.004+03:00"}`,
        );
        const eventsMember = `"events"${w}:${w}[${w}${events.join(`${w},${w}`)}${w}]`;
        const head = `"deviceId":"mfc-arbat-w01",${w}"batchId":"${uuid(999)}","sentAt":"2026-11-23T10:15:02.120+03:00"`;
        const text = eventsFirst ? `${w}{${eventsMember},${head}}${w}` : `{${w}${head},${eventsMember}${w}}`;
        const read = readBatchBody(Buffer.from(text));
        if ('status' in read) throw new Error(`${read.reason}\n${text}`);
        expect(read.events.map(({ text, payloadText }) => ({ text, payloadText }))).toEqual(referenceSpans(text));
        expect(read.events.map((event) => event.payloadText)).toEqual(payloads);
        // The byte spans the PostgreSQL store sends instead of the texts: the same texts, byte for byte.
        const body = Buffer.from(text);
        const at = ({ start, length }: { start: number; length: number }) => body.subarray(start, start + length).toString('utf8');
        expect(read.events.map((event) => [at(event.bytes), at(event.payloadBytes)])).toEqual(read.events.map((event) => [event.text, event.payloadText]));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a member twice in the batch or in an event, naming it and the event', () => {
    const event = (extra = '') => `{"id":"${uuid(1)}","seq":1,"type":"a.b","occurredAt":"2026-11-23T10:14:58.004+03:00","payload":{"events":[1],"x":{"x":1}}${extra}}`;
    const batch = (events: string, extra = '') => `{"deviceId":"d1","batchId":"${uuid(9)}","sentAt":"2026-11-23T10:15:02.120+03:00","events":[${events}]${extra}}`;
    expect(readBatchBody(Buffer.from(batch(event(), ',"sentAt":"2026-11-23T10:15:02.120+03:00"')))).toMatchObject({ status: 400, reason: 'member "sentAt" twice in the batch' });
    const second = event(',"seq":1').replace(uuid(1), uuid(2));
    expect(readBatchBody(Buffer.from(batch(`${event()},${second}`)))).toMatchObject({ status: 400, reason: 'events.1: member "seq" twice' });
    // Names repeated deeper (inside a payload) are the payload's own business.
    expect(readBatchBody(Buffer.from(batch(event())))).toMatchObject({ events: [{ payloadText: '{"events":[1],"x":{"x":1}}' }] });
  });
});
