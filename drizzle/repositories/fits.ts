import { and, asc, desc, eq, gte, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import { decodeFloat64, sha256Hex } from '../codec.ts';
import type { Executor } from '../db.ts';
import { analysisRuns, forecastPoints, series } from '../schema.ts';
import { componentsOfRuns } from './runs.ts';

/**
 * Stored fits, read back (keys hashed as the drain stored them) for the next cycle: the Holt-Winters fit's warm
 * start, and the forecast's model choice and 95 % band (issue #15).
 */

/** A series' latest stored Holt-Winters fit: what a warm start of its next fit begins from. */
export interface PreviousFit {
  windowEnd: Date;
  points: number;
  model: {
    trend: string | null;
    seasonal: string | null;
    seasonalPeriods: number | null;
    damped: boolean | null;
  };
  alpha: number | null;
  beta: number | null;
  gamma: number | null;
  sse: number | null;
  /** The fit's own initial states, where it moved them off the heuristic ones (else null). */
  states: { level: number; trend: number | null; seasonal: number[] } | null;
}

/**
 * The latest fit of each of `seriesKeys` whose window ended in [since, before): one query for a whole chunk of
 * series (the pipeline asks per chunk, never per series), and one more for the fitted initial seasonals of those
 * runs that kept them. Keys without such a run are absent from the map.
 */
export async function previousFits(
  db: Executor,
  seriesKeys: readonly string[],
  since: Date,
  before: Date,
): Promise<Map<string, PreviousFit>> {
  const out = new Map<string, PreviousFit>();
  if (seriesKeys.length === 0) return out;
  const byHash = new Map(seriesKeys.map((k) => [sha256Hex(k), k]));
  const rows = await db
    .select({
      runId: analysisRuns.id,
      keyHash: series.keyHash,
      windowEnd: analysisRuns.windowEnd,
      points: analysisRuns.points,
      trend: analysisRuns.modelTrend,
      seasonal: analysisRuns.modelSeasonal,
      seasonalPeriods: analysisRuns.modelSeasonalPeriods,
      damped: analysisRuns.modelDamped,
      alpha: analysisRuns.hwAlpha,
      beta: analysisRuns.hwBeta,
      gamma: analysisRuns.hwGamma,
      sse: analysisRuns.hwSse,
      initialLevel: analysisRuns.hwInitialLevel,
      initialTrend: analysisRuns.hwInitialTrend,
    })
    .from(analysisRuns)
    .innerJoin(series, eq(series.id, analysisRuns.seriesId))
    .where(keysWithin(byHash, since, before))
    .orderBy(...NEWEST_FIRST);
  const latest = latestByKey(rows, byHash);
  const seasonals = new Map<number, number[]>();
  const kept = await componentsOfRuns(
    db,
    [...latest.values()].map((r) => r.runId),
    ['hw_initial_seasons'],
  );
  for (const k of kept) seasonals.set(k.runId, decodeFloat64(k.data) as number[]);
  for (const [key, r] of latest) {
    const seasonal = seasonals.get(r.runId);
    out.set(key, {
      windowEnd: r.windowEnd,
      points: r.points,
      model: { trend: r.trend, seasonal: r.seasonal, seasonalPeriods: r.seasonalPeriods, damped: r.damped },
      alpha: r.alpha,
      beta: r.beta,
      gamma: r.gamma,
      sse: r.sse,
      states:
        seasonal && r.initialLevel !== null
          ? { level: r.initialLevel, trend: r.initialTrend, seasonal }
          : null,
    });
  }
  return out;
}

/** Runs of the (hashed) keys whose window ended in [since, before). */
function keysWithin(byHash: Map<string, string>, since: Date, before: Date): SQL | undefined {
  return and(
    inArray(series.keyHash, [...byHash.keys()]),
    gte(analysisRuns.windowEnd, since),
    lt(analysisRuns.windowEnd, before),
  );
}

const NEWEST_FIRST = [desc(analysisRuns.windowEnd), desc(analysisRuns.id)] as const;

/** The first row of each key, rows newest first. */
function latestByKey<R extends { keyHash: string }>(
  rows: readonly R[],
  byHash: Map<string, string>,
): Map<string, R> {
  const latest = new Map<string, R>();
  for (const r of rows) {
    const key = byHash.get(r.keyHash)!;
    if (!latest.has(key)) latest.set(key, r);
  }
  return latest;
}

/** A series' latest stored forecast choice, and that run's 95 % band: what the next cycle reuses and flags against. */
export interface PreviousForecast {
  model: string;
  period: number | null;
  mase: number | null;
  runnerUp: { model: string; mase: number } | null;
  rankAge: number;
  params: Record<string, number | null> | null;
  /** The 95 % band of that run's forecast, in Unix seconds; null when the run stored none. */
  band: { start: number; step: number; lower: number[]; upper: number[] } | null;
}

/**
 * The latest run of each of `seriesKeys` with a forecast choice, whose window ended in [since, before), with its
 * 95 % band: two queries for a whole chunk of series (runs, then their points), never one per series.
 */
export async function previousForecasts(
  db: Executor,
  seriesKeys: readonly string[],
  since: Date,
  before: Date,
): Promise<Map<string, PreviousForecast>> {
  const out = new Map<string, PreviousForecast>();
  if (seriesKeys.length === 0) return out;
  const byHash = new Map(seriesKeys.map((k) => [sha256Hex(k), k]));
  const rows = await db
    .select({
      keyHash: series.keyHash,
      runId: analysisRuns.id,
      stepSeconds: analysisRuns.stepSeconds,
      model: analysisRuns.forecastModel,
      period: analysisRuns.forecastPeriod,
      mase: analysisRuns.forecastMase,
      runnerUp: analysisRuns.forecastRunnerUp,
      runnerUpMase: analysisRuns.forecastRunnerUpMase,
      rankAge: analysisRuns.forecastRankAge,
      params: analysisRuns.forecastParams,
    })
    .from(analysisRuns)
    .innerJoin(series, eq(series.id, analysisRuns.seriesId))
    .where(and(keysWithin(byHash, since, before), isNotNull(analysisRuns.forecastModel)))
    .orderBy(...NEWEST_FIRST);
  const latest = latestByKey(rows, byHash);
  const runIds = [...latest.values()].map((r) => r.runId);
  const points =
    runIds.length === 0
      ? []
      : await db
          .select({
            runId: forecastPoints.runId,
            at: forecastPoints.at,
            lower: forecastPoints.lower95,
            upper: forecastPoints.upper95,
          })
          .from(forecastPoints)
          .where(and(inArray(forecastPoints.runId, runIds), isNotNull(forecastPoints.lower95)))
          .orderBy(asc(forecastPoints.runId), asc(forecastPoints.step));
  const bands = new Map<number, PreviousForecast['band'] & object>();
  for (const p of points) {
    const band = bands.get(p.runId) ?? { start: p.at.getTime() / 1000, step: 0, lower: [], upper: [] };
    band.lower.push(p.lower!);
    band.upper.push(p.upper!);
    bands.set(p.runId, band);
  }
  for (const [key, r] of latest) {
    const band = bands.get(r.runId);
    out.set(key, {
      model: r.model!,
      period: r.period,
      mase: r.mase,
      runnerUp:
        r.runnerUp !== null && r.runnerUpMase !== null ? { model: r.runnerUp, mase: r.runnerUpMase } : null,
      rankAge: r.rankAge ?? 0,
      params: r.params,
      band: band ? { ...band, step: r.stepSeconds } : null,
    });
  }
  return out;
}
