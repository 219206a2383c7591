import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardSlice } from '../../../../activities/pipeline/analyze-shard.ts';

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
