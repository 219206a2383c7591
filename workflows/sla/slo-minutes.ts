import { proxyActivities } from '@temporalio/workflow';
import type { NotifyActivities } from '../../activities/sla/notify.ts';
import type { SloActivities } from '../../activities/sla/slo-minutes.ts';
import { NON_RETRYABLE_TYPES } from '../../contracts/errors.ts';
import type { SloMinutesInput, SloMinutesSummary } from '../../contracts/slo.ts';
import { checkInput, sloMinutesInputSchema } from '../inputs.ts';

/**
 * Counting is long for a backfill (6 hours of minutes per Prometheus query, up to a month), so the activity
 * heartbeats after every query and a stalled worker is replaced within a minute. Outages retry with backoff for
 * about ten minutes; the next scheduled run catches up whatever is still missing.
 */
const { refreshSloMinutes } = proxyActivities<SloActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 15,
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
});

/**
 * Delivery is short and retried by the next run anyway: a few attempts, then the outbox keeps what is due.
 */
const { deliverNotifications } = proxyActivities<NotifyActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '10s',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
});

/**
 * Per-minute good/bad counts of SLA objectives, up to the last whole minute. Every minute, by the SLA worker's
 * schedule, for every SLA with an objective; and for one SLA (`slaId`), its whole window, started by the REST API
 * as `slo-minutes-<sla id>-<fingerprint>` when the SLA gets an objective or its selector or bounds change. Each
 * evaluation queues the notifications of the alert changes it made, and every run then delivers what is due. Runs on
 * the SLO queue (the SLA queue's name + `-slo`):
 *   temporal workflow start --type sloMinutes --task-queue vigil-sla-slo --input '{"slaId":1}'
 */
export async function sloMinutes(input: SloMinutesInput = {}): Promise<SloMinutesSummary> {
  const summary = await refreshSloMinutes(checkInput('sloMinutes', sloMinutesInputSchema, input));
  // Then what the evaluations queued is sent (a backfill's at once: an SLO burning when created pages now).
  summary.notifications = await deliverNotifications();
  return summary;
}
