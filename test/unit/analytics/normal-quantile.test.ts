import { describe, expect, it } from 'vitest';
import { normCdf, normQuantile } from '../../../analytics/normal.ts';

describe('normQuantile', () => {
  it('gives the textbook quantiles (scipy.stats.norm.ppf)', () => {
    expect(normQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normQuantile(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(normQuantile(0.5)).toBe(0);
    expect(normQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  });

  it('inverts the normal CDF across the three ranges of AS 241', () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.2, 0.4, 0.5, 0.6, 0.9, 0.999, 1 - 1e-12]) {
      const z = normQuantile(p);
      expect(Math.abs(normCdf(z) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-12);
    }
  });

  it('is ±∞ at 0 and 1 and NaN outside', () => {
    expect(normQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normQuantile(1.5)).toBeNaN();
  });
});
