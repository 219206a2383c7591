import type { FastifyInstance } from 'fastify';
import { breachOf } from '../../../activities/sla/violations.ts';
import { labelFilter } from '../../../contracts/label-matchers.ts';
import { latestForecast, seriesOfMetric } from '../../../drizzle/repositories/forecast-read.ts';
import { getSla } from '../../../drizzle/repositories/slas.ts';
import { fromDb, type SlaDeps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { HORIZON, idParamsSchema, labelsSchema, problems } from '../schemas.ts';

/**
 * GET /slas/:id/forecast?horizon=10m: predicted violations from the latest stored Holt-Winters forecast of
 * each series the SLA selects (the pipeline forecasts the 10 minutes after each window, and the drain stores
 * them). The horizon counts from the forecast's last observed sample, not from now: `generatedFrom` says how
 * old the forecast is.
 */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { horizon: { type: 'string', pattern: HORIZON, default: '10m' } },
} as const;

/** Series of one metric examined for label matches; an SLA selecting more is better split. */
const MAX_CANDIDATES = 10_000;
const MAX_SERIES = 100;

const pointSchema = {
  type: 'object',
  properties: {
    at: { type: 'string' },
    value: { type: 'number' },
    breach: { type: 'string', nullable: true, enum: ['above_max', 'below_min', null] },
  },
} as const;

const responseSchema = {
  type: 'object',
  properties: {
    slaId: { type: 'integer' },
    revision: { type: 'integer' },
    horizon: { type: 'string' },
    firstBreachAt: {
      type: 'string',
      nullable: true,
      description: 'Earliest predicted breach over all series',
    },
    series: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          labels: labelsSchema,
          runId: { type: 'integer' },
          cycleId: { type: 'string' },
          generatedFrom: { type: 'string', description: 'The last observed sample the forecast continues' },
          model: {
            type: 'object',
            properties: {
              method: { type: 'string' },
              trend: { type: 'string', nullable: true },
              seasonal: { type: 'string', nullable: true },
              seasonalPeriods: { type: 'integer', nullable: true },
              damped: { type: 'boolean', nullable: true },
            },
          },
          points: { type: 'array', items: pointSchema },
          violations: { type: 'array', items: pointSchema },
          firstBreachAt: { type: 'string', nullable: true },
        },
      },
    },
  },
} as const;

export async function forecastRoutes(app: FastifyInstance, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;
  app.get<{ Params: { id: number }; Querystring: { horizon: string } }>(
    '/slas/:id/forecast',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Predicted violations within the horizon, from the latest stored forecast',
        params: idParamsSchema,
        querystring: querySchema,
        response: { 200: responseSchema, ...problems(400, 401, 404, 503) },
      },
    },
    async (req) => {
      const minutes = Number(req.query.horizon.slice(0, -1));
      const sla = await fromDb('get', () => getSla(db, req.params.id));
      if (!sla) throw new NotFound(`no SLA with id ${req.params.id}`);

      const candidates = await fromDb('series', () => seriesOfMetric(db, sla.metric, MAX_CANDIDATES));
      const selects = labelFilter(sla.matchers);
      const selected = candidates.filter((s) => selects(s.labels)).slice(0, MAX_SERIES);
      const series = [];
      for (const s of selected) {
        const forecast = await fromDb('forecast', () => latestForecast(db, s.id));
        if (!forecast) continue;
        const from = (forecast.lastSampleAt ?? forecast.windowEnd).getTime();
        const points = forecast.points
          .filter((p) => p.at.getTime() - from <= minutes * 60_000)
          .map((p) => ({ at: p.at.toISOString(), value: p.value, breach: breachOf(p.value, sla) }));
        const violations = points.filter((p) => p.breach !== null);
        series.push({
          labels: s.labels,
          runId: forecast.runId,
          cycleId: forecast.cycleId,
          generatedFrom: new Date(from).toISOString(),
          model: { method: 'holt_winters', ...forecast.model },
          points,
          violations,
          firstBreachAt: violations[0]?.at ?? null,
        });
      }
      const breaches = series.flatMap((s) => (s.firstBreachAt ? [s.firstBreachAt] : [])).sort();
      return {
        slaId: sla.id,
        revision: sla.revision,
        horizon: req.query.horizon,
        firstBreachAt: breaches[0] ?? null,
        series,
      };
    },
  );
}
