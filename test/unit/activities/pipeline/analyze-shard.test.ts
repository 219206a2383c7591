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
    states: null,
  });
  const step = 60_000;

  it('starts from the previous fit, and is cold without one or when it failed', () => {
    const end = new Date('2026-11-30T12:00:00Z');
    const prev = new Date(end.getTime() - 5 * 60_000);
    const warm = Array.from({ length: 20 }, (_, i) =>
      warmStartFor(`s${i}`, end, storedFit(prev), hour, step),
    );
    expect(warm.filter((w) => w !== null)[0]).toEqual({
      alpha: 0.4,
      beta: 0.01,
      gamma: 0.2,
      sse: 1234.5,
      n: 1441,
      states: null,
    });
    expect(warmStartFor('s', end, undefined, hour, step)).toBeNull();
    expect(warmStartFor('s', end, { ...storedFit(prev), alpha: null }, hour, step)).toBeNull();
  });

  it('passes stored initial states on with the number of steps between the two windows', () => {
    const end = new Date('2026-11-30T12:00:00Z');
    const states = { level: 40, trend: 1.0001, seasonal: [1, 2, 3] };
    for (const minutes of [5, 10, 1]) {
      const prev = new Date(end.getTime() - minutes * 60_000);
      const starts = Array.from({ length: 20 }, (_, i) =>
        warmStartFor(`s${i}`, end, { ...storedFit(prev), states }, hour, step),
      ).filter((w) => w !== null);
      expect(starts.length).toBeGreaterThan(0);
      for (const w of starts) expect(w.states).toEqual({ shift: minutes, ...states });
    }
    // At a 30 s step the same 5 minutes are 10 steps.
    const prev = new Date(end.getTime() - 5 * 60_000);
    const at30 = Array.from({ length: 20 }, (_, i) =>
      warmStartFor(`s${i}`, end, { ...storedFit(prev), states }, hour, 30_000),
    ).find((w) => w !== null);
    expect(at30?.states?.shift).toBe(10);
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
        if (warmStartFor(key, end, storedFit(prev), hour, step) === null) {
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
