import { ActivityFailure, continueAsNew, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { StorageActivities } from '../../activities/storage/activities.ts';
import type { DrainWorkflowInput } from '../../contracts/storage.ts';
import { checkInput, drainInputSchema } from '../inputs.ts';

/** Time after a lease for the batch in flight to finish and the consumer to leave the group. */
const LEASE_GRACE_MS = 5 * 60_000;
/** Wait after a non-retryable failure (e.g. migrations not applied) before trying again. */
const FAILURE_PAUSE = '1 minute';

/**
 * The storage drain's supervisor (docs/architecture.md, "Storage workflow"). Each run starts `consumers` drain
 * activities that share the topic's partitions through their Kafka consumer group, waits for their lease to
 * end, and continues as new, so the history stays a few dozen events however long the drain runs.
 *
 * A worker that dies (SIGKILL, lost host) stops heartbeating; after `heartbeatTimeoutMs` the server fails that
 * attempt and the retry policy starts it again on any storage worker, which resumes from the database's offsets.
 * Retries are unlimited: a drain must outlast any outage. A non-retryable failure (the storage is unusable as
 * configured) is logged, and the workflow pauses and starts over rather than ending, so the drain heals itself
 * once an operator fixes the cause.
 */
export async function storageDrainWorkflow(raw: DrainWorkflowInput): Promise<void> {
  const input = checkInput('storageDrainWorkflow', drainInputSchema, raw);
  const { drainPartitions } = proxyActivities<StorageActivities>({
    startToCloseTimeout: input.leaseMs + LEASE_GRACE_MS,
    heartbeatTimeout: input.heartbeatTimeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });
  const leaseUntil = Date.now() + input.leaseMs;
  const outcomes = await Promise.allSettled(
    Array.from({ length: input.consumers }, (_, slot) => drainPartitions({ slot, leaseUntil })),
  );
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  if (failures.length > 0) {
    for (const f of failures) {
      const cause = f instanceof ActivityFailure ? f.cause : f;
      log.error('drain consumer failed', { error: cause instanceof Error ? cause.message : String(cause) });
    }
    await sleep(FAILURE_PAUSE);
  }
  await continueAsNew<typeof storageDrainWorkflow>(input);
}
