import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunk,
  clip,
  decodeFloat64,
  encodeFloat64,
  sha256Hex,
  toInstant,
  toUnsigned,
  UnstorableValue,
} from '../../../drizzle/codec.ts';

describe('float64 packing', () => {
  it('round-trips every finite double and null bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null })),
        (values) => {
          expect(decodeFloat64(encodeFloat64(values))).toEqual(values);
        },
      ),
    );
  });

  it('keeps the byte counts a FLOAT column lost', () => {
    const bytes = [16_647_192_576.125, 9_007_199_254_740_991, 1e13 + 0.5];
    expect(decodeFloat64(encodeFloat64(bytes))).toEqual(bytes);
    expect(encodeFloat64(bytes)).toHaveLength(24);
  });

  it('refuses a blob that is not whole doubles', () => {
    expect(() => decodeFloat64(Buffer.alloc(12))).toThrow(RangeError);
  });
});

describe('column conversions', () => {
  it('hashes keys byte-exactly (case matters, unlike a *_ci collation)', () => {
    expect(sha256Hex('node_load1{instance="A"}')).not.toBe(sha256Hex('node_load1{instance="a"}'));
    expect(sha256Hex('x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts instants with any offset, within DATETIME range only', () => {
    expect(toInstant('2026-11-26T13:00:00.123+01:00', 't').toISOString()).toBe('2026-11-26T12:00:00.123Z');
    expect(() => toInstant('0999-12-31T23:59:59Z', 't')).toThrow(UnstorableValue);
    expect(() => toInstant('not a date', 't')).toThrow(UnstorableValue);
  });

  it('checks unsigned column ranges', () => {
    expect(toUnsigned(65_535, 65_535, 'x')).toBe(65_535);
    expect(() => toUnsigned(65_536, 65_535, 'x')).toThrow(UnstorableValue);
    expect(() => toUnsigned(-1, 10, 'x')).toThrow(UnstorableValue);
    expect(() => toUnsigned(1.5, 10, 'x')).toThrow(UnstorableValue);
  });

  it('clips long text with a visible mark', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});

describe('chunk', () => {
  it('splits by row count', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });

  it('splits by estimated bytes, never leaving an oversized row alone out', () => {
    const rows = [5, 5, 5, 20, 1];
    expect(chunk(rows, 100, 10, (n) => n)).toEqual([[5, 5], [5], [20], [1]]);
  });

  it('keeps every row, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50)),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 60 }),
        (rows, n, b) => {
          const parts = chunk(rows, n, b, (x) => x);
          expect(parts.flat()).toEqual(rows);
          for (const p of parts) {
            expect(p.length).toBeGreaterThan(0);
            expect(p.length).toBeLessThanOrEqual(n);
            if (p.length > 1) expect(p.reduce((a, x) => a + x, 0)).toBeLessThanOrEqual(b);
          }
        },
      ),
    );
  });
});
