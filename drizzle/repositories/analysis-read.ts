import { count, desc, eq } from 'drizzle-orm';
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
