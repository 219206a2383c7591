/**
 * The two benchmark models without smoothing parameters: seasonal naive and Prometheus' `predict_linear`.
 */
import { AnalysisError } from '../errors.ts';
import { lineFit } from './least-squares-line.ts';
import { seededNormal } from './random.ts';
import type { FittedModel, ForecastDistribution } from './types.ts';

/**
 * Seasonal naive: ŷ_{n+h} = y_{n+h−m(k+1)}, k = ⌊(h−1)/m⌋ (plain naive with m = 1), forecast standard deviation
 * σ·√(k+1) with σ² the mean squared lag-m difference (Hyndman & Athanasopoulos, "Forecasting: Principles and
 * Practice", 3rd ed., §5.5, Table 5.2). Its sample paths are the seasonal random walk y_t = y_{t−m} + ε_t the
 * model assumes.
 */
export function fitSeasonalNaive(y: ArrayLike<number>, period: number): FittedModel {
  const m = Math.max(period, 1);
  const n = y.length;
  if (n <= m) {
    throw new AnalysisError(
      'TOO_FEW_POINTS',
      `seasonal naive with period ${m} needs more than ${m} observations; got ${n}`,
    );
  }
  let ss = 0;
  for (let t = m; t < n; t++) ss += (y[t]! - y[t - m]!) ** 2;
  const sigma = Math.sqrt(ss / (n - m));
  return {
    name: 'seasonal-naive',
    period: period > 1 ? period : 0,
    sigma,
    params: { period: m },
    forecast(series: ArrayLike<number>, h: number): ForecastDistribution {
      const len = series.length;
      const mean = new Float64Array(h);
      const sd = new Float64Array(h);
      for (let k = 0; k < h; k++) {
        mean[k] = series[len - m + (k % m)]!;
        sd[k] = sigma * Math.sqrt(Math.floor(k / m) + 1);
      }
      const simulate = (count: number, seed: number): Float64Array => {
        const z = seededNormal(seed);
        const out = new Float64Array(count * h);
        for (let path = 0; path < count; path++) {
          for (let k = 0; k < h; k++) {
            const prev = k >= m ? out[path * h + k - m]! : series[len - m + k]!;
            out[path * h + k] = prev + sigma * z();
          }
        }
        return out;
      };
      return { mean, sd, simulate };
    },
  };
}

/**
 * What Prometheus' `predict_linear(v[w], t)` does: an ordinary least-squares line through the window's samples,
 * evaluated t ahead. The forecast's standard deviation is the OLS prediction error
 * s·√(1 + 1/w + (x₀ − x̄)²/Sxx) with s² = RSS/(w − 2) (e.g. Montgomery, Peck & Vining, "Introduction to Linear
 * Regression Analysis", §2.4.2), with normal rather than t quantiles (w is hundreds of points). The window is the
 * fitted series' length, refitted at each forecast as Prometheus re-evaluates the expression; sample paths treat
 * the residuals as independent.
 */
export function fitLinearTrend(y: ArrayLike<number>): FittedModel {
  const w = y.length;
  if (w < 3)
    throw new AnalysisError('TOO_FEW_POINTS', `a linear trend needs at least 3 observations; got ${w}`);
  const first = lineFit(y, w);
  return {
    name: 'linear-trend',
    period: 0,
    sigma: first.s,
    params: { intercept: first.intercept, slope: first.slope, window: w },
    forecast(series: ArrayLike<number>, h: number): ForecastDistribution {
      const f = lineFit(series, w);
      const mean = new Float64Array(h);
      const sd = new Float64Array(h);
      for (let k = 0; k < h; k++) {
        const x0 = f.w - 1 + k + 1;
        mean[k] = f.intercept + f.slope * x0;
        sd[k] = f.s * Math.sqrt(1 + 1 / f.w + (x0 - f.xbar) ** 2 / f.sxx);
      }
      const simulate = (count: number, seed: number): Float64Array => {
        const z = seededNormal(seed);
        const out = new Float64Array(count * h);
        for (let i = 0; i < count * h; i++) out[i] = mean[i % h]! + sd[i % h]! * z();
        return out;
      };
      return { mean, sd, simulate };
    },
  };
}
