/**
 * Holt-Winters exponential smoothing with statsmodels parity:
 * `ExponentialSmoothing(y, trend, damped_trend, seasonal, seasonal_periods).fit().forecast(steps)`.
 * See `scripts/reference/ALGORITHMS.md` section 6 for the algorithm this follows.
 * With `warmStart` (a series' previous fit), the fit may start from it instead (`warm-start.ts`); the report's `fit`
 * says whether it did, and a refused warm start gives exactly the cold fit.
 */
import { AnalysisError } from '../errors.ts';
import { fitModel } from './fit.ts';
import { predict } from './forecast.ts';
import { type InitialValues, initialValues } from './initial-values.ts';
import { checkModelFits, checkOptions, checkValues, chooseModel } from './model-checks.ts';
import type { HoltWintersOptions, HoltWintersParams, HoltWintersReport, ModelSpec } from './types.ts';
import { NONE, P_ALPHA, P_BETA, P_GAMMA, P_LEVEL, P_PHI, P_SEASON, P_TREND } from './types.ts';
import { warmFit } from './warm-start.ts';

export type {
  FitMethod,
  HoltWintersOptions,
  HoltWintersParams,
  HoltWintersReport,
  WarmStart,
  WarmStates,
} from './types.ts';

export function holtWinters(values: number[], options: HoltWintersOptions): HoltWintersReport {
  checkOptions(options);
  checkValues(values);
  const given = options.params ?? null;
  const { spec, report: model } = chooseModel(values.length, options, given === null);
  checkModelFits(values, spec, given === null);
  const y = Float64Array.from(values);

  if (given !== null) {
    const p = paramsVector(given, spec);
    const { sse, forecast } = predict(y, spec, p, options.steps);
    const init = values.length >= 2 * Math.max(spec.m, 1) ? initReport(initialValues(y, spec)) : null;
    return finish({
      model,
      init,
      brute_start: null,
      params: paramsReport(p, spec),
      sse,
      forecast,
      fit: null,
      fit_reason: null,
    });
  }

  const warm = options.warmStart ? warmFit(y, spec, options.warmStart, options.steps) : null;
  if (warm?.ok) {
    return finish({
      model,
      init: initReport(warm.fit.init),
      brute_start: null,
      params: paramsReport(warm.fit.params, spec),
      sse: warm.sse,
      forecast: warm.forecast,
      fit: 'warm',
      fit_reason: null,
    });
  }
  const fitted = fitModel(y, spec);
  const { sse, forecast } = predict(y, spec, fitted.params, options.steps);
  return finish({
    model,
    init: initReport(fitted.init),
    brute_start: {
      alpha: fitted.brute.alpha,
      beta: spec.trend === NONE ? null : fitted.brute.beta,
      gamma: spec.seasonal === NONE ? null : fitted.brute.gamma,
    },
    params: paramsReport(fitted.params, spec),
    sse,
    forecast,
    fit: 'cold',
    fit_reason: warm === null ? null : warm.reason,
  });
}

function initReport(init: InitialValues): HoltWintersReport['init'] {
  return { method: init.method, level: init.level, trend: init.trend, seasonal: Array.from(init.seasonal) };
}

/** Validates user-given parameters against the model and lays them out as statsmodels' full vector. */
export function paramsVector(given: HoltWintersParams, spec: ModelSpec): Float64Array {
  const p = new Float64Array(6 + spec.m);
  const need = (name: string, v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new AnalysisError('INVALID_PARAMETER', `params.${name} must be a finite number`);
    }
    return v;
  };
  p[P_ALPHA] = need('alpha', given.alpha);
  p[P_LEVEL] = need('initial_level', given.initial_level);
  if (spec.trend !== NONE) {
    p[P_BETA] = need('beta', given.beta);
    p[P_TREND] = need('initial_trend', given.initial_trend);
  }
  if (spec.damped) p[P_PHI] = need('phi', given.phi);
  if (spec.seasonal !== NONE) {
    p[P_GAMMA] = need('gamma', given.gamma);
    const seasons = given.initial_seasons;
    if (!Array.isArray(seasons) || seasons.length !== spec.m) {
      throw new AnalysisError(
        'INVALID_PARAMETER',
        `params.initial_seasons must hold seasonal_periods=${spec.m} numbers`,
      );
    }
    seasons.forEach((v, j) => {
      p[P_SEASON + j] = need(`initial_seasons[${j}]`, v);
    });
  }
  return p;
}

function paramsReport(p: Float64Array, spec: ModelSpec): HoltWintersParams {
  const out: HoltWintersParams = {
    alpha: p[P_ALPHA]!,
    beta: spec.trend === NONE ? null : p[P_BETA]!,
    gamma: spec.seasonal === NONE ? null : p[P_GAMMA]!,
    initial_level: p[P_LEVEL]!,
    initial_trend: spec.trend === NONE ? null : p[P_TREND]!,
    initial_seasons: Array.from(p.subarray(P_SEASON, P_SEASON + spec.m)),
  };
  if (spec.damped) out.phi = p[P_PHI]!;
  return out;
}

/** The report never carries NaN or ±∞: an exploded fit or forecast is a structured error instead. */
function finish(report: HoltWintersReport): HoltWintersReport {
  const bad = (v: number | null) => v !== null && !Number.isFinite(v);
  const { params, sse, forecast } = report;
  if (
    bad(sse) ||
    forecast.some(bad) ||
    [params.alpha, params.beta, params.gamma, params.initial_level, params.initial_trend].some(bad) ||
    params.initial_seasons.some(bad)
  ) {
    throw new AnalysisError(
      'NUMERICAL_FAILURE',
      'the Holt-Winters recursion overflowed (non-finite SSE or forecast)',
    );
  }
  if (report.init && (bad(report.init.level) || bad(report.init.trend) || report.init.seasonal.some(bad))) {
    throw new AnalysisError('NUMERICAL_FAILURE', 'the initial values are not finite');
  }
  return report;
}
