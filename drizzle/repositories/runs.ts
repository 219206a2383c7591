import { and, asc, count, desc, eq, gt, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import { byIdChunks, chunk, IDS_PER_QUERY } from '../codec.ts';
import type { Executor } from '../db.ts';
import {
  acfValues,
  adfResults,
  aggregates,
  analysisErrors,
  analysisRuns,
  type Component,
  componentSeries,
  decompositions,
  forecastPoints,
  hpResults,
} from '../schema.ts';

/**
 * The stored analysis runs and their result sections, read by the retrieval API (api/retrieval), the SLA
 * forecast and the cycle benchmark. Every value a client sends arrives here as a typed argument and
 * reaches MySQL only as a bound parameter of a Drizzle query. Runs are always ordered by
 * (series id, window end, run id) — the order of analysis_runs_series_window_idx — so pages can resume from a
 * run's key (keyset pagination, no OFFSET).
 */

export type RunRow = typeof analysisRuns.$inferSelect;

export type RunSelection =
  | { kind: 'latest' }
  | { kind: 'run'; runId: number }
  | { kind: 'range'; from: Date; to: Date };

/** A run's sort key; `from` is inclusive. */
export interface RunKey {
  seriesId: number;
  windowEnd: Date;
  runId: number;
}

function fromKey(key: RunKey): SQL {
  return or(
    gt(analysisRuns.seriesId, key.seriesId),
    and(
      eq(analysisRuns.seriesId, key.seriesId),
      or(
        gt(analysisRuns.windowEnd, key.windowEnd),
        and(eq(analysisRuns.windowEnd, key.windowEnd), gte(analysisRuns.id, key.runId)),
      ),
    ),
  ) as SQL;
}

function selectionFilter(db: Executor, selection: RunSelection): SQL {
  switch (selection.kind) {
    case 'run':
      return eq(analysisRuns.id, selection.runId);
    case 'range':
      return and(
        gte(analysisRuns.windowEnd, selection.from),
        lt(analysisRuns.windowEnd, selection.to),
      ) as SQL;
    case 'latest': {
      // One index dive per series on (series_id, window_end): the newest window, the higher id on a tie.
      const newer = alias(analysisRuns, 'newer');
      const latest = db
        .select({ id: newer.id })
        .from(newer)
        .where(eq(newer.seriesId, analysisRuns.seriesId))
        .orderBy(desc(newer.windowEnd), desc(newer.id))
        .limit(1);
      return sql`${analysisRuns.id} = (${latest})`;
    }
  }
}

function runConditions(
  db: Executor,
  part: number[],
  selection: RunSelection,
  from: RunKey | null,
): SQL | undefined {
  const conditions = [inArray(analysisRuns.seriesId, part), selectionFilter(db, selection)];
  if (from) conditions.push(fromKey(from));
  return and(...conditions);
}

/** Reads runs chunk by chunk of series ids until `limit` rows are found. */
async function perChunk<T>(
  seriesIds: readonly number[],
  from: RunKey | null,
  limit: number,
  read: (part: number[], remaining: number) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  const ids = from ? seriesIds.filter((id) => id >= from.seriesId) : seriesIds;
  for (const part of chunk(ids, IDS_PER_QUERY)) {
    if (out.length >= limit) break;
    out.push(...(await read(part, limit - out.length)));
  }
  return out;
}

const RUN_ORDER = [asc(analysisRuns.seriesId), asc(analysisRuns.windowEnd), asc(analysisRuns.id)];

/**
 * Up to `limit` selected runs of the given series (ascending ids), starting at `from` inclusive, in sort order.
 * Series are read in chunks so that a metric with many series never builds an unbounded IN list.
 */
export function selectRuns(
  db: Executor,
  seriesIds: readonly number[],
  selection: RunSelection,
  from: RunKey | null,
  limit: number,
): Promise<RunRow[]> {
  return perChunk(seriesIds, from, limit, (part, remaining) =>
    db
      .select()
      .from(analysisRuns)
      .where(runConditions(db, part, selection, from))
      .orderBy(...RUN_ORDER)
      .limit(remaining),
  );
}

/** selectRuns with each run's ADF result (null when that section failed) in the same round trip. */
export function selectRunsWithAdf(
  db: Executor,
  seriesIds: readonly number[],
  selection: RunSelection,
  from: RunKey | null,
  limit: number,
): Promise<{ run: RunRow; adf: AdfRow | null }[]> {
  return perChunk(seriesIds, from, limit, (part, remaining) =>
    db
      .select({ run: analysisRuns, adf: adfResults })
      .from(analysisRuns)
      .leftJoin(adfResults, eq(adfResults.runId, analysisRuns.id))
      .where(runConditions(db, part, selection, from))
      .orderBy(...RUN_ORDER)
      .limit(remaining),
  );
}

/** The run with this id, whatever its series (to tell "no such run" from "not a run of these series"). */
export async function runById(db: Executor, runId: number): Promise<RunRow | undefined> {
  const rows = await db.select().from(analysisRuns).where(eq(analysisRuns.id, runId)).limit(1);
  return rows[0];
}

export type AdfRow = typeof adfResults.$inferSelect;
export type ErrorRow = typeof analysisErrors.$inferSelect;
export type HpRow = typeof hpResults.$inferSelect;
export type DecompositionRow = typeof decompositions.$inferSelect;
export type AcfRow = typeof acfValues.$inferSelect;
export type AggregateRow = typeof aggregates.$inferSelect;
export type ForecastRow = typeof forecastPoints.$inferSelect;
export interface ComponentRow {
  runId: number;
  component: Component;
  data: Buffer;
}

const byRunIds = byIdChunks;

/** Section errors of the runs, optionally of one section only. */
export function errorsOfRuns(db: Executor, runIds: readonly number[], section?: string): Promise<ErrorRow[]> {
  return byRunIds(runIds, (part) =>
    db
      .select()
      .from(analysisErrors)
      .where(
        section === undefined
          ? inArray(analysisErrors.runId, part)
          : and(inArray(analysisErrors.runId, part), eq(analysisErrors.section, section)),
      )
      .orderBy(asc(analysisErrors.runId), asc(analysisErrors.section)),
  );
}

export function hpOfRuns(db: Executor, runIds: readonly number[]): Promise<HpRow[]> {
  return byRunIds(runIds, (part) => db.select().from(hpResults).where(inArray(hpResults.runId, part)));
}

export function decompositionsOfRuns(db: Executor, runIds: readonly number[]): Promise<DecompositionRow[]> {
  return byRunIds(runIds, (part) =>
    db.select().from(decompositions).where(inArray(decompositions.runId, part)),
  );
}

/** Packed component arrays of the runs (absent once retention removed them). */
export function componentsOfRuns(
  db: Executor,
  runIds: readonly number[],
  components: readonly Component[],
): Promise<ComponentRow[]> {
  return byRunIds(runIds, (part) =>
    db
      .select({
        runId: componentSeries.runId,
        component: componentSeries.component,
        data: componentSeries.data,
      })
      .from(componentSeries)
      .where(and(inArray(componentSeries.runId, part), inArray(componentSeries.component, [...components]))),
  );
}

export function acfOfRuns(db: Executor, runIds: readonly number[]): Promise<AcfRow[]> {
  return byRunIds(runIds, (part) =>
    db
      .select()
      .from(acfValues)
      .where(inArray(acfValues.runId, part))
      .orderBy(asc(acfValues.runId), asc(acfValues.lagIndex)),
  );
}

export function aggregatesOfRuns(db: Executor, runIds: readonly number[]): Promise<AggregateRow[]> {
  return byRunIds(runIds, (part) =>
    db
      .select()
      .from(aggregates)
      .where(inArray(aggregates.runId, part))
      .orderBy(asc(aggregates.runId), asc(aggregates.kind), asc(aggregates.windowRule)),
  );
}

export function forecastOfRuns(db: Executor, runIds: readonly number[]): Promise<ForecastRow[]> {
  return byRunIds(runIds, (part) =>
    db
      .select()
      .from(forecastPoints)
      .where(inArray(forecastPoints.runId, part))
      .orderBy(asc(forecastPoints.runId), asc(forecastPoints.step)),
  );
}

/** How many runs of one pipeline cycle are stored (the cycle benchmark waits for all of its series). */
export async function countRunsOfCycle(db: Executor, cycleId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(analysisRuns).where(eq(analysisRuns.cycleId, cycleId));
  return rows[0]?.n ?? 0;
}
