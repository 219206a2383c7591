import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { failureType } from '../../../contracts/cause-chain.ts';
import { formatDuration } from '../../../contracts/duration.ts';
import {
  SLA_WINDOWS,
  type SlaWindow,
  VIOLATION_PAGE_MAX,
  type ViolationCheckInput,
  type ViolationReport,
} from '../../../contracts/sla.ts';
import { violationWorkflowId } from '../../../contracts/sla-workflow-id.ts';
import { violationCheckDuration } from '../../../observability/rest-metrics.ts';
import type { violationCheck } from '../../../workflows/sla/index.ts';
import type { SlaDeps } from '../deps.ts';
import { Unavailable, Unprocessable } from '../errors.ts';
import { invalidCursor, nextSchema, pageQuery } from '../paging.ts';
import { idParamsSchema, labelsSchema, MINUTE_INSTANT, problems } from '../schemas.ts';
import { slaNotFound, slaOr404 } from '../sla-lookup.ts';
import type { SlaApp } from '../typed-app.ts';

/**
 * GET /slas/:id/violations: past violations over 1h, 3h or 12h, computed by the on-demand `violationCheck`
 * workflow on the SLA worker. The totals cover every series the SLA selects; the series are listed worst first
 * (most violating samples), a page at a time (`limit`, `next`), each page its own small workflow result.
 *
 * Reads are open to anonymous clients, so what one read may cost Temporal is bounded:
 * - The workflow id is `violations-<sla id>-r<revision>-<window>-<minute>`: an identical request attaches to the
 *   running check (conflict policy USE_EXISTING) or is answered from the finished one's stored result (reuse
 *   policy ALLOW_DUPLICATE_FAILED_ONLY: only a failed check runs again). A new revision of the SLA is a new id.
 * - `end` may not lie further back than Prometheus keeps data (VIGIL_REST_CHECK_MAX_AGE).
 * - At most VIGIL_REST_CHECKS_IN_FLIGHT checks are awaited at once per process; past that, 503 + Retry-After.
 */

const querySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['window'],
  properties: {
    window: { type: 'string', enum: Object.keys(SLA_WINDOWS) as SlaWindow[] },
    end: {
      type: 'string',
      pattern: MINUTE_INSTANT,
      description:
        'The window end on a whole minute (UTC), not in the future nor older than the data Prometheus keeps ' +
        '(VIGIL_REST_CHECK_MAX_AGE, 30d by default); default: the current minute',
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
    reused: {
      type: 'boolean',
      description: 'Answered from an earlier identical check (same SLA revision, window, end and page)',
    },
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

/**
 * Starts the check, or finds the identical one: running (attached to) or completed (its stored result is the
 * answer). Only a completed check's start is refused, so `reused` is exactly "its result was already there".
 */
async function startOrReuse(
  temporal: Client,
  taskQueue: string,
  workflowId: string,
  input: ViolationCheckInput,
  slaName: string,
) {
  try {
    const handle = await temporal.workflow.start<typeof violationCheck>('violationCheck', {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      workflowExecutionTimeout: '2 minutes',
      memo: { sla: slaName },
    });
    return { handle, runId: handle.firstExecutionRunId, reused: false };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const handle = temporal.workflow.getHandle<typeof violationCheck>(workflowId);
    return { handle, runId: (await handle.describe()).runId, reused: true };
  }
}

export async function violationRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  let inFlight = 0;
  app.get(
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
      if (end < now - deps.checkMaxAgeMs) {
        throw new Unprocessable(
          `end ${req.query.end} is older than the ${formatDuration(deps.checkMaxAgeMs / 1000)} of data Prometheus keeps`,
        );
      }
      const sla = await slaOr404(deps.database.db, req.params.id);
      if (inFlight >= deps.checksInFlight) {
        throw new Unavailable(`${inFlight} violation checks are already running here; ask again shortly`, 1);
      }

      const input: ViolationCheckInput = {
        slaId: sla.id,
        revision: sla.revision,
        window: req.query.window,
        end: new Date(end).toISOString(),
        limit: req.query.limit,
        ...(req.query.next ? { next: req.query.next } : {}),
      };
      const workflowId = violationWorkflowId(input);
      const started = performance.now();
      let outcome = 'ok';
      inFlight++;
      try {
        const check = await startOrReuse(deps.temporal, deps.slaTaskQueue, workflowId, input, sla.name);
        if (check.reused) outcome = 'reused';
        const report: ViolationReport = await withTimeout(check.handle.result(), deps.checkTimeoutMs);
        reply.header('x-workflow-id', workflowId);
        return { ...report, workflowId, runId: check.runId, reused: check.reused };
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
          if (type === 'NOT_FOUND') throw slaNotFound(req.params.id);
          // The SLA changed between our read and the check's: the client asks again and gets the new revision.
          if (type === 'REVISION_CHANGED') throw new Unavailable(`SLA ${sla.id} changed during the check`, 1);
          // The route checked everything else it sends; only a cursor is judged by the check itself.
          if (type === 'INVALID_INPUT') throw invalidCursor();
          if (type === 'PROMETHEUS_QUERY_FAILED') throw new Unprocessable(String(err.cause?.message));
          throw new Unavailable(`violation check ${workflowId} failed: ${err.cause?.message ?? err.message}`);
        }
        throw new Unavailable(`Temporal is unavailable: ${(err as Error).message}`);
      } finally {
        inFlight--;
        violationCheckDuration.observe(
          { window: req.query.window, outcome },
          (performance.now() - started) / 1000,
        );
      }
    },
  );
}
