import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { analysisRuns, forecastPoints, series } from '../schema.ts';

/**
 * Forecast reads for the SLA manager: the latest stored Holt-Winters forecast of each series of a metric.
 * Label matching happens in the caller (PromQL matcher semantics are not SQL's), so this returns candidates by
 * metric name only, which the series table indexes.
 */

export interface StoredSeries {
  id: number;
  labels: Record<string, string>;
}

export interface StoredForecast {
  runId: number;
  cycleId: string;
  /** End of the analysed window, and the last sample the forecast continues from. */
  windowEnd: Date;
  lastSampleAt: Date | null;
  model: {
    trend: 'add' | 'mul' | null;
    seasonal: 'add' | 'mul' | null;
    seasonalPeriods: number | null;
    damped: boolean | null;
  };
  points: { step: number; at: Date; value: number }[];
}

/** Series of `metric` by ascending id, at most `limit` (the caller filters them by label matchers). */
export async function seriesOfMetric(db: Executor, metric: string, limit: number): Promise<StoredSeries[]> {
  return db
    .select({ id: series.id, labels: series.labels })
    .from(series)
    .where(eq(series.metric, metric))
    .orderBy(asc(series.id))
    .limit(limit);
}

/**
 * The newest run of a series (by window end) whose Holt-Winters section succeeded (damped is set exactly then), with its forecast points in step order;
 * undefined when the series has never been forecast. Uses the (series_id, window_end) index.
 */
export async function latestForecast(db: Executor, seriesId: number): Promise<StoredForecast | undefined> {
  const runs = await db
    .select({
      id: analysisRuns.id,
      cycleId: analysisRuns.cycleId,
      windowEnd: analysisRuns.windowEnd,
      lastSampleAt: analysisRuns.lastSampleAt,
      trend: analysisRuns.modelTrend,
      seasonal: analysisRuns.modelSeasonal,
      seasonalPeriods: analysisRuns.modelSeasonalPeriods,
      damped: analysisRuns.modelDamped,
    })
    .from(analysisRuns)
    .where(and(eq(analysisRuns.seriesId, seriesId), isNotNull(analysisRuns.modelDamped)))
    .orderBy(desc(analysisRuns.windowEnd), desc(analysisRuns.id))
    .limit(1);
  const run = runs[0];
  if (!run) return undefined;
  const points = await db
    .select({ step: forecastPoints.step, at: forecastPoints.at, value: forecastPoints.value })
    .from(forecastPoints)
    .where(eq(forecastPoints.runId, run.id))
    .orderBy(asc(forecastPoints.step));
  return {
    runId: run.id,
    cycleId: run.cycleId,
    windowEnd: run.windowEnd,
    lastSampleAt: run.lastSampleAt,
    model: {
      trend: run.trend,
      seasonal: run.seasonal,
      seasonalPeriods: run.seasonalPeriods,
      damped: run.damped,
    },
    points,
  };
}
