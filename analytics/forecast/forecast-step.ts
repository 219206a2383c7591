/**
 * The per-cycle forecast step of one series: refit the model a previous ranking chose (`fitModelByName`) and give
 * its point forecast, prediction intervals and, when bounds are given, breach probabilities. A pipeline calls
 * `rankModels` every K cycles and this in between (see the report of issue #15 for the cost figures).
 */
import { type Bounds, type BreachProbability, breachProbability } from './breach.ts';
import type { KeptSmoothing } from './holt-winters-model.ts';
import { DEFAULT_LEVELS, predictionIntervals, type SimulationOptions } from './intervals.ts';
import { fitModelByName } from './models.ts';
import type { IntervalForecast, ModelName } from './types.ts';

export interface ForecastStepInput extends SimulationOptions {
  values: ArrayLike<number>;
  model: ModelName;
  /** The seasonal period the ranking used (its `period`), or null. */
  period: number | null;
  /** Steps ahead; default 10 (the original's). */
  horizon?: number;
  levels?: readonly number[];
  bounds?: Bounds | null;
  /**
   * The previous full fit's `params` of this model, to run with its smoothing parameters instead of optimising
   * (the cycles between two rankings); null or absent: the full fit.
   */
  keep?: KeptSmoothing | null;
}

export interface ForecastStep extends IntervalForecast {
  model: ModelName;
  period: number;
  sigma: number;
  params: Record<string, number | null>;
  breach: BreachProbability | null;
}

export function forecastStep(input: ForecastStepInput): ForecastStep {
  const horizon = input.horizon ?? 10;
  const fitted = fitModelByName(input.values, input.model, input.period, input.keep ?? null);
  const dist = fitted.forecast(input.values, horizon);
  const sim = { paths: input.paths, seed: input.seed };
  const intervals = predictionIntervals(dist, input.levels ?? DEFAULT_LEVELS, sim);
  const bounds = input.bounds;
  const wantsBreach = bounds && (bounds.lower != null || bounds.upper != null);
  return {
    model: fitted.name,
    period: fitted.period,
    sigma: fitted.sigma,
    params: fitted.params,
    ...intervals,
    breach: wantsBreach ? breachProbability(dist, bounds, sim) : null,
  };
}
