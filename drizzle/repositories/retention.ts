import { and, asc, between, eq, gt, inArray, sql } from 'drizzle-orm';
import { chunk } from '../codec.ts';
import type { Executor } from '../db.ts';
import { type Component, componentSeries, series } from '../schema.ts';

/**
 * Retention of the full component series: for each series and component, the rows of the `keepRuns` latest
 * runs (by window end) stay and older ones go. Scalar results are never touched. Work is done one range of
 * series ids at a time, so each step reads a small index range and the caller can heartbeat between steps.
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
