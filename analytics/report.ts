/**
 * The per-series analysis report: every analysis runs on its own, and each section is either its result or
 * `{ error: { code, message } }`. `analyzeSeries` never throws and never emits NaN or ±Infinity, so the report can
 * be serialised as JSON and published as is.
 */

import type { z } from 'zod';
import { acf } from './acf.ts';
import { type AdfResult, adfuller } from './adf.ts';
import {
  type ResampledStats,
  resampledAggregates,
  trailingWindowAggregates,
  type WindowStats,
} from './aggregates.ts';
import { type DecomposeResult, seasonalDecompose } from './decompose.ts';
import { AnalysisError, type SectionError, toSectionError } from './errors.ts';
import type { StoredBand } from './forecast/anomaly.ts';
import { type ForecastMemory, type SeriesForecast, seriesForecast } from './forecast/series-forecast.ts';
import { holtWinters } from './holt-winters/index.ts';
import type { HoltWintersReport, WarmStart } from './holt-winters/types.ts';
import { type HpResult, hpfilter } from './hp.ts';
import {
  type AnalyzeParamsInput,
  acfParamsSchema,
  adfParamsSchema,
  aggregatesParamsSchema,
  decomposeParamsSchema,
  forecastParamsSchema,
  formatIssues,
  holtWintersParamsSchema,
  hpParamsSchema,
} from './params.ts';
import {
  orderedValues,
  type PreparedSeries,
  prepareSeries,
  type SampleInput,
  timedValues,
} from './series.ts';

export type Section<T> = T | SectionError;

export interface AnalysisReport {
  adf: Section<AdfResult>;
  hp: Section<HpResult>;
  acf: Section<(number | null)[]>;
  decompose: Section<DecomposeResult>;
  /** Trailing raw windows (t_last − W, t_last], keyed by rule. */
  aggregates: Section<Record<string, WindowStats>>;
  /** The original's `resample(rule).last()` aggregates (docs/architecture.md), keyed by rule. */
  aggregates_resampled: Section<Record<string, ResampledStats>>;
  holt_winters: Section<HoltWintersReport>;
  /**
   * The chosen model's forecast with 80/95 % intervals, its backtest MASE and runner-up, and the anomaly flag
   * (issue #15). Absent from reports made before it existed.
   */
  forecast?: Section<SeriesForecast>;
}

export interface AnalyzeInput {
  series: readonly SampleInput[];
  /** Every key optional; see params.ts for the defaults. */
  params?: AnalyzeParamsInput | null;
  /**
   * This series' previous Holt-Winters fit (the stored `hw_*` columns), to warm-start the fit from; the report's
   * `holt_winters.fit` says whether it was kept. Per series, so it is not part of the catalog's `params`.
   */
  warmStart?: WarmStart | null;
  /** What this series' previous run kept of its forecast choice (reused for `rank_every` cycles). */
  forecastMemory?: ForecastMemory | null;
  /** The previous run's 95 % band (Unix seconds), against which the latest sample is flagged. */
  previousBand?: StoredBand | null;
  /** A number fixed per series that spreads new series' first rankings over the cycles (seriesForecast). */
  forecastSlot?: number;
}

/**
 * Runs every analysis on one series. Parameters are validated section by section, so a bad setting for one
 * analysis is that section's INVALID_PARAMETER error; entry points that must reject bad input outright (the CLI)
 * validate the whole object with `parseParams` first.
 */
export function analyzeSeries(input: AnalyzeInput): AnalysisReport {
  const rawParams = (input?.params ?? {}) as Record<string, unknown>;
  const series: PreparedSeries = Array.isArray(input?.series)
    ? prepareSeries(input.series)
    : prepareSeries([]);

  const values = () => orderedValues(series);
  // Both aggregate sections read the same time-sorted samples (neither modifies them): build them once.
  let timedCache: ReturnType<typeof timedValues> | null = null;
  const timed = () => {
    if (timedCache === null) timedCache = timedValues(series);
    return timedCache;
  };

  const holtWintersSection = section(() => {
    const p = sectionParams(holtWintersParamsSchema, rawParams['holt_winters'], 'holt_winters');
    return holtWinters(values(), {
      trend: p.trend,
      seasonal: p.seasonal,
      seasonalPeriods: p.seasonal_periods,
      damped: p.damped,
      steps: p.steps,
      params: p.params,
      warmStart: input?.warmStart ?? null,
    });
  });

  return {
    adf: section(() => {
      const p = sectionParams(adfParamsSchema, rawParams['adf'], 'adf');
      return adfuller(values(), p);
    }),
    hp: section(() => hpfilter(values(), sectionParams(hpParamsSchema, rawParams['hp'], 'hp').lambda)),
    acf: section(() =>
      acf(values(), { nlags: sectionParams(acfParamsSchema, rawParams['acf'], 'acf').nlags }),
    ),
    decompose: section(() =>
      seasonalDecompose(values(), sectionParams(decomposeParamsSchema, rawParams['decompose'], 'decompose')),
    ),
    aggregates: section(() => {
      const { windows } = sectionParams(aggregatesParamsSchema, rawParams['aggregates'], 'aggregates');
      return trailingWindowAggregates(timed(), windows);
    }),
    aggregates_resampled: section(() => {
      const { windows } = sectionParams(aggregatesParamsSchema, rawParams['aggregates'], 'aggregates');
      return resampledAggregates(timed(), windows);
    }),
    holt_winters: holtWintersSection,
    forecast: section(() => {
      const p = sectionParams(forecastParamsSchema, rawParams['forecast'], 'forecast');
      const hw = sectionParams(holtWintersParamsSchema, rawParams['holt_winters'], 'holt_winters');
      return seriesForecast({
        values: values(),
        params: p,
        horizon: hw.steps,
        previous: input?.forecastMemory ?? null,
        previousBand: input?.previousBand ?? null,
        latest: latestSample(input?.series),
        original: 'error' in holtWintersSection ? null : holtWintersSection,
        slot: input?.forecastSlot ?? 0,
      });
    }),
  };
}

/** The last finite sample by time, in Unix seconds: the one the anomaly flag judges. */
function latestSample(samples: readonly SampleInput[] | undefined): { t: number; v: number } | null {
  let best: { t: number; v: number } | null = null;
  for (const s of samples ?? []) {
    const t = Date.parse(s.t) / 1000;
    if (typeof s.v === 'number' && Number.isFinite(s.v) && Number.isFinite(t) && (!best || t > best.t)) {
      best = { t, v: s.v };
    }
  }
  return best;
}

function sectionParams<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success)
    throw new AnalysisError('INVALID_PARAMETER', formatIssues(result.error, `params.${name}`));
  return result.data;
}

/** Runs one analysis; anything thrown, or any non-finite number in its result, becomes that section's error. */
function section<T>(run: () => T): Section<T> {
  try {
    const result = run();
    const bad = firstNonFinitePath(result);
    if (bad !== null) {
      return toSectionError(
        new AnalysisError('NUMERICAL_FAILURE', `the result has a non-finite value at ${bad}`),
      );
    }
    return result;
  } catch (err) {
    return toSectionError(err);
  }
}

/**
 * Path of the first NaN/±Infinity in a JSON-like value, or null; turns −0 into 0 on the way (see `findNonFinite`).
 * The scan that names the path builds a string per element, so it runs only when there is something to name.
 * Exported for tests.
 */
export function firstNonFinitePath(value: unknown): string | null {
  return hasNonFinite(value) ? findNonFinite(value, '') : null;
}

/**
 * Whether a JSON-like value holds NaN/±Infinity. Normalises −0 to 0 exactly as `findNonFinite` does, up to the same
 * first hit (so running `findNonFinite` afterwards yields the same path and leaves the value the same), but without
 * building a path string per element.
 */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'number') {
        if (v - v !== 0) return true; // NaN or ±Infinity
        if (v === 0 && 1 / v < 0) value[i] = 0;
      } else if (hasNonFinite(v)) return true;
    }
    return false;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (Object.is(v, -0)) record[key] = 0;
      if (hasNonFinite(v)) return true;
    }
  }
  return false;
}

/**
 * Path of the first NaN/±Infinity in a JSON-like value, or null if there is none. On the way it turns −0 into 0
 * in arrays and objects, so the report equals its own JSON form (JSON has no negative zero).
 */
function findNonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(root)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (Object.is(value[i], -0)) value[i] = 0;
      const hit = findNonFinite(value[i], `${path}[${i}]`);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (Object.is(v, -0)) (value as Record<string, unknown>)[key] = 0;
      const hit = findNonFinite(v, path ? `${path}.${key}` : key);
      if (hit !== null) return hit;
    }
  }
  return null;
}
