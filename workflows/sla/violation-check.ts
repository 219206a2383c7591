import type { RetryPolicy } from '@temporalio/common';
import { proxyLocalActivities } from '@temporalio/workflow';
import type { SlaActivities } from '../../activities/sla/check.ts';
import { NON_RETRYABLE_TYPES } from '../../contracts/errors.ts';
import type { ViolationCheckInput, ViolationReport } from '../../contracts/sla.ts';
import { checkInput, violationCheckInputSchema } from '../inputs.ts';

/**
 * A caller is waiting (the REST API answers 503 after its own timeout), so retries are quick and few: enough to
 * ride out a Prometheus or MySQL blip, not an outage. Business failures (unknown SLA, bad input) never retry.
 */
const interactiveRetry: RetryPolicy = {
  initialInterval: '200ms',
  backoffCoefficient: 2,
  maximumInterval: '5s',
  maximumAttempts: 5,
  nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
};

/**
 * A local activity: it runs in the worker that runs the workflow task, with no activity task round trip through
 * the server (a regular activity costs two more persisted server steps, roughly doubling the check's latency).
 * It is short (one SQL read, a few small Prometheus queries) and returns a bounded report (the totals and one
 * page of series), which is what local activities suit; the Web UI shows it as a marker in the history rather
 * than as an activity task.
 */
const { checkViolations } = proxyLocalActivities<SlaActivities>({
  startToCloseTimeout: '30 seconds',
  retry: interactiveRetry,
});

/**
 * On-demand violation check of one SLA over a 1h, 3h or 12h window. Started by the REST API with the id
 * `violations-<sla id>-r<revision>-<window>-<minute>` (contracts/sla-workflow-id.ts), so identical requests share
 * one execution and its stored result; also startable by hand (`revision` optional):
 *   temporal workflow start --type violationCheck --task-queue vigil-sla \
 *     --input '{"slaId":1,"window":"12h","end":"2025-01-01T12:00:00.000Z"}'
 */
export async function violationCheck(input: ViolationCheckInput): Promise<ViolationReport> {
  return checkViolations(checkInput('violationCheck', violationCheckInputSchema, input));
}
