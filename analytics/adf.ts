/**
 * Augmented Dickey-Fuller unit-root test, statsmodels `tsa.stattools.adfuller` (ALGORITHMS.md §1).
 *
 * Differences in method, not in result:
 * - Least squares by Householder QR instead of statsmodels' SVD pseudo-inverse (both stable; the normal equations
 *   are not, on raw byte counts).
 * - x is standardised first. With a constant in the regression the τ statistic and the lag choice are invariant under
 *   x → (x − c)/s; without one ("n") they are invariant under x → x/s, so only the scale is removed there. The
 *   information criterion is reported on the raw scale (ssr_raw = ssr_std·s²).
 * - The lag search factorises the largest design once: the candidates are nested column prefixes over the same rows,
 *   so every candidate's ssr and last-coefficient t value come from the one QR (statsmodels fits maxlag+1 models).
 */

import { AnalysisError } from './errors.ts';
import { householderQr, lastCoefficientT, nestedSsr } from './linalg/qr.ts';
import { type AdfRegression, type CriticalValues, mackinnonCrit, mackinnonP } from './mackinnon.ts';

export type AdfAutolag = 'AIC' | 'BIC' | 't-stat' | null;

export interface AdfOptions {
  /** Highest lag order; null applies Schwert's rule ceil(12·(n/100)^¼). */
  maxlag: number | null;
  regression: AdfRegression;
  autolag: AdfAutolag;
}

export interface AdfResult {
  statistic: number;
  pvalue: number;
  usedlag: number;
  nobs: number;
  critical: CriticalValues;
  /** Best information criterion of the lag search (|t| of the last lag for 't-stat'); null without autolag. */
  icbest: number | null;
}

export const ADF_DEFAULTS: AdfOptions = { maxlag: 3, regression: 'c', autolag: 'AIC' };

/** Critical value of the t-stat lag search: scipy.stats.norm.ppf(0.95), as hard-coded in statsmodels `_autolag`. */
const T_STAT_STOP = 1.6448536269514722;
const LN_2PI = Math.log(2 * Math.PI);
const EPS = 2.220446049250313e-16;

const TREND_COLUMNS: Record<AdfRegression, number> = { n: 0, c: 1, ct: 2 };

export function adfuller(x: readonly number[], options: Partial<AdfOptions> = {}): AdfResult {
  const { maxlag: requestedMaxlag, regression, autolag } = { ...ADF_DEFAULTS, ...options };
  const n = x.length;
  if (n === 0) throw new AnalysisError('TOO_FEW_POINTS', 'ADF needs at least one observation');
  let lo = x[0]!;
  let hi = x[0]!;
  for (const v of x) {
    if (!Number.isFinite(v))
      throw new AnalysisError('NON_FINITE_VALUE', 'ADF input contains a non-finite value');
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // statsmodels checks this before anything else, even before the length checks.
  if (hi === lo) throw new AnalysisError('CONSTANT_SERIES', 'Invalid input, x is constant');

  const ntrend = TREND_COLUMNS[regression];
  const cap = Math.floor(n / 2) - ntrend - 1;
  let maxlag: number;
  if (requestedMaxlag === null) {
    // Schwert (1989), as quoted by Greene; -1 for the difference.
    maxlag = Math.min(cap, Math.ceil(12 * (n / 100) ** 0.25));
    if (maxlag < 0) {
      throw new AnalysisError(
        'TOO_FEW_POINTS',
        'sample size is too short to use selected regression component',
      );
    }
  } else {
    if (!Number.isInteger(requestedMaxlag) || requestedMaxlag < 0) {
      throw new AnalysisError('INVALID_PARAMETER', 'maxlag must be a non-negative integer or null');
    }
    if (requestedMaxlag > cap) {
      throw new AnalysisError(
        'TOO_FEW_POINTS',
        `maxlag must be less than (nobs/2 - 1 - ntrend) where n trend is the number of included deterministic ` +
          `regressors (maxlag ${requestedMaxlag}, nobs ${n}, ntrend ${ntrend})`,
      );
    }
    maxlag = requestedMaxlag;
  }

  const { z, scale } = standardise(x, regression !== 'n');
  const dz = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) dz[i] = z[i + 1]! - z[i]!;

  let usedlag = maxlag;
  let icbest: number | null = null;
  if (autolag !== null) {
    const search = lagSearch(z, dz, maxlag, ntrend, autolag, scale);
    usedlag = search.bestlag;
    icbest = Number.isFinite(search.icbest) ? search.icbest : null;
  }

  // Final regression on rows usedlag … n−2 with the level as the last column, so τ is the last coefficient's t.
  const r0 = usedlag;
  const nobs = n - 1 - r0;
  const columns = [
    ...trendColumns(ntrend, nobs),
    ...lagColumns(dz, r0, nobs, usedlag),
    levelColumn(z, r0, nobs),
  ];
  const y = dz.subarray(r0, r0 + nobs);
  const qr = householderQr(columns, y);
  if (qr.rank < columns.length) throw rankDeficient();
  if (nobs <= columns.length) {
    // statsmodels divides by df_resid = 0 here and reports an arbitrary t (0.0).
    throw new AnalysisError('NUMERICAL_FAILURE', 'the ADF regression leaves no residual degrees of freedom');
  }
  const ssr = nestedSsr(qr)[columns.length]!;
  if (ssr <= exactFitFloor(y, columns.length)) {
    throw new AnalysisError(
      'NUMERICAL_FAILURE',
      'the ADF regression fits the series exactly (residuals at rounding level); the statistic is undefined',
    );
  }
  const statistic = lastCoefficientT(qr, columns.length, ssr);
  if (!Number.isFinite(statistic)) {
    throw new AnalysisError('NUMERICAL_FAILURE', 'the ADF statistic is not finite');
  }
  return {
    statistic,
    pvalue: mackinnonP(statistic, regression),
    usedlag,
    nobs,
    critical: mackinnonCrit(regression, nobs),
    icbest,
  };
}

/**
 * `_autolag`: fit lag orders 0…maxlag on the same rows (maxlag … n−2) and keep the best by AIC/BIC (ties → smaller
 * lag, as Python's min over (ic, lag) tuples), or, for 't-stat', the highest lag whose own |t| ≥ 1.645.
 */
function lagSearch(
  z: Float64Array,
  dz: Float64Array,
  maxlag: number,
  ntrend: number,
  method: Exclude<AdfAutolag, null>,
  scale: number,
): { bestlag: number; icbest: number } {
  const nobs = dz.length - maxlag;
  // statsmodels' column order here: trend terms, level, then lags 1…maxlag.
  const columns = [
    ...trendColumns(ntrend, nobs),
    levelColumn(z, maxlag, nobs),
    ...lagColumns(dz, maxlag, nobs, maxlag),
  ];
  const qr = householderQr(columns, dz.subarray(maxlag));
  if (qr.rank < columns.length) throw rankDeficient();
  // Residual sums at rounding level are all "zero": without the floor, which exact fit wins would be decided by
  // rounding noise (statsmodels compares log(1e-30)-sized values there).
  const floor = exactFitFloor(dz.subarray(maxlag), columns.length);
  const ssr = nestedSsr(qr).map((v) => Math.max(v, floor));
  const base = ntrend + 1;

  if (method === 't-stat') {
    let icbest = 0;
    let bestlag = maxlag;
    for (let p = maxlag; p >= 0; p--) {
      const cols = base + p;
      icbest = Math.abs(lastCoefficientT(qr, cols, ssr[cols]!));
      bestlag = p;
      if (icbest >= T_STAT_STOP) break;
    }
    return { bestlag, icbest };
  }

  const logScale2 = 2 * Math.log(scale);
  let bestlag = 0;
  let icbest = Number.POSITIVE_INFINITY;
  for (let p = 0; p <= maxlag; p++) {
    const k = base + p;
    // OLS profile log-likelihood on the raw scale: ln(ssr_raw/nobs) = ln(ssr_std/nobs) + 2·ln(scale).
    const llf = -(nobs / 2) * (LN_2PI + Math.log(ssr[k]! / nobs) + logScale2 + 1);
    const penalty = method === 'AIC' ? 2 * k : Math.log(nobs) * k;
    const ic = -2 * llf + penalty;
    if (ic < icbest) {
      icbest = ic;
      bestlag = p;
    }
  }
  return { bestlag, icbest };
}

/**
 * Largest residual sum of squares that is indistinguishable from an exact fit: Householder least squares leaves
 * residuals of order m·k·ε·‖y‖ even when y lies in the column space.
 */
function exactFitFloor(y: Float64Array, k: number): number {
  let yty = 0;
  for (let i = 0; i < y.length; i++) yty += y[i]! * y[i]!;
  const rel = y.length * k * EPS;
  return rel * rel * yty;
}

function standardise(x: readonly number[], centre: boolean): { z: Float64Array; scale: number } {
  const n = x.length;
  let mean = 0;
  if (centre) {
    for (const v of x) mean += v;
    mean /= n;
  }
  let ss = 0;
  for (const v of x) ss += (v - mean) * (v - mean);
  let scale = Math.sqrt(ss / n);
  if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (x[i]! - mean) / scale;
  return { z, scale };
}

/** Constant and linear trend 1…nobs (statsmodels add_trend); trend values only shift the constant between fits. */
function trendColumns(ntrend: number, nobs: number): Float64Array[] {
  const cols: Float64Array[] = [];
  if (ntrend >= 1) cols.push(new Float64Array(nobs).fill(1));
  if (ntrend >= 2) cols.push(Float64Array.from({ length: nobs }, (_, i) => i + 1));
  return cols;
}

// The design columns are views into z and dz, not copies: householderQr copies and scales them, and nothing else
// writes to them.

/** x[j] for rows j = r0 … r0+nobs−1 (lagmat's level column after `xdall[:, 0] = x[-nobs - 1 : -1]`). */
function levelColumn(z: Float64Array, r0: number, nobs: number): Float64Array {
  return z.subarray(r0, r0 + nobs);
}

/** dx[j−i] for i = 1 … lags over rows j = r0 … r0+nobs−1. */
function lagColumns(dz: Float64Array, r0: number, nobs: number, lags: number): Float64Array[] {
  const cols: Float64Array[] = [];
  for (let i = 1; i <= lags; i++) cols.push(dz.subarray(r0 - i, r0 - i + nobs));
  return cols;
}

function rankDeficient(): AnalysisError {
  // statsmodels warns (SingularMatrixWarning) and returns an arbitrary statistic here, e.g. for an exactly linear
  // counter whose differences are constant; a number without meaning is worse than an explicit error.
  return new AnalysisError(
    'NUMERICAL_FAILURE',
    'the ADF regression is rank deficient (e.g. an exactly linear series or constant differences)',
  );
}
