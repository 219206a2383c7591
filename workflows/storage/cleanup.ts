import { proxyActivities } from '@temporalio/workflow';
import type { StorageActivities } from '../../activities/storage/activities.ts';
import type { RetentionInput, RetentionSummary } from '../../contracts/storage.ts';
import { checkInput, retentionInputSchema } from '../inputs.ts';

const { enforceRetention } = proxyActivities<StorageActivities>({
  startToCloseTimeout: '30 minutes',
  // Heartbeats come after every range of series and every batch of deleted runs; each takes well under a minute.
  // A backlog longer than an attempt resumes from the last heartbeat; the next scheduled pass picks up the rest.
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 5,
  },
});

/**
 * One retention pass, started by the storage cleanup Schedule (overlap SKIP, so passes never pile up): drops the
 * full component series of all but the latest runs of every series, then runs and dead letters past their age.
 */
export async function storageCleanupWorkflow(input: RetentionInput): Promise<RetentionSummary> {
  return enforceRetention(checkInput('storageCleanupWorkflow', retentionInputSchema, input));
}
