import { listSeriesByRemaining, type SeriesCursor } from '../../../drizzle/repositories/sla-series.ts';
import { seriesEvaluated } from '../../../sla/slo-readiness.ts';
import type { SlaDeps } from '../deps.ts';
import { Unavailable } from '../errors.ts';
import { decodeKeyCursor, encodeKeyCursor, nextSchema, remainingBudgetQuery } from '../paging.ts';
import { idParamsSchema, problems } from '../schemas.ts';
import type { SlaApp } from '../typed-app.ts';
import { budgetReportSchema, currentSloStatus } from './budget.ts';

const MAX_PAGE = 1000;

const { properties: report } = budgetReportSchema;

export const seriesBudgetSchema = {
  type: 'object',
  properties: {
    labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'The series’ labels' },
    at: { ...report.at, description: 'The minute the series was evaluated at' },
    events: { ...report.events, description: 'The series’ good and bad minutes in the window up to `at`' },
    compliance: report.compliance,
    budget: {
      ...report.budget,
      description: 'In the series’ bad minutes: allowed = (1 − target) × the series’ events',
    },
    burnRates: report.burnRates,
    exhaustion: report.exhaustion,
  },
} as const;

const querySchema = remainingBudgetQuery(MAX_PAGE, 'series');

function encodeCursor(c: SeriesCursor): string {
  return encodeKeyCursor([c.sortRemaining, c.series]);
}

function decodeCursor(token: string): SeriesCursor {
  return decodeKeyCursor(token, ([sortRemaining, series, ...rest]) =>
    typeof sortRemaining === 'number' &&
    typeof series === 'string' &&
    /^[0-9a-f]{16}$/.test(series) &&
    rest.length === 0
      ? { sortRemaining, series }
      : undefined,
  );
}

/**
 * GET /slas/:id/budget/series: the objective per selected series, least remaining budget first (which series
 * eats the budget), a page at a time over one index, as the SLO counting run last evaluated them (every few
 * minutes; each item says its minute).
 */
export async function seriesBudgetRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  app.get(
    '/slas/:id/budget/series',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Error budget and burn rates of each series the SLA selects',
        params: idParamsSchema,
        querystring: querySchema,
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: seriesBudgetSchema }, next: nextSchema },
          },
          ...problems(400, 401, 404, 409, 422, 503),
        },
      },
    },
    async (req) => {
      const after = req.query.next === undefined ? undefined : decodeCursor(req.query.next);
      const status = await currentSloStatus(deps, req.params.id);
      const rows = await listSeriesByRemaining(deps.database.db, req.params.id, after, req.query.limit);
      if (!seriesEvaluated(status, rows, after === undefined)) {
        throw new Unavailable(`the series of SLA ${req.params.id} are being counted; ask again shortly`, 30);
      }
      const last = rows.at(-1);
      return {
        items: rows.map((r) => r.report),
        next:
          last && rows.length === req.query.limit
            ? encodeCursor({ sortRemaining: last.sortRemaining, series: last.series })
            : null,
      };
    },
  );
}
