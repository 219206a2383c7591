import type { FastifyInstance } from 'fastify';
import { slaSamples } from '../../../activities/sla/samples.ts';
import { alertState, worstState } from '../../../activities/sla/violations.ts';
import { SLA_STEP_SECONDS } from '../../../contracts/sla.ts';
import { getSla } from '../../../drizzle/repositories/slas.ts';
import { fromDb, fromPrometheus, type SlaDeps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { MinuteCache } from '../minute-cache.ts';
import { idParamsSchema, labelsSchema, problems } from '../schemas.ts';

/** GET /slas/:id/status: the SLA's state now, evaluated like a Prometheus alerting rule with its `for`. */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { samples: { type: 'integer', minimum: 1, maximum: 60, default: 10 } },
} as const;

const nullableString = { type: 'string', nullable: true } as const;
const stateSchema = { type: 'string', enum: ['ok', 'pending', 'firing'] } as const;

const responseSchema = {
  type: 'object',
  properties: {
    slaId: { type: 'integer' },
    revision: { type: 'integer' },
    state: stateSchema,
    evaluatedAt: { type: 'string' },
    series: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          labels: labelsSchema,
          state: stateSchema,
          value: { type: 'number', nullable: true },
          at: nullableString,
          breach: { type: 'string', nullable: true, enum: ['above_max', 'below_min', null] },
          activeSince: nullableString,
          firingSince: nullableString,
          samples: {
            type: 'array',
            items: { type: 'object', properties: { t: { type: 'string' }, v: { type: 'number' } } },
          },
        },
      },
    },
  },
} as const;

/** Extra steps fetched beyond `for`, so a breach's start is seen even when it began just before `for` ago. */
const SLACK_STEPS = 15;

export async function statusRoutes(app: FastifyInstance, deps: SlaDeps): Promise<void> {
  const samplesCache = new MinuteCache<Awaited<ReturnType<typeof slaSamples>>>();
  app.get<{ Params: { id: number }; Querystring: { samples: number } }>(
    '/slas/:id/status',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Current value and state (ok | pending | firing) per series, with the last samples',
        params: idParamsSchema,
        querystring: querySchema,
        response: { 200: responseSchema, ...problems(400, 401, 404, 422, 503) },
      },
    },
    async (req) => {
      const sla = await fromDb('get', () => getSla(deps.database.db, req.params.id));
      if (!sla) throw new NotFound(`no SLA with id ${req.params.id}`);
      const stepMs = SLA_STEP_SECONDS * 1000;
      const end = new Date(Math.floor(deps.now().getTime() / stepMs) * stepMs);
      const span = Math.max(sla.forSeconds * 1000 + SLACK_STEPS * stepMs, req.query.samples * stepMs);
      const start = new Date(end.getTime() - span);
      // The SLA's revision is part of the key: an edited SLA is never answered from the old query.
      const key = `${sla.id}:${sla.revision}:${span}`;
      const sampled = await samplesCache.get(end.getTime(), key, () =>
        fromPrometheus(() =>
          slaSamples({
            prom: deps.prom,
            metric: sla.metric,
            matchers: sla.matchers,
            start,
            end,
            stepSeconds: SLA_STEP_SECONDS,
          }),
        ),
      );
      const series = sampled.map((s) => ({
        labels: s.labels,
        ...alertState(s.points, sla, SLA_STEP_SECONDS, sla.forSeconds),
        samples: s.points.slice(-req.query.samples).map((p) => ({ t: new Date(p.t).toISOString(), v: p.v })),
      }));
      return {
        slaId: sla.id,
        revision: sla.revision,
        state: worstState(series.map((s) => s.state)),
        evaluatedAt: end.toISOString(),
        series,
      };
    },
  );
}
