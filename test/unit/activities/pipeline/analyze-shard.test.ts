import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardSlice, warmStartFor } from '../../../../activities/pipeline/analyze-shard.ts';

describe('shardSlice', () => {
  it('gives each series to exactly one shard, in contiguous blocks of at most ⌈n/shards⌉', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 1, max: 60 }), (n, shards) => {
        const all = Array.from({ length: n }, (_, i) => i);
        const slices = Array.from({ length: shards }, (_, s) => shardSlice(all, s, shards));
        expect(slices.flat()).toEqual(all);
        for (const slice of slices) expect(slice.length).toBeLessThanOrEqual(Math.ceil(n / shards));
      }),
    );
  });
});

describe('warmStartFor', () => {
  const hour = 3_600_000;
  const storedFit = (windowEnd: Date) => ({
    windowEnd,
    points: 1441,
    model: { trend: 'mul', seasonal: 'add', seasonalPeriods: 550, damped: false },
    alpha: 0.4,
    beta: 0.01,
    gamma: 0.2,
    sse: 1234.5,
  });

  it('starts from the previous fit, and is cold without one or when it failed', () => {
    const end = new Date('2026-11-30T12:00:00Z');
    const prev = new Date(end.getTime() - 5 * 60_000);
    const warm = Array.from({ length: 20 }, (_, i) => warmStartFor(`s${i}`, end, storedFit(prev), hour));
    expect(warm.filter((w) => w !== null)[0]).toEqual({
      alpha: 0.4,
      beta: 0.01,
      gamma: 0.2,
      sse: 1234.5,
      n: 1441,
    });
    expect(warmStartFor('s', end, undefined, hour)).toBeNull();
    expect(warmStartFor('s', end, { ...storedFit(prev), alpha: null }, hour)).toBeNull();
  });

  it('gives every series one cold fit per period, spread over the cycles', () => {
    const keys = Array.from({ length: 600 }, (_, i) => `node_filefd_allocated{instance="host-${i}"}`);
    const t0 = Date.parse('2026-11-30T00:00:00Z');
    const coldPerCycle: number[] = [];
    const coldPerKey = new Map<string, number>();
    // 12 five-minute cycles: one hour, each starting from the previous cycle's fit.
    for (let c = 1; c <= 12; c++) {
      const end = new Date(t0 + c * 5 * 60_000);
      const prev = new Date(end.getTime() - 5 * 60_000);
      let cold = 0;
      for (const key of keys) {
        if (warmStartFor(key, end, storedFit(prev), hour) === null) {
          cold++;
          coldPerKey.set(key, (coldPerKey.get(key) ?? 0) + 1);
        }
      }
      coldPerCycle.push(cold);
    }
    for (const key of keys) expect(coldPerKey.get(key), key).toBe(1);
    // Evenly spread: no cycle refits more than twice its share (600 / 12 = 50).
    expect(Math.max(...coldPerCycle)).toBeLessThanOrEqual(100);
  });
});
