import type { Executor } from '../../drizzle/db.ts';
import { listSeriesByRemaining } from '../../drizzle/repositories/sla-series.ts';
import {
  listByRemaining,
  readSlaWithSloStatus,
  type SloStatusRow,
} from '../../drizzle/repositories/slo-status.ts';
import { isStaleSloStatus, seriesEvaluated, sloReadiness } from '../../sla/slo-readiness.ts';
import { toSeriesBudget, toSloBudget } from './convert-slo.ts';
import { FailedPrecondition, NotFound, RetryShortly } from './errors.ts';
import type {
  GetSloBudgetRequest,
  ListSeriesBudgetsRequest,
  ListSeriesBudgetsResponse,
  ListSlosRequest,
  ListSlosResponse,
  SloBudget,
} from './messages.ts';
import { encodeRemainingToken, encodeSeriesRemainingToken } from './page-token.ts';
import {
  LIST_SLOS_FINGERPRINT,
  listSeriesBudgetsFingerprint,
  parseGetSloBudget,
  parseListSeriesBudgets,
  parseListSlos,
} from './slo-query.ts';

/**
 * The SLO reads for programmatic clients (issue 14): the same stored evaluations the REST API answers from
 * (`slo_status`), refused in the same cases (sla/slo-readiness.ts), worded for gRPC: no REST route in a message.
 */
export class SloService {
  constructor(private readonly db: Executor) {}

  async getSloBudget(request: GetSloBudgetRequest): Promise<SloBudget> {
    const { slaId } = parseGetSloBudget(request);
    return toSloBudget((await this.currentStatus(slaId)).report);
  }

  /** The SLA's stored evaluation if it answers for the SLA as it is now; else the error saying why not. */
  private async currentStatus(slaId: number): Promise<SloStatusRow> {
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
        return readiness.status;
    }
  }

  /**
   * One page of the SLA's series, least remaining budget first (GET /slas/:id/budget/series), refused while the
   * series are not yet evaluated under the SLA's current selector and bounds.
   */
  async listSeriesBudgets(request: ListSeriesBudgetsRequest): Promise<ListSeriesBudgetsResponse> {
    const { slaId, limit, after } = parseListSeriesBudgets(request);
    const status = await this.currentStatus(slaId);
    const rows = await listSeriesByRemaining(this.db, slaId, after ?? undefined, limit + 1);
    if (!seriesEvaluated(status, rows, after === null))
      throw new RetryShortly(`the series of SLA ${slaId} are being evaluated; retry shortly`);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      series: page.map((r) => toSeriesBudget(r.report)),
      next_page_token:
        rows.length > limit && last
          ? encodeSeriesRemainingToken(listSeriesBudgetsFingerprint(slaId), {
              sortRemaining: last.sortRemaining,
              series: last.series,
            })
          : '',
    };
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
