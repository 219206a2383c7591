/**
 * Classical seasonal decomposition, statsmodels `tsa.seasonal.seasonal_decompose(x, model, period)` with its defaults
 * two_sided=True, extrapolate_trend=0 (ALGORITHMS.md §4).
 *
 * trend = centred moving average (2×P for even P, plain P-term for odd P), undefined (null) for the first and last
 * ⌊P/2⌋ points; seasonal = per-phase mean of the detrended series (phase = index mod P from the first sample),
 * centred to sum 0 (additive) or normalised to mean 1 (multiplicative); resid = what is left.
 */
import { AnalysisError } from './errors.ts';

export type DecomposeModel = 'additive' | 'multiplicative';

export interface DecomposeOptions {
  model: DecomposeModel;
  period: number;
}

export interface DecomposeResult {
  model: DecomposeModel;
  period: number;
  trend: (number | null)[];
  seasonal: number[];
  resid: (number | null)[];
}

export const DECOMPOSE_DEFAULTS: DecomposeOptions = { model: 'additive', period: 60 };

export function seasonalDecompose(
  x: readonly number[],
  options: Partial<DecomposeOptions> = {},
): DecomposeResult {
  const { model, period } = { ...DECOMPOSE_DEFAULTS, ...options };
  const n = x.length;
  if (!Number.isInteger(period) || period < 1) {
    throw new AnalysisError('INVALID_PARAMETER', `period must be a positive integer, got ${period}`);
  }
  for (const v of x) {
    if (!Number.isFinite(v))
      throw new AnalysisError('NON_FINITE_VALUE', 'This function does not handle missing values');
  }
  if (model === 'multiplicative' && x.some((v) => v <= 0)) {
    throw new AnalysisError(
      'NON_POSITIVE_VALUES',
      'Multiplicative seasonality is not appropriate for zero and negative values',
    );
  }
  if (n < 2 * period) {
    throw new AnalysisError(
      'TOO_FEW_POINTS',
      `x must have 2 complete cycles requires ${2 * period} observations. x only has ${n} observation(s)`,
    );
  }

  // The trend is defined on [half, n − half) and null outside (n ≥ 2P keeps that range non-empty); the detrended
  // series lives in a Float64Array over the same range rather than in a boxed (number | null)[].
  const half = period % 2 === 0 ? period / 2 : (period - 1) / 2;
  const end = n - half;
  const ma = centredMovingAverage(x, period);
  const multiplicative = model === 'multiplicative';
  const trend: (number | null)[] = new Array<number | null>(n).fill(null);
  const detrended = new Float64Array(n);
  for (let i = half; i < end; i++) {
    const t = ma[i]!;
    trend[i] = t;
    detrended[i] = multiplicative ? x[i]! / t : x[i]! - t;
  }

  // seasonal_mean: nanmean of detrended[k::P]. n ≥ 2P guarantees every phase has at least one defined value.
  const phase = new Float64Array(period);
  for (let k = 0; k < period; k++) {
    let sum = 0;
    let count = 0;
    for (let i = k; i < n; i += period) {
      if (i >= half && i < end) {
        sum += detrended[i]!;
        count++;
      }
    }
    phase[k] = sum / count;
  }
  let phaseMean = 0;
  for (const s of phase) phaseMean += s;
  phaseMean /= period;
  for (let k = 0; k < period; k++) phase[k] = multiplicative ? phase[k]! / phaseMean : phase[k]! - phaseMean;

  const seasonal: number[] = [];
  for (let i = 0, k = 0; i < n; i++, k = k + 1 === period ? 0 : k + 1) seasonal.push(phase[k]!);
  // statsmodels: additive resid = detrended − seasonal; multiplicative resid = x / seasonal / trend (in that order).
  const resid: (number | null)[] = new Array<number | null>(n).fill(null);
  for (let i = half; i < end; i++) {
    resid[i] = multiplicative ? x[i]! / seasonal[i]! / ma[i]! : detrended[i]! - seasonal[i]!;
  }
  if (!allFiniteOrNull(trend) || !allFiniteOrNull(seasonal) || !allFiniteOrNull(resid)) {
    throw new AnalysisError('NUMERICAL_FAILURE', 'the decomposition produced a non-finite value');
  }
  return { model, period, trend, seasonal, resid };
}

function allFiniteOrNull(values: readonly (number | null)[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== null && !Number.isFinite(v)) return false;
  }
  return true;
}

/**
 * `convolution_filter(x, filt, nsides=2)` with filt = [0.5, 1, …, 1, 0.5]/P (even P) or [1/P]·P (odd P): the valid
 * part of the convolution. Only [⌊P/2⌋, n − ⌊P/2⌋) is filled; the caller pads the rest with null, as statsmodels does
 * with NaN.
 */
function centredMovingAverage(x: readonly number[], period: number): Float64Array {
  const n = x.length;
  const even = period % 2 === 0;
  const width = even ? period + 1 : period;
  const weights = new Float64Array(width);
  for (let j = 0; j < width; j++)
    weights[j] = even ? (j === 0 || j === period ? 0.5 : 1) / period : 1 / period;
  const half = even ? period / 2 : (period - 1) / 2;
  const out = new Float64Array(n);
  const end = n - half;
  let i = half;
  // Four outputs at a time: each sum still adds its terms in order j = 0, 1, … (the same roundings as one at a
  // time), but the four independent chains keep the FPU busy instead of waiting on one addition after another.
  for (; i + 3 < end; i += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const from = i - half;
    for (let j = 0; j < width; j++) {
      const w = weights[j]!;
      s0 += w * x[from + j]!;
      s1 += w * x[from + j + 1]!;
      s2 += w * x[from + j + 2]!;
      s3 += w * x[from + j + 3]!;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < end; i++) {
    let s = 0;
    const from = i - half;
    for (let j = 0; j < width; j++) s += weights[j]! * x[from + j]!;
    out[i] = s;
  }
  return out;
}
