/**
 * Input checks and the choice of the model that runs. Errors mirror where statsmodels raises
 * (`ExponentialSmoothing.__init__`, `_initialization_simple/_heuristic`, `fit`); the one deliberate difference is
 * the seasonal fallback: where statsmodels raises "Cannot compute initial seasonals … less than two full seasonal
 * cycles", the model runs without seasonality instead and says so.
 *
 * Why no detected period: a period cannot be estimated reliably from less than two of its cycles, and the ACF-
 * and F-test-based detectors tried on node_exporter-like data either missed the hourly cycle under the daily one
 * or "found" periods in random walks. Dropping the seasonal term is the predictable choice.
 */
import { AnalysisError } from '../errors.ts';
import type { HoltWintersModelReport, HoltWintersOptions, ModelSpec } from './types.ts';
import { kindOf, MUL, NONE } from './types.ts';

export interface ModelChoice {
  spec: ModelSpec;
  report: HoltWintersModelReport;
}

export function checkValues(values: ArrayLike<number>): void {
  if (values.length === 0) throw new AnalysisError('EMPTY_SERIES', 'the series is empty');
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new AnalysisError(
        'NON_FINITE_VALUE',
        `value ${i} is ${values[i]}; Holt-Winters needs finite values`,
      );
    }
  }
}

export function checkOptions(options: HoltWintersOptions): void {
  const { trend, seasonal, seasonalPeriods, damped, steps } = options;
  for (const [name, c] of [
    ['trend', trend],
    ['seasonal', seasonal],
  ] as const) {
    if (c !== 'add' && c !== 'mul' && c !== null) {
      throw new AnalysisError('INVALID_PARAMETER', `${name} must be "add", "mul" or null`);
    }
  }
  if (damped && trend === null)
    throw new AnalysisError('INVALID_PARAMETER', 'Can only dampen the trend component');
  if (!Number.isInteger(steps) || steps < 0) {
    throw new AnalysisError('INVALID_PARAMETER', 'steps must be a non-negative integer');
  }
  if (seasonal !== null) {
    if (seasonalPeriods === null || seasonalPeriods === undefined) {
      throw new AnalysisError('INVALID_PARAMETER', 'seasonal_periods must be given for a seasonal model');
    }
    if (!Number.isInteger(seasonalPeriods)) {
      throw new AnalysisError('INVALID_PARAMETER', 'seasonal_periods must be an integer');
    }
    if (seasonalPeriods <= 1)
      throw new AnalysisError('INVALID_PARAMETER', 'seasonal_periods must be larger than 1.');
  }
}

/**
 * The model to run on n observations. Without given parameters a seasonal model needs two full cycles (both
 * statsmodels initializations require n ≥ 2m); with fewer, the seasonal term is dropped.
 */
export function chooseModel(n: number, options: HoltWintersOptions, fitting: boolean): ModelChoice {
  const damped = options.damped === true;
  const requestedM = options.seasonal === null ? null : options.seasonalPeriods;
  const report: HoltWintersModelReport = {
    trend: options.trend,
    seasonal: options.seasonal,
    seasonal_periods: requestedM,
    damped,
  };
  let seasonal = kindOf(options.seasonal);
  let m = requestedM ?? 0;
  if (fitting && seasonal !== NONE && n < 2 * m) {
    report.fallback_reason =
      `seasonal_periods=${m} needs at least ${2 * m} observations (two full seasonal cycles) and the series ` +
      `has ${n}; the model ran without seasonality`;
    report.requested = { seasonal: options.seasonal, seasonal_periods: requestedM };
    report.seasonal = null;
    report.seasonal_periods = null;
    seasonal = NONE;
    m = 0;
  }
  return { spec: { trend: kindOf(options.trend), seasonal, m, damped }, report };
}

/** Checks that apply to the model that runs: positivity for multiplicative components, enough observations. */
export function checkModelFits(values: ArrayLike<number>, spec: ModelSpec, fitting: boolean): void {
  const n = values.length;
  if (spec.trend === MUL || spec.seasonal === MUL) {
    for (let i = 0; i < n; i++) {
      if (!(values[i]! > 0)) {
        throw new AnalysisError(
          'NON_POSITIVE_VALUES',
          'endog must be strictly positive when using multiplicative trend or seasonal components.' +
            ` (value ${i} is ${values[i]})`,
        );
      }
    }
  }
  // statsmodels' simple initialization reads y[1] (IndexError on one observation) and its smoothers need n ≥ 2.
  if (fitting && n < 2) {
    throw new AnalysisError('TOO_FEW_POINTS', `Holt-Winters needs at least 2 observations to fit; got ${n}`);
  }
}
