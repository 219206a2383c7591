import { InvalidArgument } from './errors.ts';
import type { GetSloBudgetRequest, ListSlosRequest } from './messages.ts';
import { decodeRemainingToken, fingerprint, type RemainingPosition } from './page-token.ts';

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

export function parseListSlos(request: ListSlosRequest): { limit: number; after: RemainingPosition | null } {
  const n = Number(request.limit ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgument('limit', 'must be a non-negative integer');
  if (n > SLO_MAX_LIMIT) throw new InvalidArgument('limit', `at most ${SLO_MAX_LIMIT}`);
  return {
    limit: n === 0 ? SLO_DEFAULT_LIMIT : n,
    after: decodeRemainingToken(request.page_token ?? '', LIST_SLOS_FINGERPRINT),
  };
}
