import { SLA_STEP_SECONDS, type SlaState } from '../../../contracts/sla.ts';
import { breachingSamples, currentValues, samplesOf } from '../../../prometheus/sla-samples.ts';
import { type AlertState, alertState, breachOf, worstState } from '../../../sla/violations.ts';
import type { SlaDeps } from '../deps.ts';
import { MinuteCache } from '../minute-cache.ts';
import { nextSchema, pageQueryProperties, restPage } from '../paging.ts';
import { idParamsSchema, labelsSchema, problems } from '../schemas.ts';
import { slaOr404 } from '../sla-lookup.ts';
import type { SlaApp } from '../typed-app.ts';

/**
 * GET /slas/:id/status: the SLA's state now, evaluated like a Prometheus alerting rule with its `for`, over every
 * series the SLA selects (a series without a sample in the last 5 minutes is not evaluated, as a rule resolves
 * it). Two queries whatever the number of series: each series' current value, and the samples outside the bounds
 * over `for` (only breaching series have any; a breach's start and firing follow from them). The per-series
 * detail is paged, firing first, then pending, then ok; only the page's series have their last samples read.
 */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    samples: { type: 'integer', minimum: 1, maximum: 60, default: 10 },
    ...pageQueryProperties,
  },
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
    counts: {
      type: 'object',
      description: 'Series per state, over every series',
      properties: { ok: { type: 'integer' }, pending: { type: 'integer' }, firing: { type: 'integer' } },
    },
    total: { type: 'integer', description: 'Series over all pages' },
    next: nextSchema,
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

const RANK: Record<SlaState, number> = { firing: 0, pending: 1, ok: 2 };

interface Evaluated extends AlertState {
  key: string;
  labels: Record<string, string>;
}

export async function statusRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const evaluations = new MinuteCache<Evaluated[]>();
  app.get(
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
      const sla = await slaOr404(deps.database.db, req.params.id);
      const stepMs = SLA_STEP_SECONDS * 1000;
      const end = new Date(Math.floor(deps.now().getTime() / stepMs) * stepMs);
      const span = sla.forSeconds * 1000 + SLACK_STEPS * stepMs;
      const sampling = {
        prom: deps.prom,
        metric: sla.metric,
        matchers: sla.matchers,
        start: new Date(end.getTime() - span),
        end,
        stepSeconds: SLA_STEP_SECONDS,
      };
      // The SLA's revision is part of the key: an edited SLA is never answered from the old queries.
      const evaluated = await evaluations.get(end.getTime(), `${sla.id}:${sla.revision}`, async () => {
        const [now, breaching] = await Promise.all([
          currentValues(sampling, end),
          breachingSamples(sampling, sla),
        ]);
        const breachesOf = new Map(breaching.map((s) => [s.key, s.points]));
        return now.map((c) => {
          const points = breachOf(c.v, sla) ? (breachesOf.get(c.key) ?? []) : [{ t: end.getTime(), v: c.v }];
          return {
            key: c.key,
            labels: c.labels,
            ...alertState(points, sla, SLA_STEP_SECONDS, sla.forSeconds),
          };
        });
      });
      const { limit, next, samples } = req.query;
      const page = restPage(evaluated, (s) => [RANK[s.state], s.key], [sla.id, sla.revision], {
        limit,
        next,
      });
      const recent = await samplesOf(
        { ...sampling, start: new Date(end.getTime() - (samples - 1) * stepMs) },
        page.items.map((s) => s.labels),
      );
      const recentOf = new Map(recent.map((s) => [s.key, s.points]));
      const counts = { ok: 0, pending: 0, firing: 0 };
      for (const s of evaluated) counts[s.state]++;
      return {
        slaId: sla.id,
        revision: sla.revision,
        state: worstState(evaluated.map((s) => s.state)),
        evaluatedAt: end.toISOString(),
        counts,
        total: evaluated.length,
        next: page.next,
        series: page.items.map(({ key, ...s }) => ({
          ...s,
          samples: (recentOf.get(key) ?? []).map((p) => ({ t: new Date(p.t).toISOString(), v: p.v })),
        })),
      };
    },
  );
}
