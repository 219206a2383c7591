/**
 * `fitModelByName`: one candidate fitted to one series, the function a pipeline calls between re-rankings to refit
 * the model the last ranking chose.
 */
import { AnalysisError } from '../errors.ts';
import { checkModelFits, checkValues, chooseModel } from '../holt-winters/model-checks.ts';
import { ADD, type Kind, type ModelSpec, MUL, NONE } from '../holt-winters/types.ts';
import { fitHoltWintersModel, type KeptSmoothing, keptHoltWintersModel } from './holt-winters-model.ts';
import { fitLinearTrend, fitSeasonalNaive } from './simple-models.ts';
import { type FittedModel, MODEL_NAMES, type ModelName } from './types.ts';

/** The original's seasonal period (docs/architecture.md). */
export const ORIGINAL_PERIOD = 550;

export function isModelName(name: unknown): name is ModelName {
  return typeof name === 'string' && (MODEL_NAMES as readonly string[]).includes(name);
}

/**
 * Fits `name` to `values`. `period` is the seasonal period the seasonal candidates use (0 or null: none; the
 * Holt-Winters candidates then refuse, seasonal naive becomes naive); the original always uses its own 550.
 * Throws AnalysisError with a code when the model cannot run on this series (too short for two cycles,
 * non-positive values for a multiplicative model, …).
 *
 * With `keep` (an earlier fit's `params`), the Holt-Winters models skip the optimisation and run with those
 * smoothing parameters (keptHoltWintersModel); the other models have none to keep and ignore it.
 */
export function fitModelByName(
  values: ArrayLike<number>,
  name: ModelName,
  period: number | null,
  keep: KeptSmoothing | null = null,
): FittedModel {
  if (!isModelName(name))
    throw new AnalysisError('INVALID_PARAMETER', `model must be one of ${MODEL_NAMES.join(', ')}`);
  checkValues(values);
  const m = period ?? 0;
  if (!Number.isInteger(m) || m < 0 || m === 1) {
    throw new AnalysisError('INVALID_PARAMETER', 'period must be null, 0 or an integer ≥ 2');
  }
  const y = Float64Array.from(values);
  switch (name) {
    case 'seasonal-naive':
      return fitSeasonalNaive(y, m);
    case 'linear-trend':
      return fitLinearTrend(y);
    case 'holt':
      return holtWinters(name, y, { trend: ADD, seasonal: NONE, m: 0, damped: false }, keep);
    case 'original': {
      const { spec } = chooseModel(
        y.length,
        { trend: 'mul', seasonal: 'add', seasonalPeriods: ORIGINAL_PERIOD, steps: 0 },
        true,
      );
      return holtWinters(name, y, spec, keep);
    }
    default: {
      const seasonal: Kind = name === 'hw-mul' || name === 'hw-mul-damped' ? MUL : ADD;
      const damped = name.endsWith('-damped');
      if (m === 0) throw new AnalysisError('INVALID_PARAMETER', `${name} needs a seasonal period`);
      if (y.length < 2 * m) {
        throw new AnalysisError(
          'TOO_FEW_POINTS',
          `${name} with period ${m} needs ${2 * m} observations (two cycles); got ${y.length}`,
        );
      }
      return holtWinters(name, y, { trend: ADD, seasonal, m, damped }, keep);
    }
  }
}

function holtWinters(
  name: ModelName,
  y: Float64Array,
  spec: ModelSpec,
  keep: KeptSmoothing | null,
): FittedModel {
  checkModelFits(y, spec, true);
  if (y.length < 10) throw new AnalysisError('TOO_FEW_POINTS', `${name} needs at least 10 observations`);
  return keep ? keptHoltWintersModel(name, y, spec, keep) : fitHoltWintersModel(name, y, spec);
}
