import { listByRemaining, type RemainingCursor } from '../../../drizzle/repositories/slo-status.ts';
import { isStaleSloStatus } from '../../../sla/slo-readiness.ts';
import type { SlaDeps } from '../deps.ts';
import { decodeKeyCursor, encodeKeyCursor, nextSchema, remainingBudgetQuery } from '../paging.ts';
import { idParamsSchema, problems } from '../schemas.ts';
import type { SlaApp } from '../typed-app.ts';
import { budgetReportSchema, currentSloStatus } from './budget.ts';

const MAX_PAGE = 500;

const listQuerySchema = remainingBudgetQuery(MAX_PAGE, 'objectives');

const { properties: report } = budgetReportSchema;

const burnRateSchema = {
  type: 'object',
  properties: {
    objective: report.objective,
    at: report.at,
    burnRates: report.burnRates,
    exhaustion: report.exhaustion,
    alerts: report.alerts,
    absent: report.absent,
    absentSince: report.absentSince,
  },
} as const;

function encodeCursor(c: RemainingCursor): string {
  return encodeKeyCursor([c.sortRemaining, c.slaId]);
}

function decodeCursor(token: string): RemainingCursor {
  return decodeKeyCursor(token, ([sortRemaining, slaId, ...rest]) =>
    typeof sortRemaining === 'number' &&
    Number.isSafeInteger(slaId) &&
    (slaId as number) >= 0 &&
    rest.length === 0
      ? { sortRemaining, slaId: slaId as number }
      : undefined,
  );
}

/**
 * GET /slos: every objective's latest evaluation, least remaining error budget first (the list an on-call engineer
 * opens first), a page at a time over one index; GET /slas/:id/burn-rate: the burn-rate part of the budget.
 */
export async function sloRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  app.get(
    '/slos',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'SLA objectives by remaining error budget',
        querystring: listQuerySchema,
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    name: { type: 'string' },
                    metric: { type: 'string' },
                    stale: {
                      type: 'boolean',
                      description:
                        'The evaluation is of the SLA before its selector or bounds changed (recounting)',
                    },
                    budget: budgetReportSchema,
                  },
                },
              },
              next: nextSchema,
            },
          },
          ...problems(400, 401, 422, 503),
        },
      },
    },
    async (req) => {
      const after = req.query.next === undefined ? undefined : decodeCursor(req.query.next);
      const rows = await listByRemaining(deps.database.db, after, req.query.limit);
      const last = rows.at(-1);
      return {
        items: rows.map(({ sla, status }) => ({
          id: sla.id,
          name: sla.name,
          metric: sla.metric,
          stale: isStaleSloStatus(sla, status),
          budget: status.report,
        })),
        next:
          last && rows.length === req.query.limit
            ? encodeCursor({ sortRemaining: last.sortRemaining, slaId: last.sla.id })
            : null,
      };
    },
  );

  app.get(
    '/slas/:id/burn-rate',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Burn rates, projected budget exhaustion and burn-rate alerts of the SLA objective',
        params: idParamsSchema,
        response: { 200: burnRateSchema, ...problems(400, 401, 404, 409, 503) },
      },
    },
    async (req) => {
      const { report: r } = await currentSloStatus(deps, req.params.id);
      return {
        objective: r.objective,
        at: r.at,
        burnRates: r.burnRates,
        exhaustion: r.exhaustion,
        alerts: r.alerts,
        absent: r.absent,
        absentSince: r.absentSince,
      };
    },
  );
}
