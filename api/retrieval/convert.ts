import type {
  AcfRow,
  AdfRow,
  AggregateRow,
  ErrorRow,
  ForecastRow,
  RunRow,
} from '../../drizzle/repositories/runs.ts';
import type { SeriesRow } from '../../drizzle/repositories/series.ts';
import type {
  Aggregate,
  AggregateKind,
  AutocorrelationValue,
  DickeyFuller,
  ForecastChoice,
  ForecastPoint,
  HoltWintersModel,
  RunRef,
  RunSummary,
  SectionError,
  Series,
  SeriesSummary,
} from './messages.ts';
import { maybeTimestamp, toTimestamp } from './timestamp.ts';

/**
 * Stored rows → wire messages. Pure. A nullable column becomes an absent proto3 `optional` field, never 0 or
 * NaN, so "no value" stays distinguishable from a value of zero.
 */

/** Sets `key` only when the value exists (proto3 optional: absent = no value). */
export function opt<T extends object, K extends string, V>(
  target: T,
  key: K,
  value: V | null | undefined,
): T {
  if (value !== null && value !== undefined) (target as Record<string, unknown>)[key] = value;
  return target;
}

export function toSeries(row: SeriesRow): Series {
  return { key: row.seriesKey, metric: row.metric, labels: row.labels };
}

export function toSeriesSummary(row: SeriesRow): SeriesSummary {
  return {
    series: toSeries(row),
    first_seen: toTimestamp(row.firstSeenAt),
    last_seen: toTimestamp(row.lastSeenAt),
  };
}

export function toRunRef(run: RunRow, series: Series): RunRef {
  return {
    run_id: run.id,
    cycle_id: run.cycleId,
    series,
    window_start: toTimestamp(run.windowStart),
    window_end: toTimestamp(run.windowEnd),
  };
}

export function toSectionError(row: Pick<ErrorRow, 'section' | 'code' | 'message'>): SectionError {
  return { section: row.section, code: row.code, message: row.message };
}

export function toRunSummary(run: RunRow, series: Series, errors: readonly ErrorRow[]): RunSummary {
  return {
    run: toRunRef(run, series),
    produced_at: toTimestamp(run.producedAt),
    step_seconds: run.stepSeconds,
    points: run.points,
    first_sample: maybeTimestamp(run.firstSampleAt),
    last_sample: maybeTimestamp(run.lastSampleAt),
    errors: errors.map(toSectionError),
  };
}

export function toDickeyFuller(row: AdfRow): DickeyFuller {
  return opt(
    {
      statistic: row.statistic,
      pvalue: row.pvalue,
      used_lag: row.usedLag,
      nobs: row.nobs,
      critical_1pct: row.critical1pct,
      critical_5pct: row.critical5pct,
      critical_10pct: row.critical10pct,
      stationary: row.stationary,
    } as DickeyFuller,
    'icbest',
    row.icbest,
  );
}

export function toAutocorrelation(row: AcfRow): AutocorrelationValue {
  return opt({ lag: row.lagIndex } as AutocorrelationValue, 'value', row.value);
}

const KINDS: Record<AggregateRow['kind'], AggregateKind> = {
  trailing: 'TRAILING',
  resampled: 'RESAMPLED',
  predicted: 'PREDICTED',
};

export function toAggregate(row: AggregateRow): Aggregate {
  const out = { kind: KINDS[row.kind], window: row.windowRule } as Aggregate;
  opt(out, 'sample_count', row.sampleCount);
  opt(out, 'bucket_count', row.bucketCount);
  opt(out, 'non_empty_buckets', row.nonEmptyBuckets);
  opt(out, 'max', row.max);
  opt(out, 'min', row.min);
  opt(out, 'mean', row.mean);
  return opt(out, 'std', row.std);
}

/** The Holt-Winters model stored on the run, or null when that section failed (no model was fitted). */
export function toHoltWintersModel(run: RunRow): HoltWintersModel | null {
  if (run.hwAlpha === null || run.hwInitialLevel === null) return null;
  const out = {
    trend: run.modelTrend ?? '',
    seasonal: run.modelSeasonal ?? '',
    damped: run.modelDamped ?? false,
    alpha: run.hwAlpha,
    initial_level: run.hwInitialLevel,
  } as HoltWintersModel;
  opt(out, 'seasonal_periods', run.modelSeasonalPeriods);
  opt(out, 'beta', run.hwBeta);
  opt(out, 'gamma', run.hwGamma);
  opt(out, 'initial_trend', run.hwInitialTrend);
  return opt(out, 'sse', run.hwSse);
}

export function toForecastPoint(row: ForecastRow): ForecastPoint {
  const out = { step: row.step, at: toTimestamp(row.at), value: row.value } as ForecastPoint;
  opt(out, 'lower_80', row.lower80);
  opt(out, 'upper_80', row.upper80);
  opt(out, 'lower_95', row.lower95);
  return opt(out, 'upper_95', row.upper95);
}

/** The forecast's model choice stored on the run, or null for runs from before it (or whose section failed). */
export function toForecastChoice(run: RunRow): ForecastChoice | null {
  if (run.forecastModel === null) return null;
  const out = {
    model: run.forecastModel,
    ranked: run.forecastRanked ?? false,
    rank_age: run.forecastRankAge ?? 0,
    period_source: run.forecastPeriodSource ?? '',
    interval_method: run.forecastMethod ?? '',
  } as ForecastChoice;
  opt(out, 'period', run.forecastPeriod);
  opt(out, 'mase', run.forecastMase);
  opt(out, 'runner_up', run.forecastRunnerUp);
  opt(out, 'runner_up_mase', run.forecastRunnerUpMase);
  return opt(out, 'anomaly', run.anomaly);
}

/**
 * Sample times of a run's points, when they are known exactly: component point i belongs to the i-th sample
 * present, so only a window without gaps (first to last sample every step) maps index to time.
 */
export function sampleTimes(run: RunRow, pointCount: number): ((index: number) => Date) | null {
  if (!run.firstSampleAt || !run.lastSampleAt || pointCount === 0) return null;
  const first = run.firstSampleAt.getTime();
  const stepMs = run.stepSeconds * 1000;
  if ((run.lastSampleAt.getTime() - first) / stepMs + 1 !== pointCount) return null;
  return (index) => new Date(first + index * stepMs);
}

/** Sets the optional value fields of a point from packed arrays (null = absent). */
export function withValues<T extends object>(
  point: T,
  fields: readonly (readonly [string, readonly (number | null)[] | undefined])[],
  index: number,
): T {
  for (const [name, values] of fields) opt(point, name, values?.[index]);
  return point;
}
