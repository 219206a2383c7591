import { decodeFloat64 } from '../../../contracts/float64.ts';
import { SLA_STEP_SECONDS } from '../../../contracts/sla.ts';
import { latestForecastRuns } from '../../../drizzle/repositories/forecasts.ts';
import { componentsOfRuns, forecastOfRuns, selectRuns } from '../../../drizzle/repositories/runs.ts';
import { seriesOfMetric } from '../../../drizzle/repositories/series.ts';
import { samplesOf, seriesWithin } from '../../../prometheus/sla-samples.ts';
import { breachOf } from '../../../sla/violations.ts';
import { sampleTimes } from '../../retrieval/convert.ts';
import type { SlaDeps } from '../deps.ts';
import { nextSchema, pageQuery, restPage } from '../paging.ts';
import { idParamsSchema, labelsSchema, problems } from '../schemas.ts';
import { slaOr404 } from '../sla-lookup.ts';
import type { SlaApp } from '../typed-app.ts';

/**
 * GET /slas/:id/series?hours=12: what a chart of the SLA draws, per selected series: its samples over the last
 * hours (one per minute, from Prometheus), the Hodrick-Prescott trend of its latest stored run, and its latest
 * stored forecast (with its 95 % prediction interval when stored) and first predicted breach. Columnar arrays
 * (times in epoch seconds), the form a chart takes as is. Series are paged by key, at most 20 a page (each up to
 * 1,441 samples); a page costs one Prometheus query for the listing, one for the samples and a few chunked MySQL
 * reads, whatever its size.
 */

export const SERIES_PAGE_MAX = 20;

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    hours: { type: 'integer', minimum: 1, maximum: 24, default: 12, description: 'How far back, in hours' },
    ...pageQuery(SERIES_PAGE_MAX),
  },
} as const;

const times = { type: 'array', items: { type: 'integer' }, description: 'Epoch seconds' } as const;
const values = { type: 'array', items: { type: 'number' } } as const;
const nullableValues = { type: 'array', items: { type: 'number', nullable: true } } as const;

const responseSchema = {
  type: 'object',
  properties: {
    slaId: { type: 'integer' },
    revision: { type: 'integer' },
    min: { type: 'number', nullable: true },
    max: { type: 'number', nullable: true },
    start: { type: 'string' },
    end: { type: 'string' },
    stepSeconds: { type: 'integer' },
    total: { type: 'integer', description: 'Series with a sample in the range, over all pages' },
    next: nextSchema,
    series: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          labels: labelsSchema,
          samples: { type: 'object', properties: { t: times, v: values } },
          trend: {
            type: 'object',
            nullable: true,
            description:
              'Hodrick-Prescott trend of the latest stored run; null when none is stored, or when its window ' +
              'has gaps (its points then cannot be placed in time)',
            properties: {
              runId: { type: 'integer' },
              windowEnd: { type: 'string' },
              t: times,
              v: nullableValues,
            },
          },
          forecast: {
            type: 'object',
            nullable: true,
            description: 'The latest stored Holt-Winters forecast; null when none is stored',
            properties: {
              runId: { type: 'integer' },
              cycleId: { type: 'string' },
              generatedFrom: {
                type: 'string',
                description: 'The last observed sample the forecast continues',
              },
              t: times,
              v: values,
              lower: {
                ...values,
                nullable: true,
                description:
                  'Lower end of the 95 % prediction interval; null for forecasts stored without intervals',
              },
              upper: { ...values, nullable: true, description: 'Upper end of the 95 % prediction interval' },
              firstBreachAt: { type: 'string', nullable: true },
            },
          },
        },
      },
    },
  },
} as const;

const seconds = (d: Date) => Math.round(d.getTime() / 1000);

export async function seriesRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/slas/:id/series',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Recent samples, HP trend and latest forecast of each series (for charts)',
        params: idParamsSchema,
        querystring: querySchema,
        response: { 200: responseSchema, ...problems(400, 401, 404, 422, 503) },
      },
    },
    async (req) => {
      const sla = await slaOr404(db, req.params.id);
      const stepMs = SLA_STEP_SECONDS * 1000;
      const end = new Date(Math.floor(deps.now().getTime() / stepMs) * stepMs);
      const start = new Date(end.getTime() - req.query.hours * 3600_000);
      const sampling = {
        prom: deps.prom,
        metric: sla.metric,
        matchers: sla.matchers,
        start,
        end,
        stepSeconds: SLA_STEP_SECONDS,
      };
      const [listed, stored] = await Promise.all([seriesWithin(sampling), seriesOfMetric(db, sla.metric)]);
      const { hours, limit, next } = req.query;
      const page = restPage(listed, (s) => [s.key], [sla.id, sla.revision, hours], { limit, next });

      const keys = new Set(page.items.map((s) => s.key));
      const idOf = new Map(stored.filter((s) => keys.has(s.seriesKey)).map((s) => [s.seriesKey, s.id]));
      const ids = [...idOf.values()];
      const [samples, runs, forecastRuns] = await Promise.all([
        samplesOf(
          sampling,
          page.items.map((s) => s.labels),
        ),
        selectRuns(db, ids, { kind: 'latest' }, null, ids.length),
        latestForecastRuns(db, ids),
      ]);
      const [trends, points] = await Promise.all([
        componentsOfRuns(
          db,
          runs.map((r) => r.id),
          ['hp_trend'],
        ),
        forecastOfRuns(
          db,
          forecastRuns.map((r) => r.runId),
        ),
      ]);

      const samplesOfKey = new Map(samples.map((s) => [s.key, s.points]));
      const runOf = new Map(runs.map((r) => [r.seriesId, r]));
      const trendOf = new Map(trends.map((c) => [c.runId, decodeFloat64(c.data)]));
      const forecastRunOf = new Map(forecastRuns.map((r) => [r.seriesId, r]));
      const pointsOf = new Map<number, typeof points>();
      for (const p of points) {
        const list = pointsOf.get(p.runId);
        if (list) list.push(p);
        else pointsOf.set(p.runId, [p]);
      }

      const series = page.items.map(({ key, labels }) => {
        const id = idOf.get(key);
        const run = id === undefined ? undefined : runOf.get(id);
        const trendValues = run ? trendOf.get(run.id) : undefined;
        const timeOf = run && trendValues ? sampleTimes(run, trendValues.length) : null;
        const fRun = id === undefined ? undefined : forecastRunOf.get(id);
        const fPoints = fRun ? (pointsOf.get(fRun.runId) ?? []) : [];
        const breach = fPoints.find((p) => breachOf(p.value, sla) !== null);
        const banded = fPoints.length > 0 && fPoints.every((p) => p.lower95 !== null && p.upper95 !== null);
        const own = samplesOfKey.get(key) ?? [];
        return {
          key,
          labels,
          samples: { t: own.map((p) => p.t / 1000), v: own.map((p) => p.v) },
          trend:
            run && trendValues && timeOf
              ? {
                  runId: run.id,
                  windowEnd: run.windowEnd.toISOString(),
                  t: trendValues.map((_, i) => seconds(timeOf(i))),
                  v: trendValues,
                }
              : null,
          forecast: fRun
            ? {
                runId: fRun.runId,
                cycleId: fRun.cycleId,
                generatedFrom: (fRun.lastSampleAt ?? fRun.windowEnd).toISOString(),
                t: fPoints.map((p) => seconds(p.at)),
                v: fPoints.map((p) => p.value),
                // The chart draws the band between them; runs stored before intervals have none.
                lower: banded ? fPoints.map((p) => p.lower95!) : null,
                upper: banded ? fPoints.map((p) => p.upper95!) : null,
                firstBreachAt: breach ? breach.at.toISOString() : null,
              }
            : null,
        };
      });
      return {
        slaId: sla.id,
        revision: sla.revision,
        min: sla.min,
        max: sla.max,
        start: start.toISOString(),
        end: end.toISOString(),
        stepSeconds: SLA_STEP_SECONDS,
        total: listed.length,
        next: page.next,
        series,
      };
    },
  );
}
