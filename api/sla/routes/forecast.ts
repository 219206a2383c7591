import { bandBreachProbability } from '../../../analytics/forecast/band-breach.ts';
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
 * GET /slas/:id/forecast?horizon=10m: predicted violations from the latest stored forecast of each series the
 * SLA selects (the pipeline forecasts the 10 minutes after each window with the model it chose, with 80/95 %
 * intervals, and the drain stores them); breach probabilities from the stored 95 % band (band-breach.ts). The horizon counts from the forecast's last observed sample, not from now: `generatedFrom` says how
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

const bound = (description: string) => ({ type: 'number', nullable: true, description }) as const;
const probability = (description: string) =>
  ({ type: 'number', nullable: true, minimum: 0, maximum: 1, description }) as const;

const pointSchema = {
  type: 'object',
  properties: {
    at: { type: 'string' },
    value: { type: 'number', description: "The chosen model's point forecast" },
    breach: breachSchema,
    lower80: bound('Lower end of the 80 % prediction interval; null for forecasts stored without intervals'),
    upper80: bound('Upper end of the 80 % prediction interval'),
    lower95: bound('Lower end of the 95 % prediction interval'),
    upper95: bound('Upper end of the 95 % prediction interval'),
    breachProbability: probability(
      'Probability that this minute is outside the bounds, by the normal approximation N(value, σ²) with ' +
        'σ = (upper95 − lower95) / (2 × 1.96): exact for the models with analytic intervals, approximate for the ' +
        'simulated ones; null without intervals',
    ),
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
          choice: {
            type: 'object',
            nullable: true,
            description:
              'The model the pipeline chose for this series (ranked by backtest MASE every K cycles); null for ' +
              'forecasts stored before model choice',
            properties: {
              model: { type: 'string' },
              period: {
                type: 'integer',
                nullable: true,
                description:
                  'Seasonal period the model ran with; null: none (none found, or none configured)',
              },
              periodSource: { type: 'string', nullable: true, enum: ['auto', 'configured', null] },
              mase: {
                type: 'number',
                nullable: true,
                description: 'Backtest MASE; null when configured, not ranked',
              },
              runnerUp: {
                type: 'object',
                nullable: true,
                properties: { model: { type: 'string' }, mase: { type: 'number', nullable: true } },
              },
              intervalMethod: { type: 'string', nullable: true, enum: ['analytic', 'simulated', null] },
              anomaly: {
                type: 'boolean',
                nullable: true,
                description:
                  "Whether the latest sample was outside the previous run's 95 % band for its minute; null when no " +
                  'band covered it',
              },
            },
          },
          points: { type: 'array', items: pointSchema },
          violations: { type: 'array', items: pointSchema },
          firstBreachAt: { type: 'string', nullable: true },
          breachProbability: probability(
            'Probability of at least one breach within the horizon, from the per-minute probabilities as ' +
              '1 − Π(1 − p): exact for independent minutes; forecast errors of neighbouring minutes are ' +
              'positively correlated, which for one bound makes this an upper bound (Slepian 1962). Null without ' +
              'intervals',
          ),
          breachProbabilityAtLeast: probability(
            'The largest per-minute probability: a lower bound on breachProbability under any dependence',
          ),
          expectedFirstBreachAt: {
            type: 'string',
            nullable: true,
            description:
              'Expected time of the first breach given one within the horizon (minutes taken as independent, as ' +
              'breachProbability); null without intervals or when no breach has a positive probability',
          },
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
        const stored = (pointsOf.get(c.run.runId) ?? []).filter((p) => p.at.getTime() - c.from <= horizonMs);
        const banded = stored.length > 0 && stored.every((p) => p.lower95 !== null && p.upper95 !== null);
        const odds = banded
          ? bandBreachProbability(
              stored.map((p) => ({ mean: p.value, lower95: p.lower95!, upper95: p.upper95! })),
              { lower: sla.min, upper: sla.max },
            )
          : null;
        const inHorizon = stored.map((p, k) => ({
          at: p.at.toISOString(),
          value: p.value,
          breach: breachOf(p.value, sla),
          lower80: p.lower80,
          upper80: p.upper80,
          lower95: p.lower95,
          upper95: p.upper95,
          breachProbability: odds ? odds.perStep[k]! : null,
        }));
        const violations = inHorizon.filter((p) => p.breach !== null);
        // Step k lies k steps after the last sample; the first point says how long a step is.
        const stepMs = stored[0] ? stored[0].at.getTime() - c.from : 0;
        const expected = odds?.expectedFirstBreachStep;
        const choice = c.run.choice;
        return {
          labels: c.labels,
          runId: c.run.runId,
          cycleId: c.run.cycleId,
          generatedFrom: new Date(c.from).toISOString(),
          model: { method: 'holt_winters', ...c.run.model },
          choice: choice && {
            model: choice.model,
            period: choice.period,
            periodSource: choice.periodSource,
            mase: choice.mase,
            runnerUp: choice.runnerUp,
            intervalMethod: choice.method,
            anomaly: choice.anomaly,
          },
          points: inHorizon,
          violations,
          firstBreachAt: violations[0]?.at ?? null,
          breachProbability: odds?.horizon ?? null,
          breachProbabilityAtLeast: odds?.horizonAtLeast ?? null,
          expectedFirstBreachAt:
            expected == null ? null : new Date(Math.round(c.from + expected * stepMs)).toISOString(),
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
