/**
 * Inputs, results and failure types shared by the storage activities and workflows. No imports: the workflow
 * bundle pulls this file into Temporal's sandbox.
 */

export interface DrainWorkflowInput {
  /** Kafka consumers to run at once; Temporal spreads them over the storage workers polling the task queue. */
  consumers: number;
  /** How long each run of the workflow lets its consumers drain before continuing as new. */
  leaseMs: number;
  /** A consumer whose worker has been silent this long is restarted on another worker. */
  heartbeatTimeoutMs: number;
}

export interface DrainActivityInput {
  /** Which of the workflow's parallel consumers this is (logs and Kafka client id). */
  slot: number;
  /** Epoch ms at which the activity stops on its own and completes (the same for every attempt). */
  leaseUntil: number;
}

/** What a drain consumer has stored so far. */
export interface DrainCounts {
  batches: number;
  records: number;
  runs: number;
  duplicates: number;
  deadLetters: number;
  rows: number;
}

export interface DrainSummary extends DrainCounts {
  slot: number;
}

export interface RetentionInput {
  /** Runs per series (and component) whose full component series stay. */
  componentRunsKept: number;
  /** Runs whose window ended longer ago than this go entirely; 0 or absent keeps them forever. */
  runMaxAgeMs?: number;
  /** Dead letters received longer ago than this go; 0 or absent keeps them forever. */
  deadLetterMaxAgeMs?: number;
}

export interface RetentionSummary {
  seriesScanned: number;
  componentRowsDeleted: number;
  runsDeleted: number;
  deadLettersDeleted: number;
}
