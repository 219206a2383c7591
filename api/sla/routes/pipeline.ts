import { deadLetterCounts } from '../../../drizzle/repositories/dead-letters.ts';
import { metricSummaries } from '../../../drizzle/repositories/series.ts';
import type { SlaDeps } from '../deps.ts';
import { Unavailable } from '../errors.ts';
import { problems } from '../schemas.ts';
import type { SlaApp } from '../typed-app.ts';

/**
 * GET /pipeline/overview: the ETL at a glance for the dashboard's pipeline page: the most recent pipeline cycles
 * (Temporal's visibility, newest first), the stored series per metric and the dead letters kept. Stage times
 * come from GET /etl/execution-time. A bounded answer: at most `cycles` workflows, one row per metric.
 */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { cycles: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
} as const;

const nullableString = { type: 'string', nullable: true } as const;

const responseSchema = {
  type: 'object',
  properties: {
    at: { type: 'string' },
    namespace: { type: 'string' },
    temporalUiUrl: { type: 'string', description: 'The Temporal Web UI the dashboard links to' },
    cycles: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          workflowId: { type: 'string' },
          runId: { type: 'string' },
          status: { type: 'string' },
          startTime: { type: 'string' },
          closeTime: nullableString,
        },
      },
    },
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          metric: { type: 'string' },
          seriesCount: { type: 'integer' },
          lastSeenAt: nullableString,
        },
      },
    },
    deadLetters: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        last24h: { type: 'integer', description: 'Received in the last 24 hours' },
      },
    },
  },
} as const;

export async function pipelineRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/pipeline/overview',
    {
      config: { access: 'read' },
      schema: {
        tags: ['etl'],
        summary: 'Recent pipeline cycles (Temporal), stored series per metric and dead letters',
        querystring: querySchema,
        response: { 200: responseSchema, ...problems(400, 401, 503) },
      },
    },
    async (req) => {
      const at = deps.now();
      const recentCycles = async () => {
        const out = [];
        try {
          for await (const w of deps.temporal.workflow.list({ query: "WorkflowType = 'pipelineCycle'" })) {
            out.push({
              workflowId: w.workflowId,
              runId: w.runId,
              status: w.status.name,
              startTime: w.startTime.toISOString(),
              closeTime: w.closeTime?.toISOString() ?? null,
            });
            if (out.length >= req.query.cycles) break;
          }
        } catch (err) {
          throw new Unavailable(`Temporal is unavailable: ${(err as Error).message}`);
        }
        return out;
      };
      const [cycles, metrics, dead] = await Promise.all([
        recentCycles(),
        metricSummaries(db),
        deadLetterCounts(db, new Date(at.getTime() - 86_400_000)),
      ]);
      return {
        at: at.toISOString(),
        namespace: deps.temporal.options.namespace,
        temporalUiUrl: deps.temporalUiUrl,
        cycles,
        metrics: metrics.map((m) => ({ ...m, lastSeenAt: m.lastSeenAt?.toISOString() ?? null })),
        deadLetters: { total: dead.total, last24h: dead.recent },
      };
    },
  );
}
