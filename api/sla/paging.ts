import { createHash } from 'node:crypto';
import { BadRequest } from './errors.ts';

/**
 * Paging of the evaluation routes' per-series detail. An SLA may select thousands of series, so each route
 * answers its SLA-wide summary over every series and lists the series themselves a page at a time: `limit` per
 * page and an opaque `next` cursor, which is the sort key of the last series returned (keyset paging: a series
 * added between two requests neither repeats nor shifts a page). The cursor carries a fingerprint of the query
 * that issued it, so it can only resume that query; anything else is a 400 naming `next`.
 */

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/** The query-string properties every paged route accepts. */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE },
  next: {
    type: 'string',
    minLength: 1,
    maxLength: 1024,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'The `next` of the previous page',
  },
} as const;

export const nextSchema = {
  type: 'string',
  nullable: true,
  description: 'Pass as `next` for the following page; null on the last page',
} as const;

export type SortKey = readonly (string | number)[];

function fingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('hex').slice(0, 16);
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function decodeCursor(token: string | undefined, fp: string): SortKey | null {
  if (token === undefined) return null;
  const invalid = new BadRequest('next is not a cursor of this query', { field: 'next' });
  let parsed: unknown[] | undefined;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed)) throw invalid;
  } catch {
    throw invalid;
  }
  const ok =
    parsed.length === 2 &&
    parsed[0] === fp &&
    Array.isArray(parsed[1]) &&
    parsed[1].every((k: unknown) => typeof k === 'string' || typeof k === 'number');
  if (!ok) throw invalid;
  return parsed[1] as SortKey;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * The page after the cursor of `items` ordered by `keyOf` (ascending; negate a number to list it descending).
 * `query` is everything that defines the result set apart from the paging fields.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  query: unknown,
  page: { limit: number; next?: string },
): Page<T> {
  const fp = fingerprint(query);
  const after = decodeCursor(page.next, fp);
  const sorted = items
    .map((item) => ({ item, key: keyOf(item) }))
    .filter((e) => after === null || compareKeys(e.key, after) > 0)
    .sort((a, b) => compareKeys(a.key, b.key));
  const taken = sorted.slice(0, page.limit);
  const last = taken.at(-1);
  const more = sorted.length > page.limit && last !== undefined;
  return {
    items: taken.map((e) => e.item),
    next: more ? Buffer.from(JSON.stringify([fp, last.key]), 'utf8').toString('base64url') : null,
  };
}
