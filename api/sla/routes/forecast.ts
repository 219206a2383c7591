import { parseDuration } from '../../../contracts/duration.ts';
import {
  forecastPointsOutside,
  latestForecastRuns,
  type StoredForecastRun,
} from '../../../drizzle/repositories/forecasts.ts';
import { forecastOfRuns } from '../../../drizzle/repositories/runs.ts';
import { seriesOfMetric } from '../../../drizzle/repositories/series.ts';
import { readSloStatus } from '../../../drizzle/repositories/slo-status.ts';
import { labelFilter } from '../../../prometheus/label-matchers.ts';
import { sloReadiness } from '../../../sla/slo-readiness.ts';
import { breachOf } from '../../../sla/violations.ts';
import type { SlaDeps } from '../deps.ts';
import { nextSchema, pageQueryProperties, restPage } from '../paging.ts';
import { HORIZON, idParamsSchema, labelsSchema, problems } from '../schemas.ts';
import { slaOr404 } from '../sla-lookup.ts';
import type { SlaApp } from '../typed-app.ts';

/**
 * GET /slas/:id/forecast?horizon=10m: predicted violations from the latest stored Holt-Winters forecast of
 * each series the SLA selects (the pipeline forecasts the 10 minutes after each window, and the drain stores
 * them). The horizon counts from the forecast's last observed sample, not from now: `generatedFrom` says how
 * old the forecast is. The SLA-wide answer (first breach, how many series breach, the worst) covers every
 * selected series; the per-series detail is paged by series id.
 */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    horizon: { type: 'string', pattern: HORIZON, default: '10m' },
    breaching: { type: 'boolean', default: false, description: 'List only the series predicted to breach' },
    ...pageQueryProperties,
  },
} as const;

const breachSchema = { type: 'string', nullable: true, enum: ['above_max', 'below_min', null] } as const;

const pointSchema = {
  type: 'object',
  properties: { at: { type: 'string' }, value: { type: 'number' }, breach: breachSchema },
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
    selectedSeries: { type: 'integer', description: 'Stored series the SLA selects' },
    forecastSeries: { type: 'integer', description: 'Of those, the ones with a stored forecast' },
    breachingSeries: {
      type: 'integer',
      description: 'Of those, the ones predicted to breach within the horizon',
    },
    worstSeries: {
      type: 'object',
      nullable: true,
      description: 'The series breaching first (the larger overshoot on a tie); null when none breaches',
      properties: {
        labels: labelsSchema,
        firstBreachAt: { type: 'string' },
        breach: breachSchema,
        overshoot: { type: 'number', description: 'Furthest predicted distance past a bound' },
      },
    },
    budgetCost: {
      type: 'object',
      nullable: true,
      description:
        'What the predicted breaches would cost the objective: one bad series-minute per forecast point outside ' +
        'the bounds within the horizon, against the error budget as last evaluated; null without an objective ' +
        'or while it is being (re)counted, when GET /slas/{id}/budget answers 503',
      properties: {
        badMinutes: { type: 'integer' },
        budgetPercent: {
          type: 'number',
          nullable: true,
          description: 'badMinutes as a share of the allowed bad minutes (null when none are allowed yet)',
        },
        remainingAfter: { type: 'number', description: 'The remaining budget once they are spent' },
        exhausts: { type: 'boolean', description: 'Whether they would spend the remaining budget' },
      },
    },
    total: { type: 'integer', description: 'Series listed over all pages' },
    next: nextSchema,
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

interface Candidate {
  labels: Record<string, string>;
  run: StoredForecastRun;
  from: number;
  firstBreach: { at: Date; breach: 'above_max' | 'below_min' } | null;
  overshoot: number;
  /** Forecast points outside the bounds within the horizon: predicted bad minutes of this series. */
  predictedBad: number;
}

export async function forecastRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/slas/:id/forecast',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Predicted violations within the horizon, from the latest stored forecast',
        params: idParamsSchema,
        querystring: querySchema,
        response: { 200: responseSchema, ...problems(400, 401, 404, 422, 503) },
      },
    },
    async (req) => {
      // HORIZON holds it to whole minutes from 1m to 1440m, so it always parses.
      const horizonMs = (parseDuration(req.query.horizon, { units: ['m'] }) ?? 0) * 1000;
      const sla = await slaOr404(db, req.params.id);

      const all = await seriesOfMetric(db, sla.metric);
      const selects = labelFilter(sla.matchers);
      const selected = all.filter((s) => selects(s.labels));
      const runs = await latestForecastRuns(
        db,
        selected.map((s) => s.id),
      );
      const outside = await forecastPointsOutside(
        db,
        runs.map((r) => r.runId),
        sla,
      );
      const labelsOf = new Map(selected.map((s) => [s.id, s.labels]));
      const candidates = new Map<number, Candidate>();
      for (const run of runs) {
        const from = (run.lastSampleAt ?? run.windowEnd).getTime();
        const labels = labelsOf.get(run.seriesId)!;
        candidates.set(run.runId, { labels, run, from, firstBreach: null, overshoot: 0, predictedBad: 0 });
      }
      // Points arrive by run and step, so the first one inside the horizon is the run's first breach.
      for (const p of outside) {
        const c = candidates.get(p.runId)!;
        if (p.at.getTime() - c.from > horizonMs) continue;
        const breach = breachOf(p.value, sla)!;
        c.firstBreach ??= { at: p.at, breach };
        c.predictedBad++;
        c.overshoot = Math.max(c.overshoot, breach === 'above_max' ? p.value - sla.max! : sla.min! - p.value);
      }
      const breaching = [...candidates.values()].filter((c) => c.firstBreach !== null);
      const worst = breaching.reduce<Candidate | undefined>((w, c) => {
        if (!w) return c;
        const d = c.firstBreach!.at.getTime() - w.firstBreach!.at.getTime();
        return d < 0 || (d === 0 && c.overshoot > w.overshoot) ? c : w;
      }, undefined);

      const listed = req.query.breaching ? breaching : [...candidates.values()];
      const { horizon, breaching: only } = req.query;
      const page = restPage(
        listed,
        (c) => [c.run.seriesId],
        [sla.id, sla.revision, horizon, only],
        req.query,
      );
      const points = await forecastOfRuns(
        db,
        page.items.map((c) => c.run.runId),
      );
      const pointsOf = new Map<number, typeof points>();
      for (const p of points) pointsOf.set(p.runId, [...(pointsOf.get(p.runId) ?? []), p]);
      const series = page.items.map((c) => {
        const inHorizon = (pointsOf.get(c.run.runId) ?? [])
          .filter((p) => p.at.getTime() - c.from <= horizonMs)
          .map((p) => ({ at: p.at.toISOString(), value: p.value, breach: breachOf(p.value, sla) }));
        const violations = inHorizon.filter((p) => p.breach !== null);
        return {
          labels: c.labels,
          runId: c.run.runId,
          cycleId: c.run.cycleId,
          generatedFrom: new Date(c.from).toISOString(),
          model: { method: 'holt_winters', ...c.run.model },
          points: inHorizon,
          violations,
          firstBreachAt: violations[0]?.at ?? null,
        };
      });
      // Costed only against an evaluation that answers for the SLA as it is now, as GET /slas/:id/budget.
      const readiness = sloReadiness(sla, sla.objective ? await readSloStatus(db, sla.id) : undefined);
      const badMinutes = breaching.reduce((n, c) => n + c.predictedBad, 0);
      const budget = readiness.kind === 'current' ? readiness.status.report.budget : undefined;
      return {
        slaId: sla.id,
        revision: sla.revision,
        horizon: req.query.horizon,
        firstBreachAt: worst?.firstBreach?.at.toISOString() ?? null,
        budgetCost: budget
          ? {
              badMinutes,
              budgetPercent: budget.allowed > 0 ? (100 * badMinutes) / budget.allowed : null,
              remainingAfter: budget.remaining - badMinutes,
              exhausts: badMinutes > 0 && budget.remaining - badMinutes < 0,
            }
          : null,
        selectedSeries: selected.length,
        forecastSeries: candidates.size,
        breachingSeries: breaching.length,
        worstSeries: worst
          ? {
              labels: worst.labels,
              firstBreachAt: worst.firstBreach!.at.toISOString(),
              breach: worst.firstBreach!.breach,
              overshoot: worst.overshoot,
            }
          : null,
        total: listed.length,
        next: page.next,
        series,
      };
    },
  );
}
