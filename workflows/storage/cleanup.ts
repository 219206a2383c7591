import { proxyActivities } from '@temporalio/workflow';
import type { StorageActivities } from '../../activities/storage/activities.ts';
import type { RetentionInput, RetentionSummary } from '../../activities/storage/contract.ts';

const { enforceRetention } = proxyActivities<StorageActivities>({
  startToCloseTimeout: '30 minutes',
  // Heartbeats come after every range of series; a range takes well under a minute.
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
 * full component series of all but the latest runs of every series.
 */
export async function storageCleanupWorkflow(input: RetentionInput): Promise<RetentionSummary> {
  return enforceRetention(input);
}
