/** Types shared by the forecast candidates, their intervals, breach probabilities and the backtest ranking. */

/**
 * The candidate models. Holt-Winters variants use an additive trend (damped or not) with additive or multiplicative
 * seasonality at the detected period; `holt` is additive trend without seasonality; `seasonal-naive` repeats the
 * last cycle (the last value when there is no period); `linear-trend` is Prometheus' `predict_linear` (least
 * squares over the window); `original` is the original's Holt-Winters (trend mul, seasonal add, period 550,
 * docs/architecture.md), with its fallback to no seasonality below two cycles.
 */
export const MODEL_NAMES = [
  'hw-add',
  'hw-add-damped',
  'hw-mul',
  'hw-mul-damped',
  'holt',
  'seasonal-naive',
  'linear-trend',
  'original',
] as const;

export type ModelName = (typeof MODEL_NAMES)[number];

/** A fitted model's forecast distribution for the next h steps after the end of the series it was given. */
export interface ForecastDistribution {
  /** Point forecasts, steps 1…h. */
  mean: Float64Array;
  /** Analytic standard deviation per step (normal forecast errors); null where only simulation applies. */
  sd: Float64Array | null;
  /** `count` sample paths of the next h values, path-major (`paths[i·h + k]`), reproducible for a seed. */
  simulate(count: number, seed: number): Float64Array;
}

/** A model with its parameters fixed, ready to forecast from the end of any series that extends its data. */
export interface FittedModel {
  name: ModelName;
  /** The seasonal period the model runs with (0: none). */
  period: number;
  /** Standard deviation of the one-step in-sample errors. */
  sigma: number;
  /** The estimated parameters, for reports (names as in statsmodels where it has them). */
  params: Record<string, number | null>;
  /**
   * The forecast distribution after the last value of `y`. `y` must start where the fitted data started (it may be
   * longer): state-space models run their recursions over it with the fitted parameters, the linear trend refits
   * its line over the last `window` values as `predict_linear` does on each evaluation.
   */
  forecast(y: ArrayLike<number>, h: number): ForecastDistribution;
}

/** A prediction interval per step at one level (e.g. 0.95). */
export interface IntervalBand {
  level: number;
  lower: number[];
  upper: number[];
}

export interface IntervalForecast {
  mean: number[];
  /** How the bands were obtained: normal quantiles of the analytic variance, or quantiles of simulated paths. */
  method: 'analytic' | 'simulated';
  bands: IntervalBand[];
}
