import { type Page, type PageRequest, pageOf, type SortKey } from '../../contracts/paging.ts';
import { Unprocessable } from './errors.ts';

/**
 * Paging of the evaluation routes' per-series detail (contracts/paging.ts). An SLA may select thousands of
 * series, so each route answers its SLA-wide summary over every series and lists the series a page at a time:
 * `limit` per page and an opaque `next` cursor; a cursor of another query is a 422 naming `next`.
 */

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/** The query-string properties every paged route accepts. */
export const pageQueryProperties = pageQuery(MAX_PAGE);

export function pageQuery(maxPage: number) {
  return {
    limit: { type: 'integer', minimum: 1, maximum: maxPage, default: Math.min(DEFAULT_PAGE, maxPage) },
    next: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'The `next` of the previous page',
    },
  } as const;
}

/**
 * The query of a list sorted by remaining error budget (`GET /slos`, `GET /slas/:id/budget/series`): the one sort
 * and the page. `what` names the listed items for the description.
 */
export function remainingBudgetQuery(maxPage: number, what: string) {
  return {
    type: 'object',
    properties: {
      sort: {
        type: 'string',
        enum: ['remaining_budget'],
        default: 'remaining_budget',
        description: `Least remaining error budget first (${what} without events yet last)`,
      },
      ...pageQuery(maxPage),
    },
    additionalProperties: false,
  } as const;
}

export const nextSchema = {
  type: 'string',
  nullable: true,
  description: 'Pass as `next` for the following page; null on the last page',
} as const;

/**
 * A cursor is opaque, so any string is well-formed (the schema says so); one that is not a `next` of this query is
 * a 422 naming `next`, like the other values only the server can judge.
 */
export function invalidCursor(): Unprocessable {
  return new Unprocessable('next is not a cursor of this query', { field: 'next' });
}

/** pageOf for a REST route: a foreign cursor is a 422 naming `next`. */
export function restPage<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  query: unknown,
  page: PageRequest,
): Page<T> {
  return pageOf(items, keyOf, query, page, invalidCursor);
}

/** A keyset page's cursor: the last item's sort key, as a base64url JSON array. */
export function encodeKeyCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort key of a `next` made by encodeKeyCursor, checked by `read` (undefined: not a key of this query); any
 * other string is the 422 of a foreign cursor.
 */
export function decodeKeyCursor<T>(token: string, read: (key: unknown[]) => T | undefined): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const key = Array.isArray(parsed) ? read(parsed) : undefined;
  if (key === undefined) throw invalidCursor();
  return key;
}
