import type { LabelMatch, MatchOp } from '../../contracts/label-matcher.ts';
import { isRegexOp, regexProblem } from '../../prometheus/label-matchers.ts';
import { InvalidArgument } from './errors.ts';
import type { LabelMatcher, ListSeriesRequest, MatcherOp, RunQuery, TimeRange } from './messages.ts';
import { decodePageToken, fingerprint, type Position } from './page-token.ts';
import { STORABLE_MAX_MS, STORABLE_MIN_MS, timestampMs } from './timestamp.ts';

/**
 * Request validation: every field checked before any query runs, each failure an InvalidArgument naming the
 * field. Pure, so it is unit-tested on its own. Nothing here (or anywhere) turns a field into SQL: values reach
 * the database only as bound parameters of Drizzle queries.
 */

export type Selector =
  | { kind: 'latest' }
  | { kind: 'run'; runId: number }
  | { kind: 'range'; fromMs: number; toMs: number };

export type Matcher = LabelMatch;

/** The proto's operators, in PromQL's spelling; OP_UNSPECIFIED reads as EQUAL. */
const OPS: Record<MatcherOp, MatchOp> = {
  OP_UNSPECIFIED: '=',
  EQUAL: '=',
  NOT_EQUAL: '!=',
  MATCH_REGEX: '=~',
  NOT_MATCH_REGEX: '!~',
};

export interface ParsedRunQuery {
  metric: string;
  matchers: Matcher[];
  selector: Selector;
  /** Unary: items in this response. Streams: items in the whole stream (Infinity when not limited). */
  limit: number;
  /** Streams: items per streamed page. */
  pageSize: number;
  /** Where to resume, or null for the start. */
  start: Position | null;
  /** Binds page tokens to this method and query. */
  fingerprint: string;
}

export const UNARY_DEFAULT_LIMIT = 100;
export const UNARY_MAX_LIMIT = 1000;
export const STREAM_DEFAULT_PAGE_SIZE = 1000;
export const STREAM_MAX_PAGE_SIZE = 10_000;
export const MAX_MATCHERS = 32;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function parseMetric(value: unknown, field = 'metric'): string {
  if (typeof value !== 'string' || value === '') throw new InvalidArgument(field, 'required');
  if (value.length > 255) throw new InvalidArgument(field, 'longer than 255 characters');
  if (!METRIC_NAME.test(value)) throw new InvalidArgument(field, 'not a Prometheus metric name');
  return value;
}

export function parseMatchers(value: readonly LabelMatcher[] | undefined | null): Matcher[] {
  const list = value ?? [];
  if (list.length > MAX_MATCHERS) throw new InvalidArgument('matchers', `at most ${MAX_MATCHERS}`);
  return list.map((m, i) => {
    const at = `matchers[${i}]`;
    if (typeof m.label !== 'string' || m.label === '') throw new InvalidArgument(`${at}.label`, 'required');
    if (m.label.length > 255 || !LABEL_NAME.test(m.label)) {
      throw new InvalidArgument(`${at}.label`, 'not a Prometheus label name');
    }
    const name = m.op ?? 'OP_UNSPECIFIED';
    const op = typeof name === 'string' && Object.hasOwn(OPS, name) ? OPS[name as MatcherOp] : undefined;
    if (op === undefined) throw new InvalidArgument(`${at}.op`, `unknown operator ${JSON.stringify(m.op)}`);
    const v = m.value ?? '';
    if (typeof v !== 'string' || v.length > 1024) {
      throw new InvalidArgument(`${at}.value`, 'longer than 1024 characters');
    }
    const problem = isRegexOp(op) ? regexProblem(v) : null;
    if (problem !== null) throw new InvalidArgument(`${at}.value`, `not an RE2 regex: ${problem}`);
    return { label: m.label, op, value: v };
  });
}

/** A request's timestamp (any field may be left out), checked and in milliseconds. */
function instant(ts: NonNullable<TimeRange['from']>, field: string): number {
  const seconds = Number(ts.seconds);
  const nanos = Number(ts.nanos ?? 0);
  if (!Number.isSafeInteger(seconds)) throw new InvalidArgument(`${field}.seconds`, 'not a valid number');
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
    throw new InvalidArgument(`${field}.nanos`, 'must be within 0..999999999');
  }
  const ms = timestampMs({ seconds, nanos });
  if (ms < STORABLE_MIN_MS || ms > STORABLE_MAX_MS)
    throw new InvalidArgument(field, 'outside years 1000..9999');
  return ms;
}

export function parseSelector(runs: RunQuery['runs'], now: number): Selector {
  const which = runs?.selector;
  if (!runs || which === undefined || which === 'latest') return { kind: 'latest' };
  if (which === 'run_id') {
    const id = Number(runs.run_id);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new InvalidArgument('runs.run_id', 'must be a positive run id');
    return { kind: 'run', runId: id };
  }
  if (which === 'window_end') {
    const range = runs.window_end;
    const fromMs = range?.from ? instant(range.from, 'runs.window_end.from') : STORABLE_MIN_MS;
    const toMs = range?.to ? instant(range.to, 'runs.window_end.to') : now;
    if (fromMs >= toMs) throw new InvalidArgument('runs.window_end', '`from` must be before `to`');
    return { kind: 'range', fromMs, toMs };
  }
  throw new InvalidArgument('runs', `unknown selector ${JSON.stringify(which)}`);
}

function count(value: unknown, field: string): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgument(field, 'must be a non-negative integer');
  return n;
}

export function parseUnaryLimit(value: unknown): number {
  const n = count(value, 'limit');
  if (n > UNARY_MAX_LIMIT) throw new InvalidArgument('limit', `at most ${UNARY_MAX_LIMIT}`);
  return n === 0 ? UNARY_DEFAULT_LIMIT : n;
}

export function parseRunQuery(
  method: string,
  request: RunQuery,
  mode: 'unary' | 'stream',
  now = Date.now(),
): ParsedRunQuery {
  const metric = parseMetric(request.metric);
  const matchers = parseMatchers(request.matchers);
  const selector = parseSelector(request.runs, now);
  let limit: number;
  let pageSize = STREAM_DEFAULT_PAGE_SIZE;
  if (mode === 'unary') limit = parseUnaryLimit(request.limit);
  else {
    const n = count(request.limit, 'limit');
    limit = n === 0 ? Number.POSITIVE_INFINITY : n;
    const size = count(request.page_size, 'page_size');
    if (size > STREAM_MAX_PAGE_SIZE)
      throw new InvalidArgument('page_size', `at most ${STREAM_MAX_PAGE_SIZE}`);
    if (size > 0) pageSize = size;
  }
  // A range's open end is resolved to "now" at the first page; the token keeps the same result set only if the
  // fingerprint ignores that default, so an open range is fingerprinted as open.
  const identity = {
    metric,
    matchers,
    selector:
      selector.kind === 'range' && !request.runs?.window_end?.to ? { ...selector, toMs: 'open' } : selector,
  };
  const fp = fingerprint(method, identity);
  return {
    metric,
    matchers,
    selector,
    limit,
    pageSize,
    start: decodePageToken(request.page_token ?? '', fp),
    fingerprint: fp,
  };
}

export interface ParsedSeriesQuery {
  metric: string;
  matchers: Matcher[];
  limit: number;
  start: Position | null;
  fingerprint: string;
}

export function parseSeriesQuery(request: ListSeriesRequest): ParsedSeriesQuery {
  const metric = parseMetric(request.metric);
  const matchers = parseMatchers(request.matchers);
  const limit = parseUnaryLimit(request.limit);
  const fp = fingerprint('ListSeries', { metric, matchers });
  return { metric, matchers, limit, start: decodePageToken(request.page_token ?? '', fp), fingerprint: fp };
}
