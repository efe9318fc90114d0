import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestingBeyond } from '../../../../electron/collector/jsonNesting.ts';
import { parseRequestTarget } from '../../../../electron/http/requestTarget.ts';

describe('parseRequestTarget', () => {
  it('reads origin-form as a path, even when it starts with //', () => {
    expect(parseRequestTarget('/v1/devices/a/events?after=3&limit=2')).toMatchObject({ path: '/v1/devices/a/events' });
    expect(parseRequestTarget('/v1/devices/a/events?after=3')?.query.get('after')).toBe('3');
    expect(parseRequestTarget('//x:99999/')?.path).toBe('//x:99999/');
    expect(parseRequestTarget('/a/../b')?.path).toBe('/b');
  });

  it('reads absolute-form, as a proxy sends it', () => {
    expect(parseRequestTarget('http://collector.example:8443/healthz?x=1')).toMatchObject({ path: '/healthz' });
    expect(parseRequestTarget('http://[::1]:8443/healthz')?.path).toBe('/healthz');
  });

  it.each(['//[', '//%/', 'http://[/', '*', 'collector:80', '', '/%E0%A4%A', 'http://x:99999/', '/a b', '/a|b', undefined])('refuses %s', (target) => {
    expect(parseRequestTarget(target)).toBeNull();
  });

  it('never throws, whatever the target (issue #11, defect 7)', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('/', '//', 'http://', '[', ']', '%', ':', '@', '?', '#', '%zz', ':99999'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const parsed = parseRequestTarget(pieces.join(''));
        if (parsed !== null) expect(parsed.path.startsWith('/')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nestingBeyond', () => {
  const depthOf = (value: unknown): number =>
    Array.isArray(value) ? 1 + Math.max(0, ...value.map(depthOf)) : typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

  it('agrees with a recursive model on any JSON, brackets inside strings included', () => {
    const withBrackets = fc.jsonValue({ maxDepth: 6 }).chain((value) => fc.constantFrom(value, { '[{"': [value, '}]\\"['] }));
    fc.assert(
      fc.property(withBrackets, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 1 : undefined);
        const depth = depthOf(value);
        expect(nestingBeyond(text, depth)).toBeNull();
        if (depth > 0) expect(nestingBeyond(text, depth - 1)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('finds 200,000 levels without recursion', () => {
    expect(nestingBeyond('['.repeat(200_000) + ']'.repeat(200_000), 64)).toBe(64);
  });
});
