import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidArgument } from './errors.ts';
import { STORABLE_MAX_MS, STORABLE_MIN_MS } from './timestamp.ts';

/**
 * Opaque page tokens. A token is the position of the first item not yet returned: a run (by its sort key:
 * series id, window end, run id) and an item index within it, or a series id for ListSeries. It carries a
 * fingerprint of the method and query, so a token can only resume the query that issued it; anything else is
 * INVALID_ARGUMENT rather than a silently different page.
 */
export interface Position {
  seriesId: number;
  /** Window end of the run in ms since the epoch (0 for series positions). */
  windowEndMs: number;
  runId: number;
  /** Items of that run already returned. */
  index: number;
}

/** Ids and indexes are stored integers, exact as JS numbers. */
const counter = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * A token only ever holds a stored run's window end (or 0, 1970, for a series position), so a window end storage
 * cannot hold is a forged token: refused here as INVALID_ARGUMENT instead of reaching the query as an invalid Date
 * (INTERNAL) or a year DATETIME cannot compare.
 */
const tokenSchema = z.strictObject({
  v: z.literal(1),
  f: z.string().regex(/^[0-9a-f]{16}$/),
  s: counter,
  w: z.number().int().min(STORABLE_MIN_MS).max(STORABLE_MAX_MS),
  r: counter,
  i: counter,
});

const MAX_TOKEN_CHARS = 512;

/** A short hash of everything that defines the result set (never the paging fields themselves). */
export function fingerprint(method: string, query: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method, query]))
    .digest('hex')
    .slice(0, 16);
}

/** A token's body, if it is a well-formed token of the query `fp` names; INVALID_ARGUMENT naming `field` if not. */
function decodeBody<T extends { f: string }>(
  token: string,
  fp: string,
  field: string,
  schema: z.ZodType<T>,
): T {
  const invalid = () => new InvalidArgument(field, 'not a page token of this query');
  if (token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = schema.safeParse(parsed);
  if (!result.success || result.data.f !== fp) throw invalid();
  return result.data;
}

function encodeBody(body: object): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export function encodePageToken(fp: string, p: Position): string {
  return encodeBody({ v: 1, f: fp, s: p.seriesId, w: p.windowEndMs, r: p.runId, i: p.index });
}

/** The position a token names, or null for the empty token (the first page). */
export function decodePageToken(token: string, fp: string, field = 'page_token'): Position | null {
  if (token === '') return null;
  const t = decodeBody(token, fp, field, tokenSchema);
  return { seriesId: t.s, windowEndMs: t.w, runId: t.r, index: t.i };
}

/**
 * ListSlos pages by remaining budget, a double, so its token names the last objective returned (its sort key and
 * SLA id, the keyset drizzle/repositories/slo-status.ts resumes after) rather than a run position.
 */
export interface RemainingPosition {
  sortRemaining: number;
  slaId: number;
}

const remainingTokenSchema = z.strictObject({
  v: z.literal(1),
  f: z.string().regex(/^[0-9a-f]{16}$/),
  k: z.number().finite(),
  s: counter,
});

/** ListSeriesBudgets pages by remaining budget too: its token names the last series returned (its hash). */
export interface SeriesRemainingPosition {
  sortRemaining: number;
  series: string;
}

const seriesRemainingTokenSchema = z.strictObject({
  v: z.literal(1),
  f: z.string().regex(/^[0-9a-f]{16}$/),
  k: z.number().finite(),
  h: z.string().regex(/^[0-9a-f]{16}$/),
});

export function encodeSeriesRemainingToken(fp: string, p: SeriesRemainingPosition): string {
  return encodeBody({ v: 1, f: fp, k: p.sortRemaining, h: p.series });
}

export function decodeSeriesRemainingToken(
  token: string,
  fp: string,
  field = 'page_token',
): SeriesRemainingPosition | null {
  if (token === '') return null;
  const t = decodeBody(token, fp, field, seriesRemainingTokenSchema);
  return { sortRemaining: t.k, series: t.h };
}

export function encodeRemainingToken(fp: string, p: RemainingPosition): string {
  return encodeBody({ v: 1, f: fp, k: p.sortRemaining, s: p.slaId });
}

export function decodeRemainingToken(
  token: string,
  fp: string,
  field = 'page_token',
): RemainingPosition | null {
  if (token === '') return null;
  const t = decodeBody(token, fp, field, remainingTokenSchema);
  return { sortRemaining: t.k, slaId: t.s };
}
