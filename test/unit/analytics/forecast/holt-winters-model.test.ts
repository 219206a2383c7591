import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { additiveEtsSd } from '../../../../analytics/forecast/ets-variance.ts';
import { holtWintersForecaster } from '../../../../analytics/forecast/holt-winters-model.ts';
import { predictionIntervals } from '../../../../analytics/forecast/intervals.ts';
import { ADD, type ModelSpec, NONE } from '../../../../analytics/holt-winters/types.ts';
import { normQuantile } from '../../../../analytics/normal.ts';

interface Case {
  name: string;
  trend: string | null;
  damped: boolean;
  seasonal: string | null;
  m: number;
  y: number[];
  alpha: number;
  beta: number | null;
  gamma: number | null;
  phi: number | null;
  initial_level: number;
  initial_trend: number | null;
  initial_seasons_hw_order: number[];
  mse: number;
  intervals: Record<'0.2' | '0.05', { mean: number[]; lower: number[]; upper: number[] }>;
}

// statsmodels ETSModel(...).smooth(params).get_prediction(...).summary_frame(alpha), by
// scripts/reference/generate_forecast_fixtures.py.
const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/forecast/ets_intervals.json', import.meta.url), 'utf8'),
) as { horizon: number; cases: Case[] };

/** The case as a Holt-Winters spec and parameter vector: β* = β/α (ets-variance.ts), seasonals in HW order. */
function hwModel(c: Case): { spec: ModelSpec; p: Float64Array } {
  const spec: ModelSpec = {
    trend: c.trend === 'add' ? ADD : NONE,
    seasonal: c.seasonal === 'add' ? ADD : NONE,
    m: c.m,
    damped: c.damped,
  };
  const p = new Float64Array(6 + c.m);
  p[0] = c.alpha;
  p[1] = c.beta === null ? 0 : c.beta / c.alpha;
  p[2] = c.gamma ?? 0;
  p[3] = c.initial_level;
  p[4] = c.initial_trend ?? 0;
  p[5] = c.phi ?? 1;
  p.set(c.initial_seasons_hw_order, 6);
  return { spec, p };
}

describe('additive Holt-Winters intervals against statsmodels ETSModel', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: same point forecasts and same 80 % / 95 % bounds`, () => {
      const { spec, p } = hwModel(c);
      const h = fixture.horizon;
      const dist = holtWintersForecaster('hw-add', Float64Array.from(c.y), spec, p).forecast(c.y, h);
      // statsmodels scales by mean(resid²); the forecaster's own σ uses n − k (a different estimator), so the
      // formula is compared at statsmodels' σ.
      const sd = additiveEtsSd(
        {
          alpha: c.alpha,
          betaStar: c.beta === null ? 0 : c.beta / c.alpha,
          gamma: c.gamma ?? 0,
          phi: c.phi ?? 1,
          m: c.m,
        },
        Math.sqrt(c.mse),
        h,
      );
      for (const [key, level] of [
        ['0.2', 0.8],
        ['0.05', 0.95],
      ] as const) {
        const ref = c.intervals[key];
        const z = normQuantile((1 + level) / 2);
        for (let k = 0; k < h; k++) {
          // Holt-Winters' forecast at steps ≡ 0 (mod m) reuses an older seasonal (statsmodels' own quirk in
          // `ExponentialSmoothing._predict`, see holt-winters/forecast.ts), so means are compared below m.
          if (c.m === 0 || k + 1 < c.m) expect(dist.mean[k]).toBeCloseTo(ref.mean[k]!, 8);
          const half = (ref.upper[k]! - ref.lower[k]!) / 2;
          expect(z * sd[k]!).toBeCloseTo(half, 8);
        }
      }
    });
  }
});

describe('Holt-Winters forecast distribution', () => {
  const c = fixture.cases.find((x) => x.name === 'AAdA')!;
  const { spec, p } = hwModel(c);
  const model = holtWintersForecaster('hw-add-damped', Float64Array.from(c.y), spec, p);

  it('widens its intervals with the horizon', () => {
    const sd = model.forecast(c.y, 30).sd!;
    for (let k = 1; k < 30; k++) expect(sd[k]!).toBeGreaterThan(sd[k - 1]!);
  });

  it('simulates paths whose quantiles match the analytic normal bands', () => {
    const dist = model.forecast(c.y, 12);
    const analytic = predictionIntervals(dist, [0.95]).bands[0]!;
    const simulated = predictionIntervals({ ...dist, sd: null }, [0.95], { paths: 40_000, seed: 3 })
      .bands[0]!;
    for (let k = 0; k < 12; k++) {
      const width = analytic.upper[k]! - analytic.lower[k]!;
      expect(Math.abs(simulated.lower[k]! - analytic.lower[k]!)).toBeLessThan(0.03 * width);
      expect(Math.abs(simulated.upper[k]! - analytic.upper[k]!)).toBeLessThan(0.03 * width);
    }
  });

  it('gives the same paths for the same seed', () => {
    const dist = model.forecast(c.y, 5);
    expect(dist.simulate(10, 9)).toEqual(dist.simulate(10, 9));
    expect(dist.simulate(10, 9)).not.toEqual(dist.simulate(10, 10));
  });
});
