import { ApplicationFailure } from '@temporalio/common';

/**
 * The closed set of failures Vigil's activities raise, each saying whether Temporal should retry it.
 * Business errors (bad configuration, unknown metric, invalid data) are non-retryable: retrying cannot fix them.
 * Infrastructure errors (a server down or slow) are retryable under the activity's retry policy.
 */
export const VIGIL_ERRORS = {
  CONFIG_INVALID: { retryable: false },
  UNKNOWN_METRIC: { retryable: false },
  INVALID_INPUT: { retryable: false },
  NOT_FOUND: { retryable: false },
  /** The SLA is no longer at the revision the caller asked about; the caller reads it again and asks anew. */
  REVISION_CHANGED: { retryable: false },
  PROMETHEUS_UNAVAILABLE: { retryable: true },
  PROMETHEUS_QUERY_FAILED: { retryable: false },
  KAFKA_UNAVAILABLE: { retryable: true },
  /** One series' message exceeds the topic's max.message.bytes even compressed: its size will not change. */
  MESSAGE_TOO_LARGE: { retryable: false },
  DATABASE_UNAVAILABLE: { retryable: true },
  /** The worker running a long activity is shutting down; the retry runs on a worker that stays. */
  WORKER_SHUTDOWN: { retryable: true },
} as const;

export type VigilErrorCode = keyof typeof VIGIL_ERRORS;

/** An ApplicationFailure whose `type` is the code, so workflows and the Web UI show a stable reason. */
export function vigilFailure(code: VigilErrorCode, message: string, cause?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type: code,
    message,
    nonRetryable: !VIGIL_ERRORS[code].retryable,
    cause: cause instanceof Error ? cause : undefined,
  });
}

/** Every code's failure type, for retry policies that must never retry business errors. */
export const NON_RETRYABLE_TYPES = Object.entries(VIGIL_ERRORS)
  .filter(([, v]) => !v.retryable)
  .map(([k]) => k);
