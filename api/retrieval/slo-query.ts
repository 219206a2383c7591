import { InvalidArgument } from './errors.ts';
import type { GetSloBudgetRequest, ListSeriesBudgetsRequest, ListSlosRequest } from './messages.ts';
import {
  decodeRemainingToken,
  decodeSeriesRemainingToken,
  fingerprint,
  type RemainingPosition,
  type SeriesRemainingPosition,
} from './page-token.ts';

/**
 * Validation of the SLO requests, before any query runs; each failure an InvalidArgument naming the field. The
 * page bounds are the REST list's (GET /slos).
 */

export const SLO_DEFAULT_LIMIT = 100;
export const SLO_MAX_LIMIT = 500;

/** ListSlos has no filter: the fingerprint only binds its tokens to this method. */
export const LIST_SLOS_FINGERPRINT = fingerprint('ListSlos', {});

export function parseSlaId(value: unknown, field = 'sla_id'): number {
  const id = Number(value ?? 0);
  if (!Number.isSafeInteger(id) || id <= 0) throw new InvalidArgument(field, 'must be a positive SLA id');
  return id;
}

export function parseGetSloBudget(request: GetSloBudgetRequest): { slaId: number } {
  return { slaId: parseSlaId(request.sla_id) };
}

/** The page bounds of GET /slas/:id/budget/series. */
export const SERIES_BUDGETS_MAX_LIMIT = 1000;

/** A ListSeriesBudgets token resumes only the listing of the SLA it came from. */
export function listSeriesBudgetsFingerprint(slaId: number): string {
  return fingerprint('ListSeriesBudgets', { slaId });
}

export function parseListSeriesBudgets(request: ListSeriesBudgetsRequest): {
  slaId: number;
  limit: number;
  after: SeriesRemainingPosition | null;
} {
  const slaId = parseSlaId(request.sla_id);
  const limit = parseLimit(request.limit, SERIES_BUDGETS_MAX_LIMIT);
  return {
    slaId,
    limit,
    after: decodeSeriesRemainingToken(request.page_token ?? '', listSeriesBudgetsFingerprint(slaId)),
  };
}

function parseLimit(value: unknown, max: number): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgument('limit', 'must be a non-negative integer');
  if (n > max) throw new InvalidArgument('limit', `at most ${max}`);
  return n === 0 ? SLO_DEFAULT_LIMIT : n;
}

export function parseListSlos(request: ListSlosRequest): { limit: number; after: RemainingPosition | null } {
  return {
    limit: parseLimit(request.limit, SLO_MAX_LIMIT),
    after: decodeRemainingToken(request.page_token ?? '', LIST_SLOS_FINGERPRINT),
  };
}
