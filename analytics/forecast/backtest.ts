/**
 * Model selection by rolling-origin backtest (Tashman 2000, "Out-of-sample tests of forecasting accuracy",
 * IJF 16(4)): each candidate is fitted once on the series up to the first origin, then forecasts `horizon` steps
 * from each of `origins` consecutive, non-overlapping origins with its parameters fixed and its states updated by
 * the data up to the origin (the "fixed-parameter, updated-origin" scheme; refitting at each origin would multiply
 * the cost by the number of origins). Accuracy is the MASE (Hyndman & Koehler 2006, "Another look at measures of
 * forecast accuracy", IJF 22(4), eq. for q_t): mean |e| over all origins and steps divided by the in-sample mean
 * absolute one-step naive difference of the training part. The lowest MASE wins; ties go to the earlier name in
 * MODEL_NAMES (simpler models are listed later, so ties keep the richer seasonal structure only when equal).
 *
 * Interval coverage at the same origins is reported beside the MASE; it does not enter the choice.
 */
import { AnalysisError, toSectionError } from '../errors.ts';
import { DEFAULT_LEVELS, predictionIntervals, type SimulationOptions } from './intervals.ts';
import { fitModelByName } from './models.ts';
import { detectSeasonality, type SeasonalityReport } from './period.ts';
import { MODEL_NAMES, type ModelName } from './types.ts';

export interface RankOptions extends SimulationOptions {
  /** Steps per forecast; default 10 (the original's). */
  horizon?: number;
  /** Number of forecast origins; default 6. */
  origins?: number;
  /** Seasonal period of the seasonal candidates: a number, null for none, or "auto" (default) to detect it. */
  period?: number | null | 'auto';
  candidates?: readonly ModelName[];
  /** Interval levels whose coverage is reported; [] skips the intervals (faster). */
  levels?: readonly number[];
}

export interface CandidateScore {
  name: ModelName;
  /** Backtest MASE; null when the model could not run on this series (see `error`). */
  mase: number | null;
  /** Share of the backtest's actual values inside each level's interval. */
  coverage: Array<{ level: number; share: number }>;
  error?: { code: string; message: string };
}

export interface Ranking {
  /** The period the seasonal candidates used, and what detection found when it ran. */
  period: number | null;
  seasonality: SeasonalityReport | null;
  /** Candidates by ascending MASE, the ones that could not run last. */
  ranking: CandidateScore[];
  chosen: ModelName;
  mase: number;
  runnerUp: { name: ModelName; mase: number } | null;
}

export const DEFAULT_HORIZON = 10;
export const DEFAULT_ORIGINS = 6;

export function rankModels(values: ArrayLike<number>, options: RankOptions = {}): Ranking {
  const horizon = options.horizon ?? DEFAULT_HORIZON;
  const origins = options.origins ?? DEFAULT_ORIGINS;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new AnalysisError('INVALID_PARAMETER', 'horizon must be a positive integer');
  }
  if (!Number.isInteger(origins) || origins < 1) {
    throw new AnalysisError('INVALID_PARAMETER', 'origins must be a positive integer');
  }
  const n = values.length;
  const trainEnd = n - horizon * origins;
  if (trainEnd < 10) {
    throw new AnalysisError(
      'TOO_FEW_POINTS',
      `a backtest of ${origins} origins × ${horizon} steps needs at least ${horizon * origins + 10} observations; got ${n}`,
    );
  }
  const y = Float64Array.from(values);
  const train = y.subarray(0, trainEnd);
  const requested = options.period ?? 'auto';
  const seasonality = requested === 'auto' ? detectSeasonality(train) : null;
  const period = requested === 'auto' ? seasonality!.period : requested;
  const levels = options.levels ?? DEFAULT_LEVELS;
  const scale = naiveScale(train);

  const scores = (options.candidates ?? MODEL_NAMES).map((name): CandidateScore => {
    try {
      const fitted = fitModelByName(train, name, period);
      let absSum = 0;
      const inside = levels.map(() => 0);
      for (let o = 0; o < origins; o++) {
        const origin = trainEnd + o * horizon;
        const dist = fitted.forecast(y.subarray(0, origin), horizon);
        for (let k = 0; k < horizon; k++) absSum += Math.abs(y[origin + k]! - dist.mean[k]!);
        if (levels.length > 0) {
          const bands = predictionIntervals(dist, levels, { paths: options.paths, seed: options.seed }).bands;
          bands.forEach((band, j) => {
            for (let k = 0; k < horizon; k++) {
              const v = y[origin + k]!;
              if (v >= band.lower[k]! && v <= band.upper[k]!) inside[j]!++;
            }
          });
        }
      }
      const mase = absSum / (origins * horizon) / scale;
      if (!Number.isFinite(mase))
        throw new AnalysisError('NUMERICAL_FAILURE', `${name} forecast is not finite`);
      return {
        name,
        mase,
        coverage: levels.map((level, j) => ({ level, share: inside[j]! / (origins * horizon) })),
      };
    } catch (err) {
      return { name, mase: null, coverage: [], error: toSectionError(err).error };
    }
  });
  const order = (s: CandidateScore) => s.mase ?? Number.POSITIVE_INFINITY;
  const ranking = [...scores].sort((a, b) => order(a) - order(b));
  const [first, second] = ranking;
  if (!first || first.mase === null) {
    throw new AnalysisError('NUMERICAL_FAILURE', 'no candidate model could run on this series');
  }
  return {
    period,
    seasonality,
    ranking,
    chosen: first.name,
    mase: first.mase,
    runnerUp: second && second.mase !== null ? { name: second.name, mase: second.mase } : null,
  };
}

/**
 * Hyndman & Koehler's scale: the in-sample MAE of the one-step naive forecast, (1/(n−1)) Σ |y_t − y_{t−1}|. A
 * constant training part has scale 0; its MASE is then taken against the series' magnitude instead, so a perfect
 * forecast still scores 0 and any error scores high.
 */
export function naiveScale(y: ArrayLike<number>): number {
  let sum = 0;
  let mag = 0;
  for (let t = 1; t < y.length; t++) {
    sum += Math.abs(y[t]! - y[t - 1]!);
    mag = Math.max(mag, Math.abs(y[t]!));
  }
  const scale = sum / (y.length - 1);
  return scale > 0 ? scale : Math.max(mag, 1) * 1e-9;
}
