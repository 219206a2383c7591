import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { SlaDefinition } from '../../contracts/sla.ts';
import { sloMinutesWorkflowId } from '../../contracts/sla-workflow-id.ts';
import { sloTaskQueue } from '../../contracts/slo.ts';
import { slaFingerprint } from '../../sla/fingerprint.ts';
import type { sloMinutes } from '../../workflows/sla/index.ts';
import type { SlaDeps } from './deps.ts';

/**
 * After a write that leaves an SLA with an objective: starts the backfill of its per-minute counts over its whole
 * window, a workflow to watch in the Web UI (`slo-minutes-<id>-<fingerprint>`). The same selector and bounds
 * again attach to the existing execution (only a failed one runs anew). The write has succeeded either way: if
 * Temporal cannot be reached, the every-minute schedule catches the counts up a day per run, so this is logged,
 * not answered as an error.
 */
export async function startSloCounts(
  deps: SlaDeps,
  sla: SlaDefinition,
  log: FastifyBaseLogger,
): Promise<void> {
  if (!sla.objective) return;
  const workflowId = sloMinutesWorkflowId(sla.id, slaFingerprint(sla));
  try {
    await deps.temporal.workflow.start<typeof sloMinutes>('sloMinutes', {
      taskQueue: sloTaskQueue(deps.slaTaskQueue),
      workflowId,
      args: [{ slaId: sla.id }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    log.warn({ err, workflowId }, 'could not start the SLO backfill; the schedule will catch up');
  }
}
