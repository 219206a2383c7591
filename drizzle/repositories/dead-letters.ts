import { count, gte } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { deadLetters } from '../schema.ts';

/** Reads of the dead-letter table (the drain writes it through analysis-store.ts; retention.ts deletes from it). */

export interface DeadLetterCounts {
  total: number;
  /** Received at or after `since`. */
  recent: number;
}

/** How many dead letters are kept, and how many arrived since `since` (dead_letters_received_idx). */
export async function deadLetterCounts(db: Executor, since: Date): Promise<DeadLetterCounts> {
  const [all, recent] = await Promise.all([
    db.select({ n: count() }).from(deadLetters),
    db.select({ n: count() }).from(deadLetters).where(gte(deadLetters.receivedAt, since)),
  ]);
  return { total: all[0]?.n ?? 0, recent: recent[0]?.n ?? 0 };
}
