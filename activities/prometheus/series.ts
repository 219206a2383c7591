import type { PrometheusDriver } from 'prometheus-query';
import { type Matcher, selector, seriesSelector } from '../../config/catalog.ts';
import { seriesKey } from '../../contracts/series-key.ts';
import { prometheusFailure } from './client.ts';

export interface SeriesRef {
  key: string;
  metric: string;
  labels: Record<string, string>;
}

export interface Sample {
  t: string;
  v: number;
}

function withoutName(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => k !== '__name__'));
}

/**
 * Every distinct label set of a catalog entry that has samples in [start, end], sorted by series key so that
 * every caller (and every retry) sees the same order and the same shard assignment.
 */
export async function discoverSeries(
  prom: PrometheusDriver,
  metric: string,
  matchers: Matcher[],
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
    const labels = withoutName(m.labels as Record<string, string>);
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
  const vector = result.result.find(
    (r) => seriesKey(ref.metric, withoutName(r.metric.labels as Record<string, string>)) === ref.key,
  );
  if (!vector) return [];
  return (vector.values as Array<{ time: Date; value: number }>).map((s) => ({
    t: s.time.toISOString(),
    v: s.value,
  }));
}
