import { asc, count, eq, max } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { series } from '../schema.ts';

/** The stored series: what metrics exist, and every series of one (retrieval lists them, forecasts match them). */

export type SeriesRow = Pick<
  typeof series.$inferSelect,
  'id' | 'seriesKey' | 'metric' | 'labels' | 'firstSeenAt' | 'lastSeenAt'
>;

export interface MetricSummaryRow {
  metric: string;
  seriesCount: number;
  lastSeenAt: Date | null;
}

export async function metricSummaries(db: Executor): Promise<MetricSummaryRow[]> {
  return db
    .select({ metric: series.metric, seriesCount: count(), lastSeenAt: max(series.lastSeenAt) })
    .from(series)
    .groupBy(series.metric)
    .orderBy(asc(series.metric));
}

/** Every series of a metric, ascending by id (series_metric_idx); label matching is done by the caller. */
export async function seriesOfMetric(db: Executor, metric: string): Promise<SeriesRow[]> {
  return db
    .select({
      id: series.id,
      seriesKey: series.seriesKey,
      metric: series.metric,
      labels: series.labels,
      firstSeenAt: series.firstSeenAt,
      lastSeenAt: series.lastSeenAt,
    })
    .from(series)
    .where(eq(series.metric, metric))
    .orderBy(asc(series.id));
}
