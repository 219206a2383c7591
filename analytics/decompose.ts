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

  const trend = centredMovingAverage(x, period);
  const multiplicative = model === 'multiplicative';
  const detrended = trend.map((t, i) => (t === null ? null : multiplicative ? x[i]! / t : x[i]! - t));

  // seasonal_mean: nanmean of detrended[k::P]. n ≥ 2P guarantees every phase has at least one defined value.
  const phase = new Float64Array(period);
  for (let k = 0; k < period; k++) {
    let sum = 0;
    let count = 0;
    for (let i = k; i < n; i += period) {
      const d = detrended[i];
      if (d !== null && d !== undefined) {
        sum += d;
        count++;
      }
    }
    phase[k] = sum / count;
  }
  let phaseMean = 0;
  for (const s of phase) phaseMean += s;
  phaseMean /= period;
  for (let k = 0; k < period; k++) phase[k] = multiplicative ? phase[k]! / phaseMean : phase[k]! - phaseMean;

  const seasonal = Array.from({ length: n }, (_, i) => phase[i % period]!);
  // statsmodels: additive resid = detrended − seasonal; multiplicative resid = x / seasonal / trend (in that order).
  const resid = trend.map((t, i) => {
    if (t === null) return null;
    return multiplicative ? x[i]! / seasonal[i]! / t : detrended[i]! - seasonal[i]!;
  });
  if (![...trend, ...seasonal, ...resid].every((v) => v === null || Number.isFinite(v))) {
    throw new AnalysisError('NUMERICAL_FAILURE', 'the decomposition produced a non-finite value');
  }
  return { model, period, trend, seasonal, resid };
}

/**
 * `convolution_filter(x, filt, nsides=2)` with filt = [0.5, 1, …, 1, 0.5]/P (even P) or [1/P]·P (odd P): the valid
 * part of the convolution, padded with NaN (here null) on both sides.
 */
function centredMovingAverage(x: readonly number[], period: number): (number | null)[] {
  const n = x.length;
  const even = period % 2 === 0;
  const weights = even
    ? Array.from({ length: period + 1 }, (_, j) => (j === 0 || j === period ? 0.5 : 1) / period)
    : new Array<number>(period).fill(1 / period);
  const half = even ? period / 2 : (period - 1) / 2;
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  for (let i = half; i < n - half; i++) {
    let s = 0;
    const from = i - half;
    for (let j = 0; j < weights.length; j++) s += weights[j]! * x[from + j]!;
    out[i] = s;
  }
  return out;
}
