import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POINTS_PER_QUERY, rangeSlices } from '../../../prometheus/sla-samples.ts';

describe('rangeSlices', () => {
  it('cuts [start, end] into consecutive slices that hold every step point exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000 }),
        fc.constantFrom(15, 60, 300),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }),
        (span, step, maxPoints, t0) => {
          const start = new Date(t0 * 1000);
          const end = new Date((t0 + span * step) * 1000);
          const slices = rangeSlices(start, end, step, maxPoints);
          const points = slices.flatMap(([from, to]) => {
            const n = (to.getTime() - from.getTime()) / (step * 1000) + 1;
            expect(Number.isInteger(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(1);
            expect(n).toBeLessThanOrEqual(maxPoints);
            return Array.from({ length: n }, (_, i) => from.getTime() + i * step * 1000);
          });
          const expected = Array.from({ length: span + 1 }, (_, i) => start.getTime() + i * step * 1000);
          expect(points).toEqual(expected);
        },
      ),
    );
  });

  it('leaves a short range whole, and cuts 12 h at 1 minute into slices of at most POINTS_PER_QUERY points', () => {
    const end = new Date('2026-11-30T12:00:00Z');
    const start = new Date(end.getTime() - 12 * 3_600_000 + 60_000);
    expect(rangeSlices(new Date(end.getTime() - 3_540_000), end, 60, POINTS_PER_QUERY)).toEqual([
      [new Date(end.getTime() - 3_540_000), end],
    ]);
    const slices = rangeSlices(start, end, 60, POINTS_PER_QUERY);
    expect(slices).toHaveLength(Math.ceil(720 / POINTS_PER_QUERY));
    expect(slices[0]![0]).toEqual(start);
    expect(slices.at(-1)![1]).toEqual(end);
  });
});
