import { and, asc, between, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { chunk } from '../codec.ts';
import type { Executor } from '../db.ts';
import {
  acfValues,
  adfResults,
  aggregates,
  analysisErrors,
  analysisRuns,
  type Component,
  componentSeries,
  deadLetters,
  decompositions,
  forecastPoints,
  hpResults,
  series,
} from '../schema.ts';

/**
 * Retention, in two kinds:
 * - the full component series: for each series and component, the rows of the `keepRuns` latest runs (by window
 *   end) stay and older ones go; scalar results stay. Done one range of series ids at a time, so each step reads a
 *   small index range and the caller can heartbeat between steps.
 * - by age: whole runs (every row of every result table) whose window ended before a cutoff, and dead letters
 *   received before one. Done a bounded batch at a time, each in its own short transaction, so a pass over a
 *   large backlog neither holds long locks nor loses its progress when interrupted.
 */

/** The next `limit` series ids after `afterId`, ascending (keyset pagination over the catalog). */
export async function seriesIdsAfter(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: series.id })
    .from(series)
    .where(gt(series.id, afterId))
    .orderBy(asc(series.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

const DELETE_KEYS_PER_STATEMENT = 1000;

/** Deletes component rows beyond the latest `keepRuns` runs for series ids in [fromId, toId]; returns how many. */
export async function pruneComponentSeries(
  db: Executor,
  range: { fromId: number; toId: number },
  keepRuns: number,
): Promise<number> {
  const ranked = db
    .select({
      runId: componentSeries.runId,
      component: componentSeries.component,
      position:
        sql<number>`row_number() over (partition by ${componentSeries.seriesId}, ${componentSeries.component} order by ${componentSeries.windowEnd} desc, ${componentSeries.runId} desc)`.as(
          'position_in_series',
        ),
    })
    .from(componentSeries)
    .where(between(componentSeries.seriesId, range.fromId, range.toId))
    .as('ranked');
  const doomed = await db
    .select({ runId: ranked.runId, component: ranked.component })
    .from(ranked)
    .where(gt(ranked.position, keepRuns));

  const byComponent = new Map<Component, number[]>();
  for (const d of doomed) {
    const list = byComponent.get(d.component) ?? [];
    list.push(d.runId);
    byComponent.set(d.component, list);
  }
  let deleted = 0;
  for (const [component, runIds] of byComponent) {
    for (const part of chunk(runIds, DELETE_KEYS_PER_STATEMENT)) {
      const [result] = await db
        .delete(componentSeries)
        .where(and(eq(componentSeries.component, component), inArray(componentSeries.runId, part)));
      deleted += result.affectedRows;
    }
  }
  return deleted;
}

/** Every table keyed by run id, children of `analysis_runs`: emptied for a run before the run itself goes. */
const RUN_RESULT_TABLES = [
  adfResults,
  hpResults,
  decompositions,
  componentSeries,
  acfValues,
  aggregates,
  forecastPoints,
  analysisErrors,
] as const;

/**
 * Deletes up to `limit` runs whose window ended before `cutoff`, with all their results; returns how many runs
 * went (fewer than `limit`: nothing older is left). Run it in a transaction, so a run never loses only some rows.
 */
export async function pruneRunsBefore(tx: Executor, cutoff: Date, limit: number): Promise<number> {
  const rows = await tx
    .select({ id: analysisRuns.id })
    .from(analysisRuns)
    .where(lt(analysisRuns.windowEnd, cutoff))
    .limit(limit);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  for (const table of RUN_RESULT_TABLES) await tx.delete(table).where(inArray(table.runId, ids));
  const [result] = await tx.delete(analysisRuns).where(inArray(analysisRuns.id, ids));
  return result.affectedRows;
}

/** Deletes up to `limit` dead letters received before `cutoff`; returns how many. */
export async function pruneDeadLettersBefore(db: Executor, cutoff: Date, limit: number): Promise<number> {
  const [result] = await db.delete(deadLetters).where(lt(deadLetters.receivedAt, cutoff)).limit(limit);
  return result.affectedRows;
}
