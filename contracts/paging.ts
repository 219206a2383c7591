import { createHash } from 'node:crypto';

/**
 * Keyset paging over a result computed whole (an SLA-wide evaluation): items are ordered by a sort key, and the
 * opaque cursor `next` is the key of the last item returned, so an item added between two requests neither
 * repeats nor shifts a page. The cursor carries a fingerprint of the query that issued it, so it can only resume
 * that query. Shared by the REST routes and the violation check, which pages inside its activity.
 */

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

function decodeCursor(token: string | undefined, fp: string, invalid: Error): SortKey | null {
  if (token === undefined) return null;
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

export interface PageRequest {
  limit: number;
  next?: string | undefined;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * The page after the cursor of `items` ordered by `keyOf` (ascending; negate a number to list it descending).
 * `query` is everything that defines the result set apart from the paging fields; a cursor that is not one of
 * this query's throws `invalid` (each edge says it its own way).
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  query: unknown,
  page: PageRequest,
  invalid: () => Error,
): Page<T> {
  const fp = fingerprint(query);
  const after = decodeCursor(page.next, fp, invalid());
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
