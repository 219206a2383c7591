/**
 * One series' forecast in one pipeline cycle (issue #15, phase 2): the model a ranking chose (re-ranked every
 * `rank_every` cycles, its choice and smoothing parameters reused in between), its point forecast with 80 % and
 * 95 % prediction intervals, and the anomaly flag of the latest sample against the previous cycle's 95 % band.
 *
 * When the model is the original's, the point forecast is the `holt_winters` section's own (same parameters, same
 * recursion), so it keeps its statsmodels parity; only the intervals are added.
 */
import { AnalysisError } from '../errors.ts';
import { paramsVector } from '../holt-winters/index.ts';
import { chooseModel } from '../holt-winters/model-checks.ts';
import type { HoltWintersReport } from '../holt-winters/types.ts';
import type { ForecastParams } from '../params.ts';
import { type AnomalyFlag, anomalyFlag, type StoredBand } from './anomaly.ts';
import { rankModels } from './backtest.ts';
import { forecastStep } from './forecast-step.ts';
import { holtWintersForecaster, type KeptSmoothing } from './holt-winters-model.ts';
import { DEFAULT_LEVELS, predictionIntervals } from './intervals.ts';
import { isModelName } from './models.ts';
import { detectSeasonality } from './period.ts';
import type { IntervalBand, ModelName } from './types.ts';

/** What a series' previous run kept of its forecast: the choice and the parameters to reuse. */
export interface ForecastMemory {
  model: string;
  /** The period the model ran with (null: none). */
  period: number | null;
  mase: number | null;
  runnerUp: { model: string; mase: number } | null;
  /** Cycles since the choice was ranked (0: ranked in that run). */
  rankAge: number;
  params: KeptSmoothing | null;
}

export interface SeriesForecastInput {
  values: readonly number[];
  params: ForecastParams;
  horizon: number;
  previous?: ForecastMemory | null;
  /** The previous run's 95 % band (Unix seconds) and the latest sample, for the anomaly flag. */
  previousBand?: StoredBand | null;
  latest?: { t: number; v: number } | null;
  /** The `holt_winters` section of the same report, used as is when the original's model runs. */
  original?: HoltWintersReport | null;
  /**
   * A number fixed per series (e.g. from a hash of its key): a series seen for the first time starts with the
   * original's model and is ranked within `rank_every` cycles, in the cycle its slot picks, so a fleet's rankings
   * spread evenly over the cycles instead of all falling on the first one.
   */
  slot?: number;
}

export interface SeriesForecast {
  model: ModelName;
  /**
   * Whether this run ranked the candidates; else it reused the choice ranked `rank_age` cycles ago, or, for a new
   * series not ranked yet (`mase` null), runs the original's model and counts `rank_age` towards its ranking.
   */
  ranked: boolean;
  rank_age: number;
  /** The seasonal period the model ran with (null: none) and whether it was detected ("auto") or configured. */
  period: number | null;
  period_source: 'auto' | 'configured';
  /** Backtest MASE of the chosen model and of the runner-up, from the latest ranking (null: not ranked). */
  mase: number | null;
  runner_up: { model: ModelName; mase: number } | null;
  method: 'analytic' | 'simulated';
  sigma: number;
  params: Record<string, number | null>;
  mean: number[];
  bands: IntervalBand[];
  /** The latest sample against the previous cycle's 95 % band; null when no previous band covers its minute. */
  anomaly: AnomalyFlag | null;
}

export function seriesForecast(input: SeriesForecastInput): SeriesForecast {
  const { params: config, horizon } = input;
  const values = input.values;
  const choice = reusedChoice(input) ?? firstChoice(input) ?? freshChoice(values, config, horizon);
  const flag =
    input.previousBand && input.latest
      ? anomalyFlag(input.previousBand, input.latest.t, input.latest.v)
      : null;
  const original =
    choice.model === 'original' && input.original ? originalForecast(values, input.original, horizon) : null;
  const step = original ?? stepWithFallback(values, choice.model, choice.period, choice.keep, horizon);
  return {
    model: choice.model,
    ranked: choice.ranked,
    rank_age: choice.rankAge,
    period: choice.period,
    period_source: config.period === 'auto' ? 'auto' : 'configured',
    mase: choice.mase,
    runner_up: choice.runnerUp,
    method: step.method,
    sigma: step.sigma,
    params: step.params,
    mean: step.mean,
    bands: step.bands,
    anomaly: flag,
  };
}

interface Choice {
  model: ModelName;
  period: number | null;
  mase: number | null;
  runnerUp: { model: ModelName; mase: number } | null;
  rankAge: number;
  keep: KeptSmoothing | null;
  ranked: boolean;
}

/** The previous run's choice while it is younger than `rank_every` cycles and the configuration still allows it. */
function reusedChoice({ previous, params }: SeriesForecastInput): Choice | null {
  if (!previous || !isModelName(previous.model)) return null;
  const age = previous.rankAge + 1;
  if (age >= params.rank_every) return null;
  if (params.model !== 'auto' && params.model !== previous.model) return null;
  // A configured period (or none) that differs from the one the choice was ranked with: the catalog changed.
  if (params.period !== 'auto' && previous.period !== params.period) return null;
  const runnerUp =
    previous.runnerUp && isModelName(previous.runnerUp.model)
      ? { model: previous.runnerUp.model, mase: previous.runnerUp.mase }
      : null;
  return {
    model: previous.model,
    period: previous.period,
    mase: previous.mase,
    runnerUp,
    rankAge: age,
    keep: previous.params,
    ranked: false,
  };
}

/** A series without a previous choice, before its slot's ranking: the original's model, already fitted. */
function firstChoice({ previous, params, original, slot }: SeriesForecastInput): Choice | null {
  if (params.model !== 'auto' || params.rank_every < 2 || !original) return null;
  if (previous && isModelName(previous.model)) return null;
  return {
    model: 'original',
    period: original.model.seasonal_periods,
    mase: null,
    runnerUp: null,
    rankAge: Math.abs(Math.trunc(slot ?? 0)) % params.rank_every,
    keep: null,
    ranked: false,
  };
}

function freshChoice(values: readonly number[], config: ForecastParams, horizon: number): Choice {
  if (config.model !== 'auto') {
    const period = config.period === 'auto' ? detectSeasonality(values).period : config.period;
    return { model: config.model, period, mase: null, runnerUp: null, rankAge: 0, keep: null, ranked: false };
  }
  const ranking = rankModels(values, { period: config.period, levels: [], horizon, origins: config.origins });
  return {
    model: ranking.chosen,
    period: ranking.period,
    mase: ranking.mase,
    runnerUp: ranking.runnerUp && { model: ranking.runnerUp.name, mase: ranking.runnerUp.mase },
    rankAge: 0,
    keep: null,
    ranked: true,
  };
}

type Step = Pick<SeriesForecast, 'method' | 'sigma' | 'params' | 'mean' | 'bands'>;

/** With kept parameters first; a kept set the model refuses (e.g. a series that became non-positive) refits. */
function stepWithFallback(
  values: readonly number[],
  model: ModelName,
  period: number | null,
  keep: KeptSmoothing | null,
  horizon: number,
): Step {
  if (keep) {
    try {
      return forecastStep({ values, model, period, keep, horizon });
    } catch (err) {
      if (!(err instanceof AnalysisError)) throw err;
    }
  }
  return forecastStep({ values, model, period, horizon });
}

/** The original's model with the `holt_winters` section's fitted parameters: its exact point forecast. */
function originalForecast(values: readonly number[], report: HoltWintersReport, horizon: number): Step {
  const { spec } = chooseModel(
    values.length,
    {
      trend: report.model.trend,
      seasonal: report.model.seasonal,
      seasonalPeriods: report.model.seasonal_periods,
      damped: report.model.damped,
      steps: horizon,
    },
    false,
  );
  const y = Float64Array.from(values);
  const fitted = holtWintersForecaster('original', y, spec, paramsVector(report.params, spec));
  const dist = fitted.forecast(y, horizon);
  const { mean, method, bands } = predictionIntervals(dist, DEFAULT_LEVELS);
  return { mean, method, bands, sigma: fitted.sigma, params: fitted.params };
}
