import { parseDuration } from '../../../contracts/duration.ts';
import { prometheusFailure } from '../../../prometheus/client.ts';
import type { SlaDeps } from '../deps.ts';
import { Unprocessable } from '../errors.ts';
import { ETL_STEP_SECONDS, type EtlSample, etlQueries, etlRows } from '../etl-stats.ts';
import { ETL_WINDOW, problems } from '../schemas.ts';
import type { SlaApp } from '../typed-app.ts';

/** GET /etl/execution-time?window=12h: the pipeline's execution time from Prometheus, per metric and stage. */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { window: { type: 'string', pattern: ETL_WINDOW, default: '12h' } },
} as const;

const MAX_WINDOW_SECONDS = 30 * 86_400;

const seconds = { type: 'number', nullable: true } as const;
const responseSchema = {
  type: 'object',
  properties: {
    window: { type: 'string' },
    at: { type: 'string' },
    stages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          metric: { type: 'string' },
          stage: { type: 'string', description: 'fetch | analyze | publish, or cycle for the whole metric' },
          count: {
            type: 'integer',
            description: 'observations in the window (for stage=cycle: cycles), each counted',
          },
          meanSeconds: seconds,
          p95Seconds: seconds,
          maxSeconds: seconds,
        },
      },
    },
  },
} as const;

export async function etlRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  app.get(
    '/etl/execution-time',
    {
      config: { access: 'read' },
      schema: {
        tags: ['etl'],
        summary: 'ETL execution time: count, mean, p95 and max per metric and stage over the window',
        querystring: querySchema,
        response: { 200: responseSchema, ...problems(400, 401, 422, 503) },
      },
    },
    async (req) => {
      const { window } = req.query;
      // The schema's pattern (ETL_WINDOW) already holds it to 30 days; parsed by the one duration grammar.
      const span = parseDuration(window, { units: ['m', 'h', 'd'] });
      if (span === null || span > MAX_WINDOW_SECONDS) throw new Unprocessable('window must be at most 30d');
      const at = deps.now();
      // Evaluated at the next whole step: Prometheus aligns the per-step sums to whole steps, and the last one
      // must not end before the latest scrape.
      const step = ETL_STEP_SECONDS * 1000;
      const evaluatedAt = new Date(Math.ceil(at.getTime() / step) * step);
      const queries = etlQueries(window);
      const run = async (query: string): Promise<EtlSample[]> => {
        try {
          const r = await deps.prom.instantQuery(query, evaluatedAt);
          return r.result.map((s) => ({
            labels: s.metric.labels as Record<string, string>,
            value: (s.value as { value: number }).value,
          }));
        } catch (err) {
          throw prometheusFailure(err, 'querying the ETL histograms');
        }
      };
      const [count, sum, p95, max] = await Promise.all([
        run(queries.count),
        run(queries.sum),
        run(queries.p95),
        run(queries.max),
      ]);
      return { window, at: at.toISOString(), stages: etlRows({ count, sum, p95, max }) };
    },
  );
}
