/**
 * Starting values of the "estimated" initialization (statsmodels ≥ 0.13 default), ported from
 * `tsa/exponential_smoothing/initialization.py`: `_initialization_heuristic` when n ≥ 10 + 2·(m//2), otherwise
 * `_initialization_simple` (`ExponentialSmoothing._initialize`). Without seasonality m = 0, so the heuristic applies
 * from 10 observations on.
 */
import { ADD, type ModelSpec, MUL, NONE } from './types.ts';

export interface InitialValues {
  method: 'heuristic' | 'simple';
  level: number;
  trend: number | null;
  seasonal: Float64Array;
}

export function initialValues(y: ArrayLike<number>, spec: ModelSpec): InitialValues {
  const n = y.length;
  if (n < 10 + 2 * Math.floor(spec.m / 2)) return simpleInit(y, spec);
  return heuristicInit(y, spec);
}

function simpleInit(y: ArrayLike<number>, spec: ModelSpec): InitialValues {
  const { m, trend, seasonal } = spec;
  if (seasonal === NONE) {
    const y0 = y[0]!;
    const y1 = y[1]!;
    return {
      method: 'simple',
      level: y0,
      trend: trend === ADD ? y1 - y0 : trend === MUL ? y1 / y0 : null,
      seasonal: new Float64Array(0),
    };
  }
  let sum = 0;
  for (let j = 0; j < m; j++) sum += y[j]!;
  const level = sum / m;
  let initialTrend: number | null = null;
  // statsmodels uses the additive slope `mean(diff(m)[m:2m] / m)` for a multiplicative trend too (a known quirk).
  if (trend !== NONE) {
    let t = 0;
    for (let j = 0; j < m; j++) t += (y[m + j]! - y[j]!) / m;
    initialTrend = t / m;
  }
  const s = new Float64Array(m);
  for (let j = 0; j < m; j++) s[j] = seasonal === ADD ? y[j]! - level : y[j]! / level;
  return { method: 'simple', level, trend: initialTrend, seasonal: s };
}

function heuristicInit(y: ArrayLike<number>, spec: ModelSpec): InitialValues {
  const { m, trend, seasonal } = spec;
  let base: ArrayLike<number> = y;
  let s: Float64Array = new Float64Array(0);
  if (seasonal !== NONE) {
    const n = y.length;
    const minObs = 10 + 2 * Math.floor(m / 2);
    const cycles = Math.max(Math.min(5, Math.floor(n / m)), Math.ceil(minObs / m));
    const len = Math.min(n, m * cycles);
    const t = centredMovingAverage(y, len, m);
    s = seasonalMeans(y, t, len, m, cycles, seasonal);
    base = t.filter((v) => !Number.isNaN(v));
  }
  // OLS of the first 10 (seasonally adjusted) values on [1, t], t = 1..10 (statsmodels uses pinv; closed form here).
  let mean = 0;
  for (let i = 0; i < 10; i++) mean += base[i]!;
  mean /= 10;
  let sxy = 0;
  for (let i = 0; i < 10; i++) sxy += (i + 1 - 5.5) * (base[i]! - mean);
  const slope = sxy / 82.5;
  const level = mean - 5.5 * slope;
  return {
    method: 'heuristic',
    level,
    trend: trend === ADD ? slope : trend === MUL ? 1 + slope / level : null,
    seasonal: s,
  };
}

/**
 * pandas `rolling(m, center=True).mean()` over y[0:len], followed for even m by `.shift(-1).rolling(2).mean()`
 * (the 2×m moving average). NaN where the window does not fit. Window sums slide with Neumaier compensation, as
 * pandas' compensated rolling sum does, so 1e10-sized values keep their digits.
 */
function centredMovingAverage(y: ArrayLike<number>, len: number, m: number): Float64Array {
  // r[i] = mean(y[i − ⌊m/2⌋ … i − ⌊m/2⌋ + m − 1]) is pandas' centred label for window m.
  const h = Math.floor(m / 2);
  const r = new Float64Array(len).fill(Number.NaN);
  let sum = 0;
  let comp = 0;
  const add = (v: number) => {
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  };
  for (let j = 0; j < len; j++) {
    add(y[j]!);
    if (j >= m) add(-y[j - m]!);
    if (j >= m - 1) r[j - m + 1 + h] = (sum + comp) / m;
  }
  if (m % 2 === 1) return r;
  const t = new Float64Array(len).fill(Number.NaN);
  for (let i = 0; i + 1 < len; i++) t[i] = (r[i]! + r[i + 1]!) / 2;
  return t;
}

/** Phase-wise nanmean of the detrended first cycles, normalised to mean 0 (additive) or 1 (multiplicative). */
function seasonalMeans(
  y: ArrayLike<number>,
  t: Float64Array,
  len: number,
  m: number,
  cycles: number,
  seasonal: number,
): Float64Array {
  const s = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    let sum = 0;
    let count = 0;
    for (let k = 0; k < cycles; k++) {
      const i = p + k * m;
      if (i >= len) break;
      const ti = t[i]!;
      if (Number.isNaN(ti)) continue;
      sum += seasonal === ADD ? y[i]! - ti : y[i]! / ti;
      count++;
    }
    s[p] = count > 0 ? sum / count : Number.NaN;
  }
  let mean = 0;
  for (let p = 0; p < m; p++) mean += s[p]!;
  mean /= m;
  for (let p = 0; p < m; p++) s[p] = seasonal === ADD ? s[p]! - mean : s[p]! / mean;
  return s;
}
