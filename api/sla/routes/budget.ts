import { BURN_ALERTS, BURN_WINDOWS, MINUTE_MS, OBJECTIVE_WINDOWS } from '../../../contracts/slo.ts';
import { hoursBetween } from '../../../drizzle/repositories/sla-minutes.ts';
import { readSlaWithSloStatus, type SloStatusRow } from '../../../drizzle/repositories/slo-status.ts';
import { budgetHistory } from '../../../sla/budget-history.ts';
import { objectiveWindow } from '../../../sla/objective-window.ts';
import { sloReadiness } from '../../../sla/slo-readiness.ts';
import type { SlaDeps } from '../deps.ts';
import { Conflict, Unavailable } from '../errors.ts';
import { idParamsSchema, problems } from '../schemas.ts';
import { slaNotFound } from '../sla-lookup.ts';
import type { SlaApp } from '../typed-app.ts';

const nullableNumber = { type: 'number', nullable: true } as const;
const counts = {
  type: 'object',
  properties: { good: { type: 'integer' }, bad: { type: 'integer' } },
  required: ['good', 'bad'],
} as const;
const burnWindows = Object.keys(BURN_WINDOWS);

export const budgetReportSchema = {
  type: 'object',
  properties: {
    objective: {
      type: 'object',
      properties: { target: { type: 'number' }, window: { type: 'string', enum: [...OBJECTIVE_WINDOWS] } },
    },
    window: {
      type: 'object',
      description: 'The objective window holding `at`: [start, end), and how many minutes it holds',
      properties: {
        start: { type: 'string', format: 'date-time' },
        end: { type: 'string', format: 'date-time' },
        minutes: { type: 'integer' },
      },
    },
    at: { type: 'string', format: 'date-time', description: 'The last counted minute' },
    evaluatedMinutes: {
      type: 'integer',
      description: 'Window minutes counted so far (fewer while backfilling)',
    },
    events: { ...counts, description: 'Good and bad series-minutes in the window up to `at`' },
    compliance: { ...nullableNumber, description: 'good / (good + bad); null before any event' },
    budget: {
      type: 'object',
      description:
        'In bad series-minutes (minutes, for an SLA over one series): allowed = (1 − target) × events',
      properties: {
        allowed: { type: 'number' },
        consumed: { type: 'number' },
        remaining: { type: 'number' },
        remainingPercent: nullableNumber,
      },
    },
    burnRates: {
      type: 'object',
      description: 'Bad share over the window ÷ (1 − target); null without events',
      properties: Object.fromEntries(burnWindows.map((w) => [w, nullableNumber])),
    },
    exhaustion: {
      type: 'object',
      description:
        'When the remaining budget runs out at the bad-minute rate of the last 1h / 6h; null if never',
      properties: {
        at1h: { type: 'string', format: 'date-time', nullable: true },
        at6h: { type: 'string', format: 'date-time', nullable: true },
      },
    },
    alerts: {
      type: 'array',
      description: 'Multiwindow burn-rate alerts (Google SRE workbook)',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', enum: BURN_ALERTS.map((a) => a.name) },
          severity: { type: 'string', enum: ['page', 'ticket'] },
          long: { type: 'string', enum: burnWindows },
          short: { type: 'string', enum: burnWindows },
          threshold: { type: 'number' },
          burnLong: nullableNumber,
          burnShort: nullableNumber,
          active: { type: 'boolean', description: 'Both windows at or above the threshold at `at`' },
          state: {
            type: 'string',
            enum: ['ok', 'pending', 'firing'],
            description: 'Pending until active for the SLA `for`, then firing; ok when not active',
          },
          since: {
            type: 'string',
            format: 'date-time',
            nullable: true,
            description: 'When the alert became active (pending or firing); null when ok',
          },
        },
      },
    },
    absent: { type: 'boolean', description: 'No series at all over the last `for` (at least 5 minutes)' },
    absentSince: {
      type: 'string',
      format: 'date-time',
      nullable: true,
      description: 'Since when the SLI has been absent; null when present',
    },
  },
} as const;

/**
 * GET /slas/:id/budget: the objective's compliance, error budget, burn rates, projected exhaustion and
 * burn-rate alerts as of the last counted minute, as the SLO counting run evaluated and stored them (one
 * primary-key read, no Prometheus): the alerts' pending and firing states exist only across those runs.
 */
export async function budgetRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  app.get(
    '/slas/:id/budget',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Error budget, burn rates and burn-rate alerts of the SLA objective',
        params: idParamsSchema,
        response: { 200: budgetReportSchema, ...problems(400, 401, 404, 409, 503) },
      },
    },
    async (req) => (await currentSloStatus(deps, req.params.id)).report,
  );
  await budgetHistoryRoute(app, deps);
}

const HOUR_MS = 60 * MINUTE_MS;

const historyQuerySchema = {
  type: 'object',
  properties: {
    hours: {
      type: 'integer',
      minimum: 1,
      maximum: 168,
      default: 24,
      description: 'How many past hours (each a point, as of its last minute)',
    },
  },
  additionalProperties: false,
} as const;

const historySchema = {
  type: 'object',
  properties: {
    objective: budgetReportSchema.properties.objective,
    points: {
      type: 'array',
      description: 'Oldest first; the last is the last whole hour counted',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time', description: 'The hour’s last minute' },
          remainingPercent: nullableNumber,
          consumed: { type: 'number' },
          allowed: { type: 'number' },
          burn1h: nullableNumber,
          burn6h: nullableNumber,
        },
      },
    },
  },
} as const;

/**
 * GET /slas/:id/budget/history: the remaining budget and the 1h/6h burn rates as of the end of each past hour (the
 * dashboard's budget and burn-rate charts), from the hourly sums of the counts: one indexed range read.
 */
async function budgetHistoryRoute(app: SlaApp, deps: SlaDeps): Promise<void> {
  app.get(
    '/slas/:id/budget/history',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Remaining error budget and burn rates at the end of each past hour',
        params: idParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: historySchema, ...problems(400, 401, 404, 409, 503) },
      },
    },
    async (req) => {
      const status = await currentSloStatus(deps, req.params.id);
      const { objective } = status.report;
      const lastHour = Math.floor((status.at.getTime() + MINUTE_MS) / HOUR_MS) * HOUR_MS - HOUR_MS;
      const fromHour = lastHour - (req.query.hours - 1) * HOUR_MS;
      const windowStart = objectiveWindow(objective.window, new Date(fromHour + HOUR_MS - MINUTE_MS)).start;
      const rows = await hoursBetween(
        deps.database.db,
        req.params.id,
        status.fingerprint,
        new Date(Math.min(windowStart.getTime(), fromHour - 5 * HOUR_MS)),
        new Date(lastHour),
      );
      return { objective, points: budgetHistory(objective, rows, fromHour, lastHour) };
    },
  );
}

/** The SLA's stored objective evaluation, if it is of the SLA as it is now; 409 without objective, else 503. */
export async function currentSloStatus(deps: SlaDeps, id: number): Promise<SloStatusRow> {
  const { sla, status } = await readSlaWithSloStatus(deps.database.db, id);
  const readiness = sloReadiness(sla, status);
  switch (readiness.kind) {
    case 'missing':
      throw slaNotFound(id);
    // The SLA exists but is in no state to answer this: 409, not the 404 of a missing SLA.
    case 'no-objective':
      throw new Conflict(`SLA ${id} has no objective (set one with PATCH /slas/${id})`);
    case 'counting':
      throw new Unavailable(`the minutes of SLA ${id} are being counted; ask again shortly`, 10);
    // The stored figures are of the old objective (target, window).
    case 'objective-changed':
      throw new Unavailable(`the objective of SLA ${id} changed; it is evaluated within a minute`, 60);
    case 'current':
      return readiness.status;
  }
}
