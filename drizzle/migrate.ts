import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { type Db, poolOptions } from './db.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Named server lock: several storage workers starting together must not run the same DDL twice. */
const LOCK_NAME = 'vigil.migrate';
const LOCK_WAIT_SECONDS = 120;

export class MigrationLockTimeout extends Error {
  override readonly name = 'MigrationLockTimeout';
}

export interface MigrationResult {
  /** Tag of the newest migration in the folder, e.g. `0000_storage_schema`. */
  latest: string;
  /** How many migrations this call applied (0 when the schema was already current). */
  applied: number;
}

/**
 * Applies the committed migrations (drizzle/migrations) with drizzle-orm's mysql2 migrator. Idempotent: the
 * migrator records what it applied in `__drizzle_migrations`. GET_LOCK is per connection, hence one dedicated
 * connection rather than the pool.
 */
export async function applyMigrations(url: string): Promise<MigrationResult> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  const conn = await mysql.createConnection(poolOptions(url));
  const db = drizzle(conn);
  try {
    const [lockRows] = (await db.execute(
      sql`select get_lock(${LOCK_NAME}, ${LOCK_WAIT_SECONDS}) as got`,
    )) as unknown as [{ got: number | null }[]];
    if (lockRows[0]?.got !== 1) {
      throw new MigrationLockTimeout(`another process held ${LOCK_NAME} for ${LOCK_WAIT_SECONDS} s`);
    }
    try {
      const before = await appliedCount(db);
      // The migrator's type asks for a pool-backed database, but it only runs statements on what it is given.
      await migrate(db as unknown as Db, { migrationsFolder: MIGRATIONS_FOLDER });
      const after = await appliedCount(db);
      return { latest: journal.entries.at(-1)?.tag ?? '(none)', applied: after - before };
    } finally {
      await db.execute(sql`select release_lock(${LOCK_NAME})`);
    }
  } finally {
    await conn.end();
  }
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

async function appliedCount(db: Pick<Db, 'execute'>): Promise<number> {
  const [tables] = (await db.execute(
    sql`select count(*) as n from information_schema.tables where table_schema = database() and table_name = ${MIGRATIONS_TABLE}`,
  )) as unknown as [{ n: number }[]];
  if (Number(tables[0]?.n) === 0) return 0;
  const [rows] = (await db.execute(
    sql`select count(*) as n from ${sql.identifier(MIGRATIONS_TABLE)}`,
  )) as unknown as [{ n: number }[]];
  return Number(rows[0]?.n ?? 0);
}
