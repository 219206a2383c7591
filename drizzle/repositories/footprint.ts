import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';

/**
 * Bytes the database holds for Vigil's tables (data and indexes, as InnoDB reports them after refreshing its
 * statistics), for the storage figures of the benchmarks.
 */
export async function storedBytes(db: Executor, tables: readonly string[]): Promise<number> {
  for (const t of tables) await db.execute(sql`ANALYZE TABLE ${sql.identifier(t)}`);
  const [rows] = (await db.execute(sql`
    SELECT COALESCE(SUM(data_length + index_length), 0) AS bytes
    FROM information_schema.tables
    WHERE table_schema = DATABASE() AND table_name IN (${sql.join(
      tables.map((t) => sql`${t}`),
      sql`, `,
    )})`)) as unknown as [Array<{ bytes: string | number }>];
  return Number(rows[0]?.bytes ?? 0);
}
