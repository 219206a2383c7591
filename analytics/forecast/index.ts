/**
 * Forecast uncertainty and model choice (issue #15): prediction intervals, breach probabilities, seasonal period
 * detection, candidate models ranked by rolling-origin MASE, and the anomaly flag against a previous band.
 */
export { type AnomalyFlag, anomalyFlag, type StoredBand } from './anomaly.ts';
export { type CandidateScore, type Ranking, type RankOptions, rankModels } from './backtest.ts';
export { type Bounds, type BreachProbability, breachProbability } from './breach.ts';
export { type ForecastStep, type ForecastStepInput, forecastStep } from './forecast-step.ts';
export type { KeptSmoothing } from './holt-winters-model.ts';
export { DEFAULT_LEVELS, predictionIntervals, type SimulationOptions } from './intervals.ts';
export { fitModelByName, isModelName } from './models.ts';
export { detectSeasonality, type PeriodCandidate, type SeasonalityReport } from './period.ts';
export {
  type ForecastMemory,
  type SeriesForecast,
  type SeriesForecastInput,
  seriesForecast,
} from './series-forecast.ts';
export {
  type FittedModel,
  type ForecastDistribution,
  type IntervalBand,
  type IntervalForecast,
  MODEL_NAMES,
  type ModelName,
} from './types.ts';
