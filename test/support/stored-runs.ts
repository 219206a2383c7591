import { eq } from 'drizzle-orm';
import { decodeFloat64, sha256Hex } from '../../drizzle/codec.ts';
import type { Executor } from '../../drizzle/db.ts';
import { analysisRuns, type Component, componentSeries } from '../../drizzle/schema.ts';

/**
 * Reads that only tests need: a stored run found by the Kafka message that carried it, and its component series,
 * undoing the drain's encodings (hashed keys, packed arrays) so a test can compare them with what it published.
 */

export type StoredRun = typeof analysisRuns.$inferSelect;

export async function runByMessageId(db: Executor, messageId: string): Promise<StoredRun | undefined> {
  const rows = await db
    .select()
    .from(analysisRuns)
    .where(eq(analysisRuns.messageHash, sha256Hex(messageId)))
    .limit(1);
  return rows[0];
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
