/**
 * Vigil's analytics: pure functions (no I/O) that reproduce statsmodels/pandas per-series analyses.
 * `analyzeSeries` is the entry point the pipeline and `vigil analyze` use; the single analyses are exported for
 * callers that need only one.
 */

export { type AcfOptions, acf, defaultNlags } from './acf.ts';
export { ADF_DEFAULTS, type AdfAutolag, type AdfOptions, type AdfResult, adfuller } from './adf.ts';
export {
  DEFAULT_WINDOWS,
  type ResampledStats,
  resampledAggregates,
  trailingWindowAggregates,
  type WindowStats,
} from './aggregates.ts';
export {
  DECOMPOSE_DEFAULTS,
  type DecomposeModel,
  type DecomposeOptions,
  type DecomposeResult,
  seasonalDecompose,
} from './decompose.ts';
export { parseWindowRule } from './duration.ts';
export {
  ANALYSIS_ERROR_CODES,
  AnalysisError,
  type AnalysisErrorCode,
  isAnalysisError,
  isSectionError,
  type SectionError,
  toSectionError,
} from './errors.ts';
export {
  anomalyFlag,
  type Bounds,
  breachProbability,
  detectSeasonality,
  type ForecastStep,
  fitModelByName,
  forecastStep,
  MODEL_NAMES,
  type ModelName,
  predictionIntervals,
  type Ranking,
  rankModels,
} from './forecast/index.ts';
export {
  type FitMethod,
  type HoltWintersOptions,
  type HoltWintersParams,
  type HoltWintersReport,
  holtWinters,
  type WarmStart,
} from './holt-winters/index.ts';
export { HP_DEFAULT_LAMBDA, type HpResult, hpfilter } from './hp.ts';
export { type AdfRegression, type CriticalValues, mackinnonCrit, mackinnonP } from './mackinnon.ts';
export { normCdf } from './normal.ts';
export {
  type AnalyzeParams,
  type AnalyzeParamsInput,
  type AnalyzeRequest,
  type AnalyzeRequestInput,
  analyzeParamsSchema,
  analyzeRequestSchema,
  type ParamsResult,
  parseParams,
} from './params.ts';
export { type AnalysisReport, type AnalyzeInput, analyzeSeries, type Section } from './report.ts';
export {
  orderedValues,
  type PreparedSeries,
  parseIsoInstant,
  prepareSeries,
  type SampleInput,
  type TimedValue,
  timedValues,
} from './series.ts';
