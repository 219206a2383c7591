import { movedStates } from '../analytics/holt-winters/fitted-states.ts';
import type { AnalysisMessage } from '../contracts/analysis-message.ts';
import {
  clip,
  encodeFloat64,
  sha256Hex,
  toInstant,
  toUnsigned,
  UINT16_MAX,
  UINT32_MAX,
  UnstorableValue,
} from './codec.ts';
import type {
  acfValues,
  adfResults,
  aggregates,
  analysisErrors,
  analysisRuns,
  Component,
  componentSeries,
  decompositions,
  forecastPoints,
  hpResults,
  series,
} from './schema.ts';

/**
 * One Kafka message as the rows it becomes. Pure: the repository only adds the generated ids (series, run) and
 * writes them in batches. Anything the database would refuse is caught here as UNSTORABLE, so that one odd
 * message is dead-lettered instead of failing a whole batch.
 */

/** ADF's usual reading, as the original (docs/architecture.md) reported it: the unit root is rejected at 5 %. */
export const STATIONARITY_P_VALUE = 0.05;
/** The "10-minute predicted max/min/mean": the forecast points within 10 minutes after the last sample. */
export const PREDICTION_HORIZON_MS = 10 * 60_000;
export const PREDICTION_WINDOW_RULE = '10min';

const ERROR_CODE_CHARS = 128;
/** TEXT holds 65,535 bytes, i.e. 16,383 four-byte characters. */
const TEXT_CHARS = 16_000;
const WINDOW_RULE_CHARS = 32;

type Without<T, K extends keyof T> = Omit<T, K>;

export interface RecordSource {
  topic: string;
  partition: number;
  offset: number;
}

export interface MappedRun {
  /** The Kafka offset the message came from (ordering within a partition). */
  offset: number;
  series: Without<typeof series.$inferInsert, 'id'>;
  run: Without<typeof analysisRuns.$inferInsert, 'id' | 'seriesId'>;
  adf: Without<typeof adfResults.$inferInsert, 'runId'> | null;
  hp: Without<typeof hpResults.$inferInsert, 'runId'> | null;
  decomposition: Without<typeof decompositions.$inferInsert, 'runId'> | null;
  components: Without<typeof componentSeries.$inferInsert, 'runId' | 'seriesId' | 'windowEnd'>[];
  acf: Without<typeof acfValues.$inferInsert, 'runId'>[];
  aggregates: Without<typeof aggregates.$inferInsert, 'runId'>[];
  forecast: Without<typeof forecastPoints.$inferInsert, 'runId'>[];
  errors: Without<typeof analysisErrors.$inferInsert, 'runId'>[];
}

export type MapResult = { ok: true; mapped: MappedRun } | { ok: false; detail: string };

type Report = AnalysisMessage['report'];
/** The sections storage knows; a report may carry more keys (the contract keeps them), which are not stored. */
const SECTIONS = [
  'adf',
  'hp',
  'acf',
  'decompose',
  'aggregates',
  'aggregates_resampled',
  'holt_winters',
  'forecast',
] as const satisfies readonly (keyof Report)[];
type Ok<S> = Exclude<S, { error: unknown }>;

function ok<S extends object>(section: S): Ok<S> | null {
  return 'error' in section ? null : (section as Ok<S>);
}

export function mapAnalysisMessage(
  message: AnalysisMessage,
  source: RecordSource,
  storedAt: Date,
): MapResult {
  try {
    return { ok: true, mapped: map(message, source, storedAt) };
  } catch (err) {
    if (err instanceof UnstorableValue) return { ok: false, detail: err.message };
    throw err;
  }
}

function map(m: AnalysisMessage, source: RecordSource, storedAt: Date): MappedRun {
  const r = m.report;
  const producedAt = toInstant(m.produced_at, 'produced_at');
  const windowEnd = toInstant(m.window.end, 'window.end');
  const lastSampleAt =
    m.window.last_sample === null ? null : toInstant(m.window.last_sample, 'window.last_sample');
  const hw = ok(r.holt_winters);

  const errors = SECTIONS.flatMap((section) => {
    const value: object | undefined = r[section];
    if (value === undefined || !('error' in value)) return [];
    const { code, message } = (value as { error: { code: string; message: string } }).error;
    return [{ section, code: clip(code, ERROR_CODE_CHARS), message: clip(message, TEXT_CHARS) }];
  });

  const adf = ok(r.adf);
  const hp = ok(r.hp);
  const dec = ok(r.decompose);
  const components: MappedRun['components'] = [];
  const component = (name: Component, values: readonly (number | null)[]) =>
    components.push({
      component: name,
      points: toUnsigned(values.length, UINT32_MAX, name),
      data: encodeFloat64(values),
    });
  if (hp) {
    component('hp_trend', hp.trend);
    component('hp_cycle', hp.cycle);
  }
  if (dec) {
    component('decompose_trend', dec.trend);
    component('decompose_seasonal', dec.seasonal);
    component('decompose_resid', dec.resid);
  }
  // The fitted initial seasonals, only where the fit moved them: the next cycle's fit of this series starts there.
  const states = hw ? movedStates(hw.init, hw.params) : null;
  if (states) component('hw_initial_seasons', states.seasonal);

  const acf = ok(r.acf);
  const chosen = r.forecast ? ok(r.forecast) : null;
  // The bands belong to the points when the points are the chosen model's mean (not the Holt-Winters fallback).
  const banded = chosen !== null && chosen.mean.length === m.forecast.length;
  const band = (level: number) =>
    banded ? chosen.bands.find((b) => Math.abs(b.level - level) < 1e-9) : undefined;
  const b80 = band(0.8);
  const b95 = band(0.95);
  const forecast = m.forecast.map((p, i) => ({
    step: toUnsigned(i + 1, UINT16_MAX, 'forecast step'),
    at: toInstant(p.t, `forecast[${i}].t`),
    value: p.v,
    lower80: b80?.lower[i] ?? null,
    upper80: b80?.upper[i] ?? null,
    lower95: b95?.lower[i] ?? null,
    upper95: b95?.upper[i] ?? null,
  }));

  return {
    offset: source.offset,
    series: {
      keyHash: sha256Hex(m.series.key),
      seriesKey: m.series.key,
      metric: m.series.metric,
      labels: m.series.labels,
      firstSeenAt: windowEnd,
      lastSeenAt: windowEnd,
    },
    run: {
      messageHash: sha256Hex(m.id),
      messageId: m.id,
      cycleId: m.cycle_id,
      producedAt,
      windowStart: toInstant(m.window.start, 'window.start'),
      windowEnd,
      stepSeconds: toUnsigned(m.window.step_seconds, UINT32_MAX, 'window.step_seconds'),
      points: toUnsigned(m.window.points, UINT32_MAX, 'window.points'),
      firstSampleAt:
        m.window.first_sample === null ? null : toInstant(m.window.first_sample, 'window.first_sample'),
      lastSampleAt,
      modelTrend: hw?.model.trend ?? null,
      modelSeasonal: hw?.model.seasonal ?? null,
      modelSeasonalPeriods:
        hw?.model.seasonal_periods == null
          ? null
          : toUnsigned(hw.model.seasonal_periods, UINT32_MAX, 'holt_winters.model.seasonal_periods'),
      modelDamped: hw?.model.damped ?? null,
      hwAlpha: hw?.params.alpha ?? null,
      hwBeta: hw?.params.beta ?? null,
      hwGamma: hw?.params.gamma ?? null,
      hwInitialLevel: hw?.params.initial_level ?? null,
      hwInitialTrend: hw?.params.initial_trend ?? null,
      hwSse: hw?.sse ?? null,
      forecastModel: chosen?.model ?? null,
      forecastRanked: chosen?.ranked ?? null,
      forecastRankAge: chosen ? toUnsigned(chosen.rank_age, UINT16_MAX, 'forecast.rank_age') : null,
      forecastPeriod:
        chosen?.period == null ? null : toUnsigned(chosen.period, UINT32_MAX, 'forecast.period'),
      forecastPeriodSource: chosen?.period_source ?? null,
      forecastMase: chosen?.mase ?? null,
      forecastRunnerUp: chosen?.runner_up?.model ?? null,
      forecastRunnerUpMase: chosen?.runner_up?.mase ?? null,
      forecastMethod: chosen?.method ?? null,
      forecastParams: chosen?.params ?? null,
      anomaly: chosen?.anomaly?.anomalous ?? null,
      errorCount: errors.length,
      sourceTopic: source.topic,
      sourcePartition: source.partition,
      sourceOffset: source.offset,
      storedAt,
    },
    adf: adf && {
      statistic: adf.statistic,
      pvalue: adf.pvalue,
      usedLag: toUnsigned(adf.usedlag, UINT32_MAX, 'adf.usedlag'),
      nobs: toUnsigned(adf.nobs, UINT32_MAX, 'adf.nobs'),
      critical1pct: adf.critical['1%'],
      critical5pct: adf.critical['5%'],
      critical10pct: adf.critical['10%'],
      icbest: adf.icbest,
      stationary: adf.pvalue < STATIONARITY_P_VALUE,
    },
    hp: hp && { lambda: hp.lambda, points: toUnsigned(hp.trend.length, UINT32_MAX, 'hp.trend') },
    decomposition: dec && {
      period: toUnsigned(dec.period, UINT32_MAX, 'decompose.period'),
      points: toUnsigned(dec.trend.length, UINT32_MAX, 'decompose.trend'),
    },
    components,
    acf: (acf ?? []).map((value, lag) => ({ lagIndex: toUnsigned(lag, UINT16_MAX, 'acf lag'), value })),
    aggregates: [...windowAggregates(r), predictedAggregate(forecast, lastSampleAt, m.window.step_seconds)],
    forecast,
    errors,
  };
}

function windowRule(rule: string): string {
  if (rule.length > WINDOW_RULE_CHARS) {
    throw new UnstorableValue(
      `aggregate window ${JSON.stringify(clip(rule, 40))} is longer than ${WINDOW_RULE_CHARS}`,
    );
  }
  return rule;
}

function windowAggregates(r: Report): MappedRun['aggregates'] {
  const trailing = Object.entries(ok(r.aggregates) ?? {}).map(([rule, s]) => ({
    kind: 'trailing' as const,
    windowRule: windowRule(rule),
    sampleCount: toUnsigned(s.count, UINT32_MAX, `aggregates.${rule}.count`),
    bucketCount: null,
    nonEmptyBuckets: null,
    max: s.max,
    min: s.min,
    mean: s.mean,
    std: s.std,
  }));
  const resampled = Object.entries(ok(r.aggregates_resampled) ?? {}).map(([rule, s]) => ({
    kind: 'resampled' as const,
    windowRule: windowRule(rule),
    sampleCount: null,
    bucketCount: toUnsigned(s.n_buckets, UINT32_MAX, `aggregates_resampled.${rule}.n_buckets`),
    nonEmptyBuckets: toUnsigned(s.n_nonempty, UINT32_MAX, `aggregates_resampled.${rule}.n_nonempty`),
    max: s.max,
    min: s.min,
    mean: s.mean,
    std: s.std,
  }));
  return [...trailing, ...resampled];
}

/**
 * Max/min/mean of the forecast points in (last sample, last sample + 10 min]. Without a last sample the
 * forecast's own start stands in (one step before its first point). No points (the forecast failed) gives a
 * row with count 0 and nulls, like a trailing window without samples.
 */
export function predictedAggregate(
  forecast: readonly { at: Date; value: number }[],
  lastSampleAt: Date | null,
  stepSeconds: number,
): MappedRun['aggregates'][number] {
  const first = forecast[0];
  const base = lastSampleAt?.getTime() ?? (first ? first.at.getTime() - stepSeconds * 1000 : 0);
  const values = forecast
    .filter((p) => p.at.getTime() > base && p.at.getTime() <= base + PREDICTION_HORIZON_MS)
    .map((p) => p.value);
  const n = values.length;
  return {
    kind: 'predicted',
    windowRule: PREDICTION_WINDOW_RULE,
    sampleCount: n,
    bucketCount: null,
    nonEmptyBuckets: null,
    max: n ? Math.max(...values) : null,
    min: n ? Math.min(...values) : null,
    mean: n ? values.reduce((a, b) => a + b, 0) / n : null,
    std: null,
  };
}

/** Rows a mapped message writes (the series catalog upsert not counted). */
export function rowCount(m: MappedRun): number {
  return (
    1 +
    (m.adf ? 1 : 0) +
    (m.hp ? 1 : 0) +
    (m.decomposition ? 1 : 0) +
    m.components.length +
    m.acf.length +
    m.aggregates.length +
    m.forecast.length +
    m.errors.length
  );
}
