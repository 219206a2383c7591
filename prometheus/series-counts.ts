import type { PrometheusDriver } from 'prometheus-query';
import { seriesKey } from '../contracts/series-key.ts';
import type { SlaBounds, SlaMatcher } from '../contracts/sla.ts';
import { type EventCounts, MINUTE_MS } from '../contracts/slo.ts';
import { prometheusFailure } from './client.ts';
import { labelsOf } from './results.ts';
import { lastMinutesRange } from './selectors.ts';
import { goodAndBadSeries } from './sla-samples.ts';

/**
 * Good and bad minutes per selected series (issue 14's per-series budgets), counted inside Prometheus with
 * `count_over_time` over a 1-minute subquery of the same good and bad expressions the SLA's per-minute counts use
 * (sla-samples.ts#goodAndBadSeries), so a series' minutes add up to the SLA's. A subquery `[Ns:1m]` evaluates its
 * expression on the whole minutes of its range exactly as a range query with a 60 s step does (each with the 5-minute
 * lookback), and returns one number per series, so a count over hours costs one point per series, not one per
 * minute.
 */

const HOUR_MS = 60 * MINUTE_MS;
/** The label that tells which count a result series carries; Prometheus keeps it apart from the series' own. */
const TAG = 'vigil_count';

export interface SeriesCountsQuery {
  prom: PrometheusDriver;
  metric: string;
  matchers: SlaMatcher[];
  bounds: SlaBounds;
}

export interface SeriesCounts {
  /** seriesKey(metric, labels): the series' identity. */
  key: string;
  labels: Record<string, string>;
}

/** A 1-minute subquery over exactly the last `minutes` whole minutes (selectors.ts#lastMinutesRange). */
function lastMinutes(minutes: number): string {
  return `[${lastMinutesRange(minutes)}:1m]`;
}

function tagged(expr: string, tag: string): string {
  return `label_replace(${expr}, "${TAG}", "${tag}", "", "")`;
}

/** A count result's series without the tag, and the tag. */
function split(metric: { labels: unknown }, name: string) {
  const { [TAG]: tag = '', ...labels } = labelsOf(metric);
  return { tag, labels, key: seriesKey(name, labels) };
}

/**
 * Each series' good and bad minutes per whole hour, for the hours starting at `firstHour` through `lastHour`
 * (epoch ms, hour-aligned): one range query with a one-hour step, evaluated at each hour's last minute over that
 * hour's 60 minutes. Series without any event in an hour have no entry for it.
 */
export async function seriesHourCounts(
  q: SeriesCountsQuery,
  firstHour: number,
  lastHour: number,
): Promise<Array<SeriesCounts & { hours: Map<number, EventCounts> }>> {
  const { good, bad } = goodAndBadSeries(q.metric, q.matchers, q.bounds);
  const expr = [
    tagged(`count_over_time((${good})${lastMinutes(60)})`, 'good'),
    tagged(`count_over_time((${bad})${lastMinutes(60)})`, 'bad'),
  ].join(' or ');
  const lastMinuteOf = (hour: number) => new Date(hour + HOUR_MS - MINUTE_MS);
  let result: Awaited<ReturnType<PrometheusDriver['rangeQuery']>>;
  try {
    result = await q.prom.rangeQuery(expr, lastMinuteOf(firstHour), lastMinuteOf(lastHour), HOUR_MS / 1000);
  } catch (err) {
    throw prometheusFailure(err, `counting good and bad hours per series of ${q.metric}`);
  }
  const out = new Map<string, SeriesCounts & { hours: Map<number, EventCounts> }>();
  for (const r of result.result) {
    const { tag, labels, key } = split(r.metric, q.metric);
    const entry = out.get(key) ?? { key, labels, hours: new Map<number, EventCounts>() };
    for (const s of r.values as Array<{ time: Date; value: number }>) {
      const hour = s.time.getTime() - HOUR_MS + MINUTE_MS;
      const c = entry.hours.get(hour) ?? { good: 0, bad: 0 };
      c[tag === 'bad' ? 'bad' : 'good'] = s.value;
      entry.hours.set(hour, c);
    }
    out.set(key, entry);
  }
  return [...out.values()];
}

/**
 * Each series' good and bad minutes over each named stretch of whole minutes [from, to] (epoch ms, both included),
 * all in one instant query: every stretch is a subquery pinned to its end with `@`, so stretches ending at
 * different minutes share the query. Series without any event in a stretch have no entry for it.
 */
export async function seriesRangeCounts<K extends string>(
  q: SeriesCountsQuery,
  ranges: Record<K, readonly [from: number, to: number]>,
): Promise<Array<SeriesCounts & { ranges: Partial<Record<K, EventCounts>> }>> {
  const { good, bad } = goodAndBadSeries(q.metric, q.matchers, q.bounds);
  const parts: string[] = [];
  let latest = 0;
  for (const [name, [from, to]] of Object.entries(ranges) as Array<[K, readonly [number, number]]>) {
    if (to < from) continue;
    const minutes = (to - from) / MINUTE_MS + 1;
    const at = `@ ${to / 1000}`;
    parts.push(tagged(`count_over_time((${good})${lastMinutes(minutes)} ${at})`, `good:${name}`));
    parts.push(tagged(`count_over_time((${bad})${lastMinutes(minutes)} ${at})`, `bad:${name}`));
    latest = Math.max(latest, to);
  }
  if (parts.length === 0) return [];
  let result: Awaited<ReturnType<PrometheusDriver['instantQuery']>>;
  try {
    result = await q.prom.instantQuery(parts.join(' or '), new Date(latest));
  } catch (err) {
    throw prometheusFailure(err, `counting good and bad minutes per series of ${q.metric}`);
  }
  const out = new Map<string, SeriesCounts & { ranges: Partial<Record<K, EventCounts>> }>();
  for (const r of result.result) {
    const { tag, labels, key } = split(r.metric, q.metric);
    // The stretch's name may hold colons itself: only the first one ends the count's kind.
    const cut = tag.indexOf(':');
    const which = tag.slice(0, cut) as 'good' | 'bad';
    const name = tag.slice(cut + 1) as K;
    const entry = out.get(key) ?? { key, labels, ranges: {} as Partial<Record<K, EventCounts>> };
    const c = entry.ranges[name] ?? { good: 0, bad: 0 };
    c[which] = (r.value as { value: number }).value;
    entry.ranges[name] = c;
    out.set(key, entry);
  }
  return [...out.values()];
}
