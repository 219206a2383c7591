import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { decodeFloat64, sha256Hex } from '../codec.ts';
import type { Executor } from '../db.ts';
import { analysisRuns, series } from '../schema.ts';
import { componentsOfRuns } from './runs.ts';

/** Stored Holt-Winters fits, read back (keys hashed as the drain stored them) for the next fit's warm start. */

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
    .where(
      and(
        inArray(series.keyHash, [...byHash.keys()]),
        gte(analysisRuns.windowEnd, since),
        lt(analysisRuns.windowEnd, before),
      ),
    )
    .orderBy(desc(analysisRuns.windowEnd), desc(analysisRuns.id));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = byHash.get(r.keyHash)!;
    if (!latest.has(key)) latest.set(key, r);
  }
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
