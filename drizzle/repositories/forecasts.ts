import { and, desc, eq, gt, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { SlaBounds } from '../../contracts/sla.ts';
import { byIdChunks } from '../codec.ts';
import type { Executor } from '../db.ts';
import { analysisRuns, forecastPoints } from '../schema.ts';

/**
 * Forecast reads for the SLA manager: the latest stored Holt-Winters forecast of many series at once. Label
 * matching happens in the caller (PromQL matcher semantics are not SQL's), which passes the matching series ids;
 * every read here takes them in chunks, one query per chunk, so an SLA over 10,000 series costs a few dozen
 * queries, never one per series.
 */

export interface StoredForecastRun {
  seriesId: number;
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
  /** The forecast's model choice (issue #15); null for runs stored before it. */
  choice: {
    model: string;
    period: number | null;
    periodSource: 'auto' | 'configured' | null;
    mase: number | null;
    runnerUp: { model: string; mase: number | null } | null;
    method: 'analytic' | 'simulated' | null;
    anomaly: boolean | null;
  } | null;
}

export interface StoredForecastPoint {
  runId: number;
  step: number;
  at: Date;
  value: number;
}

/**
 * The newest run (by window end, the higher id on a tie) of each series with a forecast: its Holt-Winters section
 * succeeded (damped is set exactly then) or its chosen model ran; series never forecast are absent. One index dive per series on
 * (series_id, window_end).
 */
export function latestForecastRuns(db: Executor, seriesIds: readonly number[]): Promise<StoredForecastRun[]> {
  return byIdChunks(seriesIds, async (part) => {
    const newer = alias(analysisRuns, 'newer');
    const latest = db
      .select({ id: newer.id })
      .from(newer)
      .where(
        and(
          eq(newer.seriesId, analysisRuns.seriesId),
          or(isNotNull(newer.modelDamped), isNotNull(newer.forecastModel)),
        ),
      )
      .orderBy(desc(newer.windowEnd), desc(newer.id))
      .limit(1);
    const rows = await db
      .select({
        seriesId: analysisRuns.seriesId,
        runId: analysisRuns.id,
        cycleId: analysisRuns.cycleId,
        windowEnd: analysisRuns.windowEnd,
        lastSampleAt: analysisRuns.lastSampleAt,
        trend: analysisRuns.modelTrend,
        seasonal: analysisRuns.modelSeasonal,
        seasonalPeriods: analysisRuns.modelSeasonalPeriods,
        damped: analysisRuns.modelDamped,
        chosen: analysisRuns.forecastModel,
        period: analysisRuns.forecastPeriod,
        periodSource: analysisRuns.forecastPeriodSource,
        mase: analysisRuns.forecastMase,
        runnerUp: analysisRuns.forecastRunnerUp,
        runnerUpMase: analysisRuns.forecastRunnerUpMase,
        method: analysisRuns.forecastMethod,
        anomaly: analysisRuns.anomaly,
      })
      .from(analysisRuns)
      .where(and(inArray(analysisRuns.seriesId, part), sql`${analysisRuns.id} = (${latest})`));
    return rows.map(
      ({ trend, seasonal, seasonalPeriods, damped, chosen, runnerUp, runnerUpMase, ...rest }) => {
        const { period, periodSource, mase, method, anomaly, ...run } = rest;
        return {
          ...run,
          model: { trend, seasonal, seasonalPeriods, damped },
          choice:
            chosen === null
              ? null
              : {
                  model: chosen,
                  period,
                  periodSource,
                  mase,
                  runnerUp: runnerUp === null ? null : { model: runnerUp, mase: runnerUpMase },
                  method,
                  anomaly,
                },
        };
      },
    );
  });
}

/**
 * The forecast points of the runs outside the bounds (inclusive bounds: a point equal to one is inside), by run
 * and step: what an SLA-wide summary needs, without reading the points that breach nothing.
 */
export function forecastPointsOutside(
  db: Executor,
  runIds: readonly number[],
  bounds: SlaBounds,
): Promise<StoredForecastPoint[]> {
  const outside: SQL[] = [];
  if (bounds.max !== null) outside.push(gt(forecastPoints.value, bounds.max));
  if (bounds.min !== null) outside.push(lt(forecastPoints.value, bounds.min));
  if (outside.length === 0) return Promise.resolve([]);
  return byIdChunks(runIds, (part) =>
    db
      .select()
      .from(forecastPoints)
      .where(and(inArray(forecastPoints.runId, part), or(...outside)))
      .orderBy(forecastPoints.runId, forecastPoints.step),
  );
}
