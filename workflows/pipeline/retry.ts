import type { RetryPolicy } from '@temporalio/common';
import { NON_RETRYABLE_TYPES } from '../../contracts/errors.ts';

/**
 * Infrastructure failures (Prometheus or Kafka down) are retried with backoff for about five minutes, long enough
 * to ride out a restart; business failures (bad config, unknown metric) are never retried.
 */
export const infraRetry: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  maximumAttempts: 12,
  nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
};
