import { createHash } from 'node:crypto';

/**
 * Pure encoders between message values and column values. No I/O, so they are unit-tested on their own.
 */

/** SHA-256 lower-case hex: the fixed-width, byte-exact form of a natural key (see drizzle/schema.ts). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export { decodeFloat64, encodeFloat64 } from '../contracts/float64.ts';

/** DATETIME's range; an instant outside it cannot be stored and makes the message UNSTORABLE. */
const DATETIME_MIN = Date.UTC(1000, 0, 1);
const DATETIME_MAX = Date.UTC(10000, 0, 1) - 1;

export class UnstorableValue extends Error {
  override readonly name = 'UnstorableValue';
}

/** An ISO-8601 instant (any offset) as a Date, checked against DATETIME's range. */
export function toInstant(iso: string, field: string): Date {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || ms < DATETIME_MIN || ms > DATETIME_MAX) {
    throw new UnstorableValue(`${field}: ${JSON.stringify(iso)} is outside DATETIME's range`);
  }
  return new Date(ms);
}

export const UINT32_MAX = 4_294_967_295;
export const UINT16_MAX = 65_535;

/** An integer for an unsigned INT/SMALLINT column, or UnstorableValue. */
export function toUnsigned(value: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new UnstorableValue(`${field}: ${value} does not fit an unsigned column (max ${max})`);
  }
  return value;
}

/** Diagnostic text cut to what the column holds; a cut message is still a useful message. */
export function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/**
 * Splits rows into statements of at most `maxRows` rows and, when `sizeOf` is given, at most `maxBytes`
 * estimated bytes: a multi-row INSERT must stay under the server's max_allowed_packet (16 MiB by default on
 * MariaDB; blobs travel hex-encoded, so twice their size).
 */
export function chunk<T>(
  rows: readonly T[],
  maxRows: number,
  maxBytes = Infinity,
  sizeOf?: (row: T) => number,
): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = sizeOf ? sizeOf(row) : 0;
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Ids this many to a query at most: an IN list stays a few KB, and a read over 10,000 ids costs ten queries. */
export const IDS_PER_QUERY = 1000;

/** Runs `read` once per chunk of ids, in order, and concatenates what it returns. */
export async function byIdChunks<T>(
  ids: readonly number[],
  read: (part: number[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunk(ids, IDS_PER_QUERY)) out.push(...(await read(part)));
  return out;
}
