import type { PrometheusDriver } from 'prometheus-query';
import type { LabelMatch } from '../contracts/label-matcher.ts';
import { seriesKey } from '../contracts/series-key.ts';
import { prometheusFailure } from './client.ts';
import { labelsOf } from './results.ts';
import { formatMatcher, regexLiteral, selector, seriesSelector } from './selectors.ts';

export interface SeriesRef {
  key: string;
  metric: string;
  labels: Record<string, string>;
}

export interface Sample {
  t: string;
  v: number;
}

/**
 * Every distinct label set of a catalog entry that has samples in [start, end], sorted by series key so that
 * every caller (and every retry) sees the same order and the same shard assignment.
 */
export async function discoverSeries(
  prom: PrometheusDriver,
  metric: string,
  matchers: LabelMatch[],
  start: Date,
  end: Date,
): Promise<SeriesRef[]> {
  let found: Awaited<ReturnType<PrometheusDriver['series']>>;
  try {
    found = await prom.series(selector(metric, matchers), start, end);
  } catch (err) {
    throw prometheusFailure(err, `listing series of ${metric}`);
  }
  const refs = new Map<string, SeriesRef>();
  for (const m of found) {
    const labels = labelsOf(m);
    const key = seriesKey(metric, labels);
    refs.set(key, { key, metric, labels });
  }
  return [...refs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One series' samples over [start, end] at a fixed step; absent steps (scrape gaps) stay absent. */
export async function fetchRange(
  prom: PrometheusDriver,
  ref: SeriesRef,
  start: Date,
  end: Date,
  stepSeconds: number,
): Promise<Sample[]> {
  let result: Awaited<ReturnType<PrometheusDriver['rangeQuery']>>;
  try {
    result = await prom.rangeQuery(seriesSelector(ref.metric, ref.labels), start, end, stepSeconds);
  } catch (err) {
    throw prometheusFailure(err, `fetching ${ref.key}`);
  }
  // An equality selector also matches series that carry extra labels; keep exactly this label set.
  const vector = result.result.find((r) => seriesKey(ref.metric, labelsOf(r.metric)) === ref.key);
  if (!vector) return [];
  return (vector.values as Array<{ time: Date; value: number }>).map((s) => ({
    t: s.time.toISOString(),
    v: s.value,
  }));
}

/**
 * A selector matching every series of `group` with as few others as the labels allow: per label, equality where the
 * group shares one value, else an alternation of its values (Prometheus anchors regexes; "" matches an absent label).
 * Series outside the group can match too (the cross product of the label values); `groupSelectorSpan` counts them.
 */
export function groupSelector(metric: string, matchers: LabelMatch[], group: readonly SeriesRef[]): string {
  const values = labelValues(group);
  const parts = [...values.keys()].sort().map((label) => {
    const vs = [...values.get(label)!].sort();
    return vs.length === 1
      ? formatMatcher({ label, op: '=', value: vs[0]! })
      : formatMatcher({ label, op: '=~', value: vs.map(regexLiteral).join('|') });
  });
  return `${metric}{${[...matchers.map(formatMatcher), ...parts].join(',')}}`;
}

function labelValues(group: readonly SeriesRef[]): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const ref of group) for (const label of Object.keys(ref.labels)) values.set(label, new Set());
  for (const ref of group) for (const [label, set] of values) set.add(ref.labels[label] ?? '');
  return values;
}

/** How many of `all` (every series of the metric in the window) the group's selector matches. */
export function groupSelectorSpan(group: readonly SeriesRef[], all: readonly SeriesRef[]): number {
  const values = labelValues(group);
  let n = 0;
  for (const ref of all) {
    let hit = true;
    for (const [label, set] of values) {
      if (!set.has(ref.labels[label] ?? '')) {
        hit = false;
        break;
      }
    }
    if (hit) n++;
  }
  return n;
}

/**
 * Splits consecutive series into fetch groups whose selector matches at most `maxWaste` × the group's size of all
 * series, halving a group until it does: one range query per group instead of one per series, without pulling
 * much more than the group from Prometheus.
 */
export function fetchGroups(
  refs: readonly SeriesRef[],
  all: readonly SeriesRef[],
  maxWaste = 1.25,
): SeriesRef[][] {
  if (refs.length === 0) return [];
  if (refs.length === 1 || groupSelectorSpan(refs, all) <= refs.length * maxWaste) return [[...refs]];
  const half = Math.ceil(refs.length / 2);
  return [
    ...fetchGroups(refs.slice(0, half), all, maxWaste),
    ...fetchGroups(refs.slice(half), all, maxWaste),
  ];
}

/**
 * Every series of one fetch group over [start, end] at a fixed step, in one range query: the same query grid as
 * `fetchRange`, so each series gets exactly the samples a query of its own returns. In the order of `group`;
 * series the query did not return (no samples in the window any more) get none.
 */
export async function fetchGroup(
  prom: PrometheusDriver,
  metric: { name: string; matchers: LabelMatch[] },
  group: readonly SeriesRef[],
  start: Date,
  end: Date,
  stepSeconds: number,
): Promise<Sample[][]> {
  let result: Awaited<ReturnType<PrometheusDriver['rangeQuery']>>;
  try {
    result = await prom.rangeQuery(
      groupSelector(metric.name, metric.matchers, group),
      start,
      end,
      stepSeconds,
    );
  } catch (err) {
    throw prometheusFailure(err, `fetching ${group.length} series of ${metric.name}`);
  }
  const byKey = new Map<string, Sample[]>();
  for (const r of result.result) {
    const key = seriesKey(metric.name, labelsOf(r.metric));
    byKey.set(
      key,
      (r.values as Array<{ time: Date; value: number }>).map((s) => ({
        t: s.time.toISOString(),
        v: s.value,
      })),
    );
  }
  return group.map((ref) => byKey.get(ref.key) ?? []);
}
