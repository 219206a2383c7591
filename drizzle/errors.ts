import { findCause } from '../contracts/cause-chain.ts';
import { TransactionAborted, TransactionTimeout } from './db.ts';

/**
 * What a database error means for the drain:
 * - `transient`: the server is away, slow or busy (connection lost, deadlock, lock wait, a concurrent writer
 *   of the same key): retry the same transaction; idempotent writes make that safe.
 * - `data`: the server refuses these values (too long, out of range, invalid JSON): retrying cannot help, so
 *   the batch is split to find the message and dead-letter it.
 * - `aborted`: the drain is stopping; the batch is left for whoever consumes the partition next.
 * - `fatal`: anything else (missing table, access denied): the storage is not usable as configured.
 */
export type DbErrorKind = 'transient' | 'data' | 'aborted' | 'fatal';

export interface DbErrorInfo {
  kind: DbErrorKind;
  /** mysql2's code (ER_LOCK_DEADLOCK, ECONNREFUSED, …) or the error's name. */
  code: string;
  /** The server's or socket's message, never Drizzle's "Failed query: …" text with every parameter in it. */
  message: string;
}

const TRANSIENT_ERRNOS = new Set([
  1040, // ER_CON_COUNT_ERROR
  1053, // ER_SERVER_SHUTDOWN
  1062, // ER_DUP_ENTRY: another consumer stored the same key first (rebalance overlap); the retry dedupes
  1205, // ER_LOCK_WAIT_TIMEOUT
  1213, // ER_LOCK_DEADLOCK
  1226, // ER_USER_LIMIT_REACHED
  1290, // ER_OPTION_PREVENTS_STATEMENT (read-only during a failover)
  1317, // ER_QUERY_INTERRUPTED
  1927, // ER_CONNECTION_KILLED (MariaDB)
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
]);
const DATA_ERRNOS = new Set([
  1048, // ER_BAD_NULL_ERROR
  1264, // ER_WARN_DATA_OUT_OF_RANGE
  1292, // ER_TRUNCATED_WRONG_VALUE
  1366, // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
  1406, // ER_DATA_TOO_LONG
  3140, // ER_INVALID_JSON_TEXT (MySQL 8)
  3819, // ER_CHECK_CONSTRAINT_VIOLATED (MySQL 8)
  4025, // ER_CONSTRAINT_FAILED (MariaDB's JSON_VALID check)
]);
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_WRITE_INTERRUPTED',
]);

interface MysqlishError {
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
  sqlMessage?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Drizzle wraps the driver's error in DrizzleQueryError (with the whole query); the driver's is the cause. */
function driverError(err: unknown): MysqlishError {
  const driver = findCause(err, (e) => typeof e.errno === 'number' || typeof e.code === 'string');
  return (driver ?? err ?? {}) as MysqlishError;
}

export function classifyDbError(err: unknown): DbErrorInfo {
  if (err instanceof TransactionAborted) return { kind: 'aborted', code: err.name, message: err.message };
  if (err instanceof TransactionTimeout) return { kind: 'transient', code: err.name, message: err.message };
  const e = driverError(err);
  const code = typeof e.code === 'string' ? e.code : err instanceof Error ? err.name : 'UNKNOWN';
  const message = String(e.sqlMessage ?? e.message ?? err).slice(0, 500);
  const errno = typeof e.errno === 'number' ? e.errno : undefined;
  if (errno !== undefined && DATA_ERRNOS.has(errno)) return { kind: 'data', code, message };
  if ((errno !== undefined && TRANSIENT_ERRNOS.has(errno)) || TRANSIENT_CODES.has(code) || e.fatal === true) {
    return { kind: 'transient', code, message };
  }
  // A pool whose connections were all dropped mid-outage reports this before reconnecting.
  if (/closed state/i.test(message)) {
    return { kind: 'transient', code, message };
  }
  return { kind: 'fatal', code, message };
}

/** A unique key refused the write (mysql2's errno 1062, looked for through Drizzle's wrapping error). */
export function isDuplicateKey(err: unknown): boolean {
  return findCause(err, (e) => e.errno === 1062) !== undefined;
}
