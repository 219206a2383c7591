/**
 * The report's non-finite scan (`firstNonFinitePath`) against the straightforward path-building walk it replaced:
 * same path, and the same −0 → 0 normalisation (up to the first hit, none after it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstNonFinitePath } from '../../../analytics/report.ts';

/** The previous implementation, verbatim. */
function referencePath(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(root)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (Object.is(value[i], -0)) value[i] = 0;
      const hit = referencePath(value[i], `${path}[${i}]`);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (Object.is(v, -0)) (value as Record<string, unknown>)[key] = 0;
      const hit = referencePath(v, path ? `${path}.${key}` : key);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** Deep equality that tells −0 from 0 and NaN from null. */
function expectSameShape(a: unknown, b: unknown): void {
  if (typeof a === 'number' || typeof b === 'number') {
    expect(Object.is(a, b), `${String(a)} vs ${String(b)}`).toBe(true);
    return;
  }
  if (Array.isArray(a)) {
    expect(Array.isArray(b)).toBe(true);
    const bb = b as unknown[];
    expect(a.length).toBe(bb.length);
    for (let i = 0; i < a.length; i++) expectSameShape(a[i], bb[i]);
    return;
  }
  if (a !== null && typeof a === 'object') {
    expect(Object.keys(a)).toEqual(Object.keys(b as object));
    for (const k of Object.keys(a)) expectSameShape((a as never)[k], (b as never)[k]);
    return;
  }
  expect(a).toBe(b);
}

const leaf = fc.oneof(
  { weight: 6, arbitrary: fc.double() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 'x', true) },
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 6 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'trend', 'std', '1h', '0'), tie('node'), { maxKeys: 4 }),
  ),
})).node;

describe('firstNonFinitePath', () => {
  it('matches the path-building walk on random reports, including the −0 normalisation', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const mine = structuredClone(value);
        const theirs = structuredClone(value);
        expect(firstNonFinitePath(mine)).toBe(referencePath(theirs, ''));
        expectSameShape(mine, theirs);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    [{ a: 1, b: [1, 2, Number.NaN] }, 'b[2]'],
    [{ hp: { trend: [0, -0, 1], cycle: [Number.POSITIVE_INFINITY] } }, 'hp.cycle[0]'],
    [Number.NaN, '(root)'],
    [[[1], [2, [Number.NEGATIVE_INFINITY]]], '[1][1][0]'],
    [{ a: [-0, 1], b: { c: -0 } }, null],
  ])('names %j as %j', (value, path) => {
    expect(firstNonFinitePath(value)).toBe(path);
  });

  it('turns −0 into 0 before the first hit and leaves the rest alone', () => {
    const v = { a: [-0, -0], b: Number.NaN, c: [-0] };
    expect(firstNonFinitePath(v)).toBe('b');
    expect(Object.is(v.a[0], 0) && Object.is(v.a[1], 0)).toBe(true);
    expect(Object.is(v.c[0], -0)).toBe(true);
  });
});
