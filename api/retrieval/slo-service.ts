import type { Executor } from '../../drizzle/db.ts';
import { listByRemaining, readSlaWithSloStatus } from '../../drizzle/repositories/slo-status.ts';
import { isStaleSloStatus, sloReadiness } from '../../sla/slo-readiness.ts';
import { toSloBudget } from './convert-slo.ts';
import { FailedPrecondition, NotFound, RetryShortly } from './errors.ts';
import type { GetSloBudgetRequest, ListSlosRequest, ListSlosResponse, SloBudget } from './messages.ts';
import { encodeRemainingToken } from './page-token.ts';
import { LIST_SLOS_FINGERPRINT, parseGetSloBudget, parseListSlos } from './slo-query.ts';

/**
 * The SLO reads for programmatic clients (issue 14): the same stored evaluations the REST API answers from
 * (`slo_status`), refused in the same cases (sla/slo-readiness.ts), worded for gRPC: no REST route in a message.
 */
export class SloService {
  constructor(private readonly db: Executor) {}

  async getSloBudget(request: GetSloBudgetRequest): Promise<SloBudget> {
    const { slaId } = parseGetSloBudget(request);
    const { sla, status } = await readSlaWithSloStatus(this.db, slaId);
    const readiness = sloReadiness(sla, status);
    switch (readiness.kind) {
      case 'missing':
        throw new NotFound(`SLA ${slaId} not found`);
      case 'no-objective':
        throw new FailedPrecondition(`SLA ${slaId} has no objective`);
      case 'counting':
        throw new RetryShortly(`the minutes of SLA ${slaId} are being counted; retry shortly`);
      case 'objective-changed':
        throw new RetryShortly(`the objective of SLA ${slaId} changed and is being evaluated; retry shortly`);
      case 'current':
        return toSloBudget(readiness.status.report);
    }
  }

  /** One page, least remaining budget first; one row more than asked tells whether another page exists. */
  async listSlos(request: ListSlosRequest): Promise<ListSlosResponse> {
    const { limit, after } = parseListSlos(request);
    const rows = await listByRemaining(this.db, after ?? undefined, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      slos: page.map(({ sla, status }) => ({
        sla_id: sla.id,
        name: sla.name,
        metric: sla.metric,
        stale: isStaleSloStatus(sla, status),
        budget: toSloBudget(status.report),
      })),
      next_page_token:
        rows.length > limit && last
          ? encodeRemainingToken(LIST_SLOS_FINGERPRINT, {
              sortRemaining: last.sortRemaining,
              slaId: last.sla.id,
            })
          : '',
    };
  }
}
