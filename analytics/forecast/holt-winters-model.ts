/**
 * The Holt-Winters candidates (and the original's model) as forecast distributions, on top of the one
 * statsmodels-parity fit in `../holt-winters/`: the fit and point forecast are that module's; this file adds the
 * one-step error variance, the analytic variance for the additive models (ets-variance.ts) and sample paths.
 *
 * Sample paths follow statsmodels' `HoltWintersResults.simulate(error="add")`: each future value is the one-step
 * forecast from the current states plus a N(0, σ²) error, and the states are then updated with that value by the
 * same smoothing equations as the fit (Hyndman et al. 2008, §6.1, simulation for the non-linear classes).
 */
import { AnalysisError } from '../errors.ts';
import { fitModel } from '../holt-winters/fit.ts';
import { predict } from '../holt-winters/forecast.ts';
import { initialValues } from '../holt-winters/initial-values.ts';
import { runRecursion, Workspace } from '../holt-winters/recursions.ts';
import type { ModelSpec } from '../holt-winters/types.ts';
import * as hw from '../holt-winters/types.ts';
import { additiveEtsSd } from './ets-variance.ts';
import { seededNormal } from './random.ts';
import type { FittedModel, ForecastDistribution, ModelName } from './types.ts';

const { ADD, MUL, NONE, P_ALPHA, P_BETA, P_GAMMA, P_LEVEL, P_PHI, P_SEASON, P_TREND } = hw;

/** Fits `spec` to `y` (statsmodels `ExponentialSmoothing(...).fit()` parity) and returns it as a forecaster. */
export function fitHoltWintersModel(name: ModelName, y: Float64Array, spec: ModelSpec): FittedModel {
  const p = fitModel(y, spec).params;
  return holtWintersForecaster(name, y, spec, p);
}

/** Smoothing parameters kept from an earlier fit of the same model (its `FittedModel.params`). */
export interface KeptSmoothing {
  alpha?: number | null;
  beta?: number | null;
  gamma?: number | null;
  phi?: number | null;
  /**
   * The earlier fit's initial trend. The full fit optimises it (fit.ts, stage 1) and with a small β the trend never
   * recovers from a poor heuristic start, so it is kept too: a slope (or growth ratio) hardly changes between two
   * windows a few cycles apart. Absent: this window's heuristic value.
   */
  initial_trend?: number | null;
}

/**
 * The model with kept smoothing parameters and initial trend, and this window's heuristic initial level and
 * seasonals (statsmodels' "estimated" starting values, initial-values.ts): no optimisation, one O(n) recursion. What a cycle between two full fits
 * runs; on byte-sized series the full fit leaves the initial states at these heuristic values anyway
 * (fitted-states.ts).
 */
export function keptHoltWintersModel(
  name: ModelName,
  y: Float64Array,
  spec: ModelSpec,
  kept: KeptSmoothing,
): FittedModel {
  const need = (field: string, value: number | null | undefined): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new AnalysisError('INVALID_PARAMETER', `keep.${field} must be a finite number for ${name}`);
    }
    return value;
  };
  const init = initialValues(y, spec);
  const p = new Float64Array(6 + spec.m);
  p[P_ALPHA] = need('alpha', kept.alpha);
  p[P_BETA] = spec.trend === NONE ? 0 : need('beta', kept.beta);
  p[P_GAMMA] = spec.seasonal === NONE ? 0 : need('gamma', kept.gamma);
  p[P_PHI] = spec.damped ? need('phi', kept.phi) : 1;
  p[P_LEVEL] = init.level;
  const trend = kept.initial_trend;
  p[P_TREND] =
    spec.trend === NONE ? 0 : typeof trend === 'number' && Number.isFinite(trend) ? trend : init.trend!;
  p.set(init.seasonal, P_SEASON);
  return holtWintersForecaster(name, y, spec, p);
}

/** A forecaster for given parameters (as `fitModel` or a stored fit lays them out). */
export function holtWintersForecaster(
  name: ModelName,
  y: Float64Array,
  spec: ModelSpec,
  p: Float64Array,
): FittedModel {
  const n = y.length;
  const { sse } = predict(y, spec, p, 0);
  // σ² = SSE / (n − k) with k the estimated parameters: smoothing parameters, damping and initial states, as R's
  // forecast::ets does (Hyndman et al. 2008, §5.2).
  const k =
    2 + (spec.trend !== NONE ? 2 : 0) + (spec.damped ? 1 : 0) + (spec.seasonal !== NONE ? 1 + spec.m : 0);
  const sigma = Math.sqrt(sse / (n > k + 1 ? n - k : n));
  const additive = spec.trend !== MUL && spec.seasonal !== MUL;
  const phi = spec.damped ? p[P_PHI]! : 1;
  return {
    name,
    period: spec.m,
    sigma,
    params: {
      alpha: p[P_ALPHA]!,
      beta: spec.trend === NONE ? null : p[P_BETA]!,
      gamma: spec.seasonal === NONE ? null : p[P_GAMMA]!,
      phi: spec.damped ? phi : null,
      initial_level: p[P_LEVEL]!,
      initial_trend: spec.trend === NONE ? null : p[P_TREND]!,
    },
    forecast(series: ArrayLike<number>, h: number): ForecastDistribution {
      const mean = Float64Array.from(predict(series, spec, p, h).forecast);
      const sd = additive
        ? additiveEtsSd(
            {
              alpha: p[P_ALPHA]!,
              betaStar: spec.trend === NONE ? 0 : p[P_BETA]!,
              gamma: spec.seasonal === NONE ? 0 : p[P_GAMMA]!,
              phi,
              m: spec.m,
            },
            sigma,
            h,
          )
        : null;
      return { mean, sd, simulate: (count, seed) => simulatePaths(series, spec, p, sigma, h, count, seed) };
    },
  };
}

function simulatePaths(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: Float64Array,
  sigma: number,
  h: number,
  count: number,
  seed: number,
): Float64Array {
  const n = y.length;
  const { m, trend, seasonal, damped } = spec;
  const ws = new Workspace(n, m);
  runRecursion(y, spec, p, ws, n);
  const alpha = p[P_ALPHA]!;
  const beta = trend === NONE ? 0 : p[P_BETA]!;
  const gamma = seasonal === NONE ? 0 : p[P_GAMMA]!;
  const phi = damped ? p[P_PHI]! : 1;
  const ring = new Float64Array(Math.max(m, 1));
  const z = seededNormal(seed);
  const out = new Float64Array(count * h);
  for (let path = 0; path < count; path++) {
    let l = ws.l[n]!;
    let b = ws.b[n]!;
    // ring[(k − 1) mod m] is the seasonal state future step k reads (s[n + k − 1] in recursions.ts' indexing).
    for (let j = 0; j < m; j++) ring[j] = ws.s[n + j]!;
    for (let k = 0; k < h; k++) {
      const d = damped ? (trend === MUL ? b ** phi : phi * b) : b;
      const r = trend === ADD ? l + d : trend === MUL ? l * d : l;
      const idx = m > 0 ? k % m : 0;
      const sp = ring[idx]!;
      const fit = seasonal === ADD ? r + sp : seasonal === MUL ? r * sp : r;
      const v = fit + sigma * z();
      out[path * h + k] = v;
      const lp = l;
      if (seasonal === ADD) {
        l = alpha * (v - sp) + (1 - alpha) * r;
        ring[idx] = gamma * (v - r) + (1 - gamma) * sp;
      } else if (seasonal === MUL) {
        l = (alpha * v) / sp + (1 - alpha) * r;
        ring[idx] = (gamma * v) / r + (1 - gamma) * sp;
      } else l = alpha * v + (1 - alpha) * r;
      if (trend === ADD) b = beta * (l - lp) + (1 - beta) * d;
      else if (trend === MUL) b = beta * (l / lp) + (1 - beta) * d;
    }
  }
  return out;
}
