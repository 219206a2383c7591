import { WorkflowFailedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { failureType } from '../../../contracts/cause-chain.ts';
import {
  SLA_WINDOWS,
  type SlaWindow,
  VIOLATION_PAGE_MAX,
  type ViolationCheckInput,
  type ViolationReport,
} from '../../../contracts/sla.ts';
import { violationWorkflowId } from '../../../contracts/sla-workflow-id.ts';
import { getSla } from '../../../drizzle/repositories/slas.ts';
import { violationCheckDuration } from '../../../observability/rest-metrics.ts';
import type { violationCheck } from '../../../workflows/sla/index.ts';
import { fromDb, type SlaDeps } from '../deps.ts';
import { NotFound, Unavailable, Unprocessable } from '../errors.ts';
import { invalidCursor, nextSchema, pageQuery } from '../paging.ts';
import { idParamsSchema, labelsSchema, MINUTE_INSTANT, problems } from '../schemas.ts';

/**
 * GET /slas/:id/violations: past violations over 1h, 3h or 12h, computed by the on-demand `violationCheck`
 * workflow on the SLA worker. The workflow id is `violations-<sla id>-<window>-<minute>`, started with conflict
 * policy USE_EXISTING, so identical requests while one is running attach to it instead of starting another.
 * The totals cover every series the SLA selects; the series are listed worst first (most violating samples),
 * a page at a time (`limit`, `next`), each page its own small workflow result.
 */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['window'],
  properties: {
    window: { type: 'string', enum: Object.keys(SLA_WINDOWS) },
    end: {
      type: 'string',
      pattern: MINUTE_INSTANT,
      description: 'The window end on a whole minute (UTC), not in the future; default: the current minute',
    },
    ...pageQuery(VIOLATION_PAGE_MAX),
  },
} as const;

const countsSchema = {
  type: 'object',
  properties: { samples: { type: 'integer' }, minutes: { type: 'integer' } },
} as const;

const intervalSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['above_max', 'below_min'] },
    start: { type: 'string' },
    end: { type: 'string', description: 'One step after the last violating sample' },
    durationSeconds: { type: 'integer' },
    samples: { type: 'integer' },
    extreme: { type: 'number' },
    overshoot: { type: 'number' },
    fired: { type: 'boolean', description: 'Whether the breach lasted the SLA’s `for`' },
    firingSince: { type: 'string', nullable: true },
  },
} as const;

const responseSchema = {
  type: 'object',
  properties: {
    slaId: { type: 'integer' },
    revision: { type: 'integer' },
    window: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    stepSeconds: { type: 'integer' },
    workflowId: { type: 'string' },
    runId: { type: 'string' },
    total: { type: 'integer', description: 'Series over all pages' },
    next: nextSchema,
    series: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          labels: labelsSchema,
          samples: { type: 'integer' },
          violatingSamples: { type: 'integer' },
          violatingMinutes: { type: 'integer' },
          aboveMax: countsSchema,
          belowMin: countsSchema,
          intervals: { type: 'array', items: intervalSchema },
        },
      },
    },
    totals: {
      type: 'object',
      description: 'Over every series the SLA selects',
      properties: {
        series: { type: 'integer' },
        violatingSeries: { type: 'integer' },
        samples: { type: 'integer' },
        violatingSamples: { type: 'integer' },
        violatingMinutes: { type: 'integer' },
        aboveMax: countsSchema,
        belowMin: countsSchema,
        intervals: { type: 'integer' },
        firedIntervals: { type: 'integer' },
      },
    },
  },
} as const;

class CheckTimedOut extends Error {
  override readonly name = 'CheckTimedOut';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimedOut()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function violationRoutes(app: FastifyInstance, deps: SlaDeps): Promise<void> {
  app.get<{
    Params: { id: number };
    Querystring: { window: SlaWindow; end?: string; limit: number; next?: string };
  }>(
    '/slas/:id/violations',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary:
          'Violations over the last 1h, 3h or 12h of 1-minute samples (an on-demand Temporal workflow)',
        params: idParamsSchema,
        querystring: querySchema,
        response: { 200: responseSchema, ...problems(400, 401, 404, 422, 503) },
      },
    },
    async (req, reply) => {
      const now = deps.now().getTime();
      const end = req.query.end ? Date.parse(req.query.end) : Math.floor(now / 60_000) * 60_000;
      if (end > now) throw new Unprocessable(`end ${req.query.end} is in the future`);
      const sla = await fromDb('get', () => getSla(deps.database.db, req.params.id));
      if (!sla) throw new NotFound(`no SLA with id ${req.params.id}`);

      const input: ViolationCheckInput = {
        slaId: sla.id,
        window: req.query.window,
        end: new Date(end).toISOString(),
        limit: req.query.limit,
        ...(req.query.next ? { next: req.query.next } : {}),
      };
      const workflowId = violationWorkflowId(input);
      const started = performance.now();
      let outcome = 'ok';
      try {
        const handle = await deps.temporal.workflow.start<typeof violationCheck>('violationCheck', {
          taskQueue: deps.slaTaskQueue,
          workflowId,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A finished check of the same minute may be rerun: the SLA may have changed since.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
          workflowExecutionTimeout: '2 minutes',
          memo: { sla: sla.name },
        });
        const report: ViolationReport = await withTimeout(handle.result(), deps.checkTimeoutMs);
        reply.header('x-workflow-id', workflowId);
        return { ...report, workflowId, runId: handle.firstExecutionRunId };
      } catch (err) {
        outcome = 'error';
        if (err instanceof CheckTimedOut) {
          outcome = 'timeout';
          throw new Unavailable(
            `violation check ${workflowId} is still running after ${deps.checkTimeoutMs} ms; ask again`,
            2,
            { workflowId },
          );
        }
        if (err instanceof WorkflowFailedError) {
          const type = failureType(err);
          if (type === 'NOT_FOUND') throw new NotFound(`no SLA with id ${req.params.id}`);
          // The route checked everything else it sends; only a cursor is judged by the check itself.
          if (type === 'INVALID_INPUT') throw invalidCursor();
          if (type === 'PROMETHEUS_QUERY_FAILED') throw new Unprocessable(String(err.cause?.message));
          throw new Unavailable(`violation check ${workflowId} failed: ${err.cause?.message ?? err.message}`);
        }
        throw new Unavailable(`Temporal is unavailable: ${(err as Error).message}`);
      } finally {
        violationCheckDuration.observe(
          { window: req.query.window, outcome },
          (performance.now() - started) / 1000,
        );
      }
    },
  );
}
