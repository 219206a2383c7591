import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { exactDoubles } from './exact-doubles.ts';

/**
 * Connections to the storage database. Everything that reads or writes it goes through drizzle/ (this file and
 * drizzle/repositories/*), so SQL is only ever built by Drizzle.
 */
export type Db = MySql2Database;
/** What repository functions take: the pool-backed database or an open transaction. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export interface Database {
  readonly db: Db;
  readonly pool: mysql.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Pool size; each drain consumer holds one connection per batch in flight. */
  connectionLimit?: number;
}

export function poolOptions(url: string): mysql.PoolOptions {
  return {
    uri: url,
    // Drizzle writes DATETIME as UTC wall time; 'Z' keeps mysql2 from shifting anything into local time.
    timezone: 'Z',
    enableKeepAlive: true,
    // A stopped server accepts TCP but never greets: fail the attempt and let the caller retry.
    connectTimeout: 10_000,
  };
}

export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  const pool = mysql.createPool({ ...poolOptions(url), connectionLimit: options.connectionLimit ?? 4 });
  return {
    db: drizzle(exactDoubles(pool)),
    pool,
    close: () => pool.end(),
  };
}

export class TransactionTimeout extends Error {
  override readonly name = 'TransactionTimeout';
}
export class TransactionAborted extends Error {
  override readonly name = 'TransactionAborted';
}

export interface TransactionOptions {
  /** Give up on a transaction that has not finished after this long (a hung server or a half-open socket). */
  timeoutMs: number;
  /** Abort (and drop the connection) when the caller stops, e.g. the activity is cancelled. */
  signal?: AbortSignal;
}

/**
 * Runs `work` in one READ COMMITTED transaction on a connection of its own. If it times out or is aborted, the
 * connection is destroyed rather than returned to the pool, since its state is unknown; whether the COMMIT got
 * through is unknown too, which is why every write is idempotent and the caller simply retries.
 * READ COMMITTED: the drain's upserts then take no gap locks, so consumers of different partitions do not
 * deadlock each other on the series catalog.
 */
export async function inTransaction<T>(
  database: Database,
  work: (tx: Executor) => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  options.signal?.throwIfAborted();
  const conn = await database.pool.getConnection();
  let broken = false;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    const breakOff = (err: Error) => {
      broken = true;
      conn.destroy();
      reject(err);
    };
    timer = setTimeout(
      () => breakOff(new TransactionTimeout(`transaction did not finish within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    onAbort = () => breakOff(new TransactionAborted('transaction aborted: the drain is stopping'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const db = drizzle(exactDoubles(conn));
    return await Promise.race([
      db.transaction((tx) => work(tx), { isolationLevel: 'read committed' }),
      interrupted,
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    if (!broken) conn.release();
  }
}
