/** Algebraic properties that hold for any series, checked on random ones. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acf } from '../../../analytics/acf.ts';
import { type AdfResult, adfuller } from '../../../analytics/adf.ts';
import { seasonalDecompose } from '../../../analytics/decompose.ts';
import { AnalysisError } from '../../../analytics/errors.ts';
import { hpfilter } from '../../../analytics/hp.ts';
import { expectClose } from './reference.ts';

const EPS = 2.220446049250313e-16;

/**
 * Noisy series of moderate magnitude like metric data: noise on a 0.001 grid, optionally integrated (random walk),
 * plus a level. The grid keeps the shrinker away from series that differ only at rounding level, on which any
 * statistic is ill-conditioned (a 1-ulp change of the data moves it by more than the tolerance).
 */
const series = (minLength: number, maxLength: number) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength, maxLength }),
      fc.boolean(),
      fc.integer({ min: -1000, max: 1000 }),
    )
    .map(([noise, integrate, level]) => {
      let acc = 0;
      return noise.map((e) => {
        acc = integrate ? acc + e : e;
        return level + acc / 1000;
      });
    });

/** Excludes series whose spread is at rounding level, where scaling itself can merge or split distinct values. */
function hasSpread(x: readonly number[]): boolean {
  const lo = Math.min(...x);
  const hi = Math.max(...x);
  return hi - lo > 1e-6 * Math.max(Math.abs(lo), Math.abs(hi)) && hi - lo > 1e-100;
}

function adfOrCode(x: number[], options: Parameters<typeof adfuller>[1]): AdfResult | string {
  try {
    return adfuller(x, options);
  } catch (err) {
    if (err instanceof AnalysisError) return err.code;
    throw err;
  }
}

describe('HP filter', () => {
  it('trend + cycle = x', () => {
    fc.assert(
      fc.property(series(2, 300), fc.double({ min: 0, max: 1e5, noNaN: true }), (x, lambda) => {
        const { trend, cycle } = hpfilter(x, lambda);
        x.forEach((v, i) => {
          const err = Math.abs(trend[i]! + cycle[i]! - v);
          expect(err).toBeLessThanOrEqual(4 * EPS * Math.max(Math.abs(v), Math.abs(trend[i]!), 1e-300));
        });
      }),
    );
  });

  it('leaves a straight line unchanged (K·x = 0)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 500 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (n, a, b) => {
          const x = Array.from({ length: n }, (_, i) => a + b * i);
          const { cycle } = hpfilter(x, 1600);
          const scale = Math.max(...x.map(Math.abs), 1);
          for (const c of cycle) expect(Math.abs(c)).toBeLessThan(1e-7 * scale);
        },
      ),
    );
  });
});

describe('ACF', () => {
  it('ACF[0] = 1, |ACF[k]| ≤ 1, and direct sums equal the FFT', () => {
    fc.assert(
      fc.property(series(2, 400), (x) => {
        fc.pre(hasSpread(x));
        const direct = acf(x, { method: 'direct' });
        const viaFft = acf(x, { method: 'fft' });
        expect(direct[0]).toBe(1);
        direct.forEach((r, k) => {
          expect(Math.abs(r!)).toBeLessThanOrEqual(1 + 1e-12);
          expectClose(viaFft[k]!, r!, 0, 1e-12, `acf[${k}]`);
        });
      }),
    );
  });
});

describe('seasonal decomposition', () => {
  it('additive parts add back to x and the seasonal pattern sums to 0', () => {
    fc.assert(
      fc.property(series(4, 300), fc.integer({ min: 1, max: 40 }), (x, period) => {
        fc.pre(x.length >= 2 * period);
        const { trend, seasonal, resid } = seasonalDecompose(x, { model: 'additive', period });
        const scale = Math.max(...x.map(Math.abs), 1);
        x.forEach((v, i) => {
          if (trend[i] === null) return;
          expect(Math.abs(trend[i]! + seasonal[i]! + resid[i]! - v)).toBeLessThan(1e-12 * scale);
        });
        const cycleSum = seasonal.slice(0, period).reduce((a, b) => a + b, 0);
        expect(Math.abs(cycleSum)).toBeLessThan(1e-10 * scale);
      }),
    );
  });

  it('multiplicative parts multiply back to x and the seasonal pattern averages 1', () => {
    fc.assert(
      fc.property(series(4, 300), fc.integer({ min: 1, max: 40 }), (raw, period) => {
        fc.pre(raw.length >= 2 * period);
        const x = raw.map((v) => Math.abs(v) + 1);
        const { trend, seasonal, resid } = seasonalDecompose(x, { model: 'multiplicative', period });
        x.forEach((v, i) => {
          if (trend[i] === null) return;
          expectClose(trend[i]! * seasonal[i]! * resid[i]!, v, 1e-12, 0, `x[${i}]`);
        });
        const mean = seasonal.slice(0, period).reduce((a, b) => a + b, 0) / period;
        expectClose(mean, 1, 1e-12, 0, 'mean seasonal');
      }),
    );
  });
});

describe('ADF', () => {
  const options = fc.record({
    maxlag: fc.constantFrom(0, 1, 3, null),
    regression: fc.constantFrom('c' as const, 'ct' as const),
    autolag: fc.constantFrom('AIC' as const, 'BIC' as const, 't-stat' as const, null),
  });

  it('the statistic is unchanged by affine rescaling when the regression has a constant', () => {
    fc.assert(
      fc.property(
        series(12, 200),
        options,
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (x, opts, a, shift) => {
          fc.pre(hasSpread(x));
          // The shift is relative to the spread, so rounding of a·(x + b) stays far below the tolerance.
          const spread = Math.max(...x) - Math.min(...x);
          const y = x.map((v) => a * (v + shift * spread));
          const rx = adfOrCode(x, opts);
          const ry = adfOrCode(y, opts);
          if (typeof rx === 'string' || typeof ry === 'string') {
            expect(ry).toEqual(rx);
            return;
          }
          expect(ry.usedlag).toBe(rx.usedlag);
          expect(ry.nobs).toBe(rx.nobs);
          expectClose(ry.statistic, rx.statistic, 1e-6, 1e-9, 'statistic');
          expectClose(ry.pvalue, rx.pvalue, 1e-6, 1e-15, 'pvalue');
        },
      ),
    );
  });

  it('without a constant ("n") the statistic is unchanged by scaling', () => {
    fc.assert(
      fc.property(series(12, 200), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (x, a) => {
        fc.pre(hasSpread(x));
        const opts = { maxlag: 3, regression: 'n' as const, autolag: 'AIC' as const };
        const rx = adfOrCode(x, opts);
        const ry = adfOrCode(
          x.map((v) => a * v),
          opts,
        );
        if (typeof rx === 'string' || typeof ry === 'string') {
          expect(ry).toEqual(rx);
          return;
        }
        expect(ry.usedlag).toBe(rx.usedlag);
        expectClose(ry.statistic, rx.statistic, 1e-6, 1e-9, 'statistic');
      }),
    );
  });

  it('reports an exactly linear counter as a numerical failure instead of an arbitrary statistic', () => {
    const x = Array.from({ length: 200 }, (_, i) => 1.7e9 + 60 * i);
    expect(adfOrCode(x, {})).toBe('NUMERICAL_FAILURE');
  });
});
