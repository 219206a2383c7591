/**
 * Window aggregates (ALGORITHMS.md §5), two flavours:
 *
 * - trailing raw windows: count/max/min/mean/std (ddof 1) of the samples with t in (t_last − W, t_last], t_last being
 *   the last timestamp. This is what "the last hour" means to a reader.
 * - the original's semantics (docs/architecture.md), kept for compatibility: pandas `series.resample(rule).last()`
 *   (closed/label left, origin "start_day" = midnight UTC of the first sample's day) and then max/min/mean/std over
 *   the bucket values.
 *   Buckets run from the first sample's bucket to the last sample's, empty ones included in n_buckets and skipped
 *   by the statistics. Note this covers the whole series, not the last W.
 *
 * NaN values are skipped like pandas does (`last()` takes the last non-NaN value in a bucket; the reductions skip
 * NaN); a statistic over nothing (or a std over one value) is null, where pandas gives NaN.
 */
import { parseWindowRule } from './duration.ts';
import { AnalysisError } from './errors.ts';
import type { TimedValue } from './series.ts';

export interface WindowStats {
  count: number;
  max: number | null;
  min: number | null;
  mean: number | null;
  std: number | null;
}

export interface ResampledStats {
  max: number | null;
  min: number | null;
  mean: number | null;
  std: number | null;
  n_buckets: number;
  n_nonempty: number;
}

export const DEFAULT_WINDOWS: readonly string[] = ['1h', '3h', '12h'];

const DAY_MS = 86_400_000;

function windowLength(rule: string): number {
  const ms = parseWindowRule(rule);
  if (ms === null)
    throw new AnalysisError('INVALID_PARAMETER', `window ${JSON.stringify(rule)} is not a valid rule`);
  return ms;
}

/** Trailing raw windows (t_last − W, t_last]. `samples` must be sorted by time. */
export function trailingWindowAggregates(
  samples: readonly TimedValue[],
  windows: readonly string[] = DEFAULT_WINDOWS,
): Record<string, WindowStats> {
  if (samples.length === 0) throw new AnalysisError('EMPTY_SERIES', 'the series has no samples');
  const tLast = samples[samples.length - 1]!.t;
  const out: Record<string, WindowStats> = {};
  for (const rule of windows) {
    const start = tLast - windowLength(rule);
    const inWindow: number[] = [];
    for (let i = samples.length - 1; i >= 0 && samples[i]!.t > start; i--) {
      const v = samples[i]!.v;
      if (!Number.isNaN(v)) inWindow.push(v);
    }
    inWindow.reverse();
    out[rule] = { count: inWindow.length, ...describe(inWindow) };
  }
  return out;
}

/** `series.resample(rule).last()` then max/min/mean/std over the buckets. `samples` must be sorted by time. */
export function resampledAggregates(
  samples: readonly TimedValue[],
  windows: readonly string[] = DEFAULT_WINDOWS,
): Record<string, ResampledStats> {
  if (samples.length === 0) throw new AnalysisError('EMPTY_SERIES', 'the series has no samples');
  const first = samples[0]!.t;
  const last = samples[samples.length - 1]!.t;
  // origin="start_day": midnight (UTC) of the first timestamp's day. For rules that divide a day this is the same
  // as aligning buckets to the Unix epoch.
  const origin = Math.floor(first / DAY_MS) * DAY_MS;
  const out: Record<string, ResampledStats> = {};
  for (const rule of windows) {
    const w = windowLength(rule);
    const bucketOf = (t: number) => Math.floor((t - origin) / w);
    const nBuckets = bucketOf(last) - bucketOf(first) + 1;
    // Only non-empty buckets are materialised: the count of empty ones follows from the index range, so a long
    // series with a short rule costs no memory per empty bucket.
    const lastValues: number[] = [];
    let currentBucket = Number.NaN;
    for (const { t, v } of samples) {
      if (Number.isNaN(v)) continue;
      const b = bucketOf(t);
      if (b === currentBucket) lastValues[lastValues.length - 1] = v;
      else {
        lastValues.push(v);
        currentBucket = b;
      }
    }
    out[rule] = { ...describe(lastValues), n_buckets: nBuckets, n_nonempty: lastValues.length };
  }
  return out;
}

/** pandas max/min/mean/std(ddof=1) of finite values; the variance is two-pass, as pandas' nanvar. */
function describe(values: readonly number[]): Omit<WindowStats, 'count'> {
  const k = values.length;
  if (k === 0) return { max: null, min: null, mean: null, std: null };
  let max = values[0]!;
  let min = values[0]!;
  let sum = 0;
  for (const v of values) {
    if (v > max) max = v;
    if (v < min) min = v;
    sum += v;
  }
  const mean = sum / k;
  let std: number | null = null;
  if (k > 1) {
    let ss = 0;
    for (const v of values) ss += (v - mean) * (v - mean);
    std = Math.sqrt(ss / (k - 1));
  }
  return { max, min, mean, std };
}
