import { describe, expect, it } from 'vitest';
import { detectSeasonality } from '../../../../analytics/forecast/period.ts';
import { seededNormal } from '../../../../analytics/forecast/random.ts';
import { sineWithNoise, whiteNoise } from './simulated-series.ts';

describe('detectSeasonality', () => {
  it('finds a planted hourly period (60) in 12 h of minutes', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = detectSeasonality(sineWithNoise(720, 60, 2, seed));
      expect(r.period).toBe(60);
      expect(r.strength).toBeGreaterThan(0.5);
    }
  });

  it('finds a planted daily period (1,440) in 4 days of minutes, under a trend', () => {
    for (const seed of [5, 6, 7]) {
      const y = sineWithNoise(4 * 1440, 1440, 3, seed).map((v, i) => v + 0.001 * i);
      const r = detectSeasonality(y);
      // Within 1 %: the ACF's hilltop at a four-cycle lag is flat to a few tenths of a percent over ±20 lags.
      expect(Math.abs(r.period! - 1440)).toBeLessThanOrEqual(14);
    }
  });

  it('refuses white noise and random walks', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(detectSeasonality(whiteNoise(600 + 37 * seed, seed)).period).toBeNull();
      let w = 0;
      const z = seededNormal(100 + seed);
      expect(detectSeasonality(Array.from({ length: 1440 }, () => (w += z()))).period).toBeNull();
    }
  });

  it('returns no period for constant or very short series', () => {
    expect(detectSeasonality(new Array(100).fill(3)).period).toBeNull();
    expect(detectSeasonality([1, 2, 1]).period).toBeNull();
  });
});
