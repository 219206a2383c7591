import type { PrometheusDriver } from 'prometheus-query';
import { selector } from '../../config/catalog.ts';
import { seriesKey } from '../../contracts/series-key.ts';
import type { SlaMatcher } from '../../contracts/sla.ts';
import { prometheusFailure } from '../prometheus/client.ts';
import type { Point } from './violations.ts';

export interface SlaSeriesSamples {
  labels: Record<string, string>;
  points: Point[];
}

/**
 * Every series an SLA selects, sampled at `stepSeconds` over [start, end] (both ends included) in one range
 * query, sorted by series key so that reports list series in a stable order. Non-finite values (NaN, ±Inf as
 * prometheus-query parses them) are dropped: they cannot be compared with a bound.
 */
export async function slaSamples(
  prom: PrometheusDriver,
  metric: string,
  matchers: SlaMatcher[],
  start: Date,
  end: Date,
  stepSeconds: number,
): Promise<SlaSeriesSamples[]> {
  let result: Awaited<ReturnType<PrometheusDriver['rangeQuery']>>;
  try {
    result = await prom.rangeQuery(selector(metric, matchers), start, end, stepSeconds);
  } catch (err) {
    throw prometheusFailure(err, `sampling ${metric}`);
  }
  return result.result
    .map((r) => {
      const labels = Object.fromEntries(
        Object.entries(r.metric.labels as Record<string, string>).filter(([k]) => k !== '__name__'),
      );
      const points = (r.values as Array<{ time: Date; value: number }>)
        .filter((s) => Number.isFinite(s.value))
        .map((s) => ({ t: s.time.getTime(), v: s.value }));
      return { key: seriesKey(metric, labels), labels, points };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ labels, points }) => ({ labels, points }));
}
