import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from './metrics-server.ts';

/** The storage drain's self-metrics, served by the storage worker's /metrics. */

export const messagesConsumed = new Counter({
  name: 'vigil_storage_messages_total',
  help: 'Kafka records the drain handled, by outcome: stored, duplicate (message id already stored), dead_lettered',
  labelNames: ['outcome'],
  registers: [registry],
});

export const rowsStored = new Counter({
  name: 'vigil_storage_rows_total',
  help: 'Rows written to result tables (runs, their results, dead letters)',
  registers: [registry],
});

export const deadLettersStored = new Counter({
  name: 'vigil_storage_dead_letters_total',
  help: 'Records written to the dead-letter table, by reason',
  labelNames: ['reason'],
  registers: [registry],
});

export const batchDuration = new Histogram({
  name: 'vigil_storage_batch_duration_seconds',
  help: 'Decode, map and store one Kafka batch in one transaction, retries included',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});

export const batchRetries = new Counter({
  name: 'vigil_storage_batch_retries_total',
  help: 'Batch transactions retried after a transient database error, by error code',
  labelNames: ['code'],
  registers: [registry],
});

export const consumerLag = new Gauge({
  name: 'vigil_storage_consumer_lag',
  help: "Records behind the partition's high watermark after the latest stored batch",
  labelNames: ['topic', 'partition'],
  registers: [registry],
});

export const retentionDeleted = new Counter({
  name: 'vigil_storage_retention_deleted_total',
  help: 'Component series rows removed by the retention cleanup',
  registers: [registry],
});

export const retentionRunsDeleted = new Counter({
  name: 'vigil_storage_retention_runs_deleted_total',
  help: 'Analysis runs (with all their results) removed by the retention cleanup for their age',
  registers: [registry],
});

export const retentionDeadLettersDeleted = new Counter({
  name: 'vigil_storage_retention_dead_letters_deleted_total',
  help: 'Dead letters removed by the retention cleanup for their age',
  registers: [registry],
});
