import { describe, expect, it } from 'vitest';
import { WindowStatsCache } from '../../../prometheus/window-stats.ts';

function piece(n: number) {
  return {
    series: Array.from({ length: n }, (_, i) => ({ key: `m{host="h${i}"}`, labels: { host: `h${i}` } })),
    count: new Float64Array(n).fill(60),
    max: new Float64Array(n).fill(1),
    min: new Float64Array(n).fill(0),
  };
}

describe('WindowStatsCache', () => {
  it('keeps pieces by selector and piece end', () => {
    const cache = new WindowStatsCache();
    cache.set('m{job="a"}', 3600, piece(3));
    expect(cache.get('m{job="a"}', 3600)?.series).toHaveLength(3);
    expect(cache.get('m{job="a"}', 7200)).toBeUndefined();
    expect(cache.get('m{job="b"}', 3600)).toBeUndefined();
  });

  it('drops the least recently used pieces past its size, counted in series-pieces', () => {
    const cache = new WindowStatsCache(10);
    cache.set('s', 3600, piece(4));
    cache.set('s', 7200, piece(4));
    cache.get('s', 3600);
    cache.set('s', 10_800, piece(4));
    expect(cache.seriesPieces).toBe(8);
    expect(cache.get('s', 7200)).toBeUndefined();
    expect(cache.get('s', 3600)).toBeDefined();
    expect(cache.get('s', 10_800)).toBeDefined();
  });

  it('replaces a piece stored again without counting it twice', () => {
    const cache = new WindowStatsCache();
    cache.set('s', 3600, piece(4));
    cache.set('s', 3600, piece(5));
    expect(cache.seriesPieces).toBe(5);
  });

  it('forgets a piece an hour after it was stored, so a later backfill of it is seen', () => {
    let now = 0;
    const cache = new WindowStatsCache(1_000, () => now);
    cache.set('s', 3600, piece(2));
    now = 3_600_000;
    expect(cache.get('s', 3600)).toBeDefined();
    now = 3_600_001;
    expect(cache.get('s', 3600)).toBeUndefined();
    expect(cache.seriesPieces).toBe(0);
  });
});
