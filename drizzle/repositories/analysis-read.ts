import { and, count, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { decodeFloat64, sha256Hex } from '../codec.ts';
import type { Executor } from '../db.ts';
import { analysisRuns, type Component, componentSeries, series } from '../schema.ts';

/** Reads that undo the drain's encodings (hashed keys, packed arrays), for the retrieval side and tests. */

export type StoredRun = typeof analysisRuns.$inferSelect;

export async function runByMessageId(db: Executor, messageId: string): Promise<StoredRun | undefined> {
  const rows = await db
    .select()
    .from(analysisRuns)
    .where(eq(analysisRuns.messageHash, sha256Hex(messageId)))
    .limit(1);
  return rows[0];
}

/** The newest run (by window end) of a series, by its series key. */
export async function latestRunOfSeries(db: Executor, seriesKey: string): Promise<StoredRun | undefined> {
  const rows = await db
    .select({ run: analysisRuns })
    .from(analysisRuns)
    .innerJoin(series, eq(series.id, analysisRuns.seriesId))
    .where(eq(series.keyHash, sha256Hex(seriesKey)))
    .orderBy(desc(analysisRuns.windowEnd), desc(analysisRuns.id))
    .limit(1);
  return rows[0]?.run;
}

/**
 * The full component series stored for a run (point i = the run's i-th sample; null where the analysis has no
 * value). Components past retention are simply absent.
 */
export async function componentsOfRun(
  db: Executor,
  runId: number,
): Promise<Partial<Record<Component, (number | null)[]>>> {
  const rows = await db
    .select({ component: componentSeries.component, data: componentSeries.data })
    .from(componentSeries)
    .where(eq(componentSeries.runId, runId));
  return Object.fromEntries(rows.map((r) => [r.component, decodeFloat64(r.data)]));
}

/** How many runs of one pipeline cycle are stored (the cycle benchmark waits for all of its series). */
export async function countRunsOfCycle(db: Executor, cycleId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(analysisRuns).where(eq(analysisRuns.cycleId, cycleId));
  return rows[0]?.n ?? 0;
}

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
}

/**
 * The latest fit of each of `seriesKeys` whose window ended in [since, before): one query for a whole chunk of
 * series (the pipeline asks per chunk, never per series). Keys without such a run are absent from the map.
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
  for (const r of rows) {
    const key = byHash.get(r.keyHash)!;
    if (out.has(key)) continue;
    out.set(key, {
      windowEnd: r.windowEnd,
      points: r.points,
      model: { trend: r.trend, seasonal: r.seasonal, seasonalPeriods: r.seasonalPeriods, damped: r.damped },
      alpha: r.alpha,
      beta: r.beta,
      gamma: r.gamma,
      sse: r.sse,
    });
  }
  return out;
}
