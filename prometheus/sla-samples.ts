import type { PrometheusDriver } from 'prometheus-query';
import { seriesKey } from '../contracts/series-key.ts';
import type { SlaBounds, SlaMatcher } from '../contracts/sla.ts';
import type { Point } from '../sla/violations.ts';
import { prometheusFailure } from './client.ts';
import { labelsOf } from './results.ts';
import { regexLiteral, selector, seriesSelector } from './selectors.ts';

/** What an SLA evaluation samples: the SLA's series, every `stepSeconds` over [start, end] (both included). */
export interface Sampling {
  prom: PrometheusDriver;
  metric: string;
  matchers: SlaMatcher[];
  start: Date;
  end: Date;
  stepSeconds: number;
}

export interface SlaSeriesSamples {
  /** The series key (metric and labels), the report's stable order. */
  key: string;
  labels: Record<string, string>;
  points: Point[];
  /** Samples dropped for not being finite (±Inf; NaN is never returned by a comparison). */
  nonFinite: number;
}

function byKey<T extends { key: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A bound as a PromQL number literal: JavaScript's shortest round-trip form parses to the same double in Go. */
export function literal(v: number): string {
  return String(v);
}

/**
 * What keeps only the evaluations outside an SLA's bounds (bounds inclusive, as breachOf) and the infinite ones
 * (±Inf on a side without a bound), as a PromQL comparison with a scalar per side (cheap inside Prometheus), the
 * high side first. Infinities are rare, and knowing them lets a sample count taken inside Prometheus leave them
 * out exactly. NaN compares false with everything, so it is never returned: finding it would take a vector
 * comparison (`m != m`) costing several times the whole check, so a NaN evaluation counts as a sample that
 * neither breaches nor continues a breach, exactly as a missing one for the intervals. The sides never keep the
 * same sample (min ≤ max), so their results add up.
 */
export function breachComparisons(bounds: SlaBounds): Record<'high' | 'low', string> {
  return {
    high: bounds.max !== null ? `> ${literal(bounds.max)}` : '== +Inf',
    low: bounds.min !== null ? `< ${literal(bounds.min)}` : '== -Inf',
  };
}

/**
 * Every series `expr` returns, sampled at `stepSeconds` over [start, end] (both ends included) in one range
 * query, sorted by series key. Non-finite values (NaN, ±Inf as prometheus-query parses them) are dropped: they
 * cannot be compared with a bound.
 */
async function rangeSeries(
  { prom, metric, start, end, stepSeconds }: Sampling,
  expr: string,
): Promise<SlaSeriesSamples[]> {
  let result: Awaited<ReturnType<PrometheusDriver['rangeQuery']>>;
  try {
    result = await prom.rangeQuery(expr, start, end, stepSeconds);
  } catch (err) {
    throw prometheusFailure(err, `sampling ${metric}`);
  }
  return byKey(
    result.result.map((r) => {
      const labels = labelsOf(r.metric);
      const values = r.values as Array<{ time: Date; value: number }>;
      const points = values
        .filter((s) => Number.isFinite(s.value))
        .map((s) => ({ t: s.time.getTime(), v: s.value }));
      return { key: seriesKey(metric, labels), labels, points, nonFinite: values.length - points.length };
    }),
  );
}

/** Every series an SLA selects, sampled at `stepSeconds` over [start, end]. */
export function slaSamples(s: Sampling): Promise<SlaSeriesSamples[]> {
  return rangeSeries(s, selector(s.metric, s.matchers));
}

/**
 * Only the samples outside the SLA's bounds, of only the series that have any: what intervals and alert states
 * are made of. A sample inside the bounds and a missing sample both leave a hole, and both end a run, so runs
 * come out exactly as from every sample; a fleet that keeps its SLA answers with almost nothing. Non-finite
 * samples are counted (`nonFinite`), never returned as points. The series compared are each side's candidates:
 * `screened` (candidatesOf, from windowStats' extremes) or else screened here on raw samples (breachCandidates).
 */
export async function breachingSamples(
  s: Sampling,
  bounds: SlaBounds,
  screened?: Record<'high' | 'low', Candidates>,
): Promise<SlaSeriesSamples[]> {
  const comparisons = breachComparisons(bounds);
  const sides = await Promise.all(
    (['high', 'low'] as const).map(async (side) => {
      const candidates = screened?.[side] ?? (await breachCandidates(s, side, comparisons[side]));
      if (candidates === 'all')
        return rangeSeries(s, `${selector(s.metric, s.matchers)} ${comparisons[side]}`);
      if (candidates.length === 0) return [];
      // The candidates within the SLA's selector, under the same comparison.
      const only = selector(s.metric, [...s.matchers, ...candidateMatchers(candidates)]);
      return rangeSeries(s, `${only} ${comparisons[side]}`);
    }),
  );
  const merged = new Map<string, SlaSeriesSamples>();
  for (const series of sides.flat()) {
    const seen = merged.get(series.key);
    if (!seen) merged.set(series.key, series);
    else
      merged.set(series.key, {
        ...seen,
        points: [...seen.points, ...series.points].sort((a, b) => a.t - b.t),
        nonFinite: seen.nonFinite + series.nonFinite,
      });
  }
  return byKey([...merged.values()]);
}

/**
 * How far before the first evaluation a raw sample can still be its value: Prometheus' lookback (5 minutes by
 * default, `--query.lookback-delta`), with room for a server configured longer.
 */
export const LOOKBACK_MARGIN_SECONDS = 3600;
/** Above this many candidate series, one comparison over the whole selector is as cheap as naming them. */
const MAX_NAMED_CANDIDATES = 1_000;

/**
 * Matchers selecting the candidate series: per label, its one value or the alternation of its values (a label a
 * candidate lacks has the value "", as PromQL reads it). That selects every combination of those values, a
 * superset of the candidates, all within the SLA's selector, so the comparison's answer is still exact. One
 * selector with literal alternations is a set lookup in Prometheus' index (10 ms for 100 series of 10,000), where
 * an `or` of one selector per series costs more than comparing every series (1.5 s).
 */
function candidateMatchers(candidates: ReadonlyArray<Record<string, string>>): SlaMatcher[] {
  const names = [...new Set(candidates.flatMap((c) => Object.keys(c)))]
    .filter((k) => k !== '__name__')
    .sort();
  return names.map((label) => {
    const values = [...new Set(candidates.map((c) => c[label] ?? ''))].sort();
    return values.length === 1
      ? { label, op: '=' as const, value: values[0]! }
      : { label, op: '=~' as const, value: values.map(regexLiteral).join('|') };
  });
}

/**
 * The series that may have an evaluation on one side of the bounds (`high`: above the max, or +Inf without a max;
 * `low`: below the min, or −Inf without a min), found from their raw samples over the window and the lookback
 * before it: the value at an evaluation is one of those samples, so a series whose raw maximum (minimum) is not
 * past the bound has no such evaluation. One pass over the raw samples (`max_over_time`, no subquery) costs about
 * half the comparison's range query, and a fleet that keeps its SLA yields no series at all. 'all' when there are
 * too many to name.
 */
async function breachCandidates(
  { prom, metric, matchers, start, end }: Sampling,
  side: 'high' | 'low',
  comparison: string,
): Promise<Candidates> {
  const range = Math.round((end.getTime() - start.getTime()) / 1000) + LOOKBACK_MARGIN_SECONDS;
  const raw = `${side === 'high' ? 'max' : 'min'}_over_time(${selector(metric, matchers)}[${range}s])`;
  let result: Awaited<ReturnType<PrometheusDriver['instantQuery']>>;
  try {
    result = await prom.instantQuery(`${raw} ${comparison}`, end);
  } catch (err) {
    throw prometheusFailure(err, `screening ${metric} for breaches`);
  }
  return named(result.result.map((r) => labelsOf(r.metric)));
}

/** The series that may breach on one side, by their labels, or 'all' when naming them costs more than not. */
export type Candidates = Array<Record<string, string>> | 'all';

function named(candidates: Array<Record<string, string>>): Candidates {
  return candidates.length > MAX_NAMED_CANDIDATES ? 'all' : candidates;
}

/**
 * The candidates of each side from raw extremes (windowStats'): the comparisons of breachComparisons, on the same
 * doubles, in JavaScript, where an extreme that may be infinite (NaN) is a candidate of its side: the comparison
 * then settles it, exactly as if it had been screened inside Prometheus.
 */
export function candidatesOf(
  stats: ReadonlyArray<{ labels: Record<string, string>; max: number; min: number }>,
  bounds: SlaBounds,
): Record<'high' | 'low', Candidates> {
  const { max, min } = bounds;
  const high = stats.filter((s) => Number.isNaN(s.max) || (max !== null && s.max > max));
  const low = stats.filter((s) => Number.isNaN(s.min) || (min !== null && s.min < min));
  return { high: named(high.map((s) => s.labels)), low: named(low.map((s) => s.labels)) };
}

export interface CurrentValue {
  key: string;
  labels: Record<string, string>;
  v: number;
}

/** Every selected series' value at `at` (finite values only), one number per series, by series key. */
export async function currentValues(
  { prom, metric, matchers }: Pick<Sampling, 'prom' | 'metric' | 'matchers'>,
  at: Date,
): Promise<CurrentValue[]> {
  let result: Awaited<ReturnType<PrometheusDriver['instantQuery']>>;
  try {
    result = await prom.instantQuery(selector(metric, matchers), at);
  } catch (err) {
    throw prometheusFailure(err, `reading ${metric}`);
  }
  return byKey(
    result.result
      .map((r) => {
        const labels = labelsOf(r.metric);
        return { key: seriesKey(metric, labels), labels, v: r.value.value as number };
      })
      .filter((r) => Number.isFinite(r.v)),
  );
}

/** The samples of exactly these series (one exact selector each, in one query): a page's detail. */
export function samplesOf(
  s: Sampling,
  series: readonly Record<string, string>[],
): Promise<SlaSeriesSamples[]> {
  if (series.length === 0) return Promise.resolve([]);
  return rangeSeries(s, series.map((labels) => seriesSelector(s.metric, labels)).join(' or '));
}

/** Good and bad series at each minute of a range, by the minute's epoch milliseconds (minutes with none absent). */
export type MinuteCounts = Map<number, { good: number; bad: number }>;

/**
 * The SLO's SLI as two PromQL expressions of the SLA's series: the good ones (finite, inside the bounds) and the bad
 * ones (finite, outside them); NaN and infinities are neither. The counting query and the generated Prometheus
 * rules (rules.ts) both count these, so the two compute the same SLI by construction.
 */
export function goodAndBadSeries(
  metric: string,
  matchers: SlaMatcher[],
  bounds: SlaBounds,
): { good: string; bad: string } {
  const sel = selector(metric, matchers);
  const low = bounds.min !== null ? `>= ${literal(bounds.min)}` : '> -Inf';
  const high = bounds.max !== null ? `<= ${literal(bounds.max)}` : '< +Inf';
  const badSides: string[] = [];
  if (bounds.max !== null) badSides.push(`(${sel} > ${literal(bounds.max)} < +Inf)`);
  if (bounds.min !== null) badSides.push(`(${sel} < ${literal(bounds.min)} > -Inf)`);
  return { good: `${sel} ${low} ${high}`, bad: badSides.join(' or ') };
}

/**
 * How many selected series are good (finite, inside the bounds) and bad (finite, outside them) at each
 * `stepSeconds` instant of [start, end], counted inside Prometheus: one range query returning two numbers per
 * instant, whatever the number of series. Non-finite and NaN values are neither, as in the violation check.
 */
export async function minuteCounts(
  { prom, metric, matchers, start, end, stepSeconds }: Sampling,
  bounds: SlaBounds,
): Promise<MinuteCounts> {
  const { good, bad } = goodAndBadSeries(metric, matchers, bounds);
  const expr =
    `label_replace(count(${good}), "vigil_count", "good", "", "") or ` +
    `label_replace(count(${bad}), "vigil_count", "bad", "", "")`;
  let result: Awaited<ReturnType<PrometheusDriver['rangeQuery']>>;
  try {
    result = await prom.rangeQuery(expr, start, end, stepSeconds);
  } catch (err) {
    throw prometheusFailure(err, `counting good and bad minutes of ${metric}`);
  }
  const out: MinuteCounts = new Map();
  for (const r of result.result) {
    const which = labelsOf(r.metric)['vigil_count'] === 'bad' ? 'bad' : 'good';
    for (const s of r.values as Array<{ time: Date; value: number }>) {
      const t = s.time.getTime();
      const entry = out.get(t) ?? { good: 0, bad: 0 };
      entry[which] = s.value;
      out.set(t, entry);
    }
  }
  return out;
}

/**
 * Every selected series with a sample in [start, end] (raw samples, no lookback before `start`), by series key:
 * one instant query returning one number per series, so listing a dashboard's series costs the same whatever
 * their number, and only a page of them is then sampled (samplesOf).
 */
export async function seriesWithin({
  prom,
  metric,
  matchers,
  start,
  end,
}: Pick<Sampling, 'prom' | 'metric' | 'matchers' | 'start' | 'end'>): Promise<CurrentValue[]> {
  const range = Math.max(1, Math.round((end.getTime() - start.getTime()) / 1000));
  let result: Awaited<ReturnType<PrometheusDriver['instantQuery']>>;
  try {
    result = await prom.instantQuery(`last_over_time(${selector(metric, matchers)}[${range}s])`, end);
  } catch (err) {
    throw prometheusFailure(err, `listing the series of ${metric}`);
  }
  return byKey(
    result.result.map((r) => {
      const labels = labelsOf(r.metric);
      return { key: seriesKey(metric, labels), labels, v: r.value.value as number };
    }),
  );
}
