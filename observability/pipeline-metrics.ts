import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from './metrics-server.ts';

/**
 * The pipeline's self-metrics. `vigil_pipeline_stage_duration_seconds` is what the SLA manager's
 * "ETL execution time" reads back from Prometheus, per metric and stage.
 */
const buckets = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export const cycleDuration = new Histogram({
  name: 'vigil_pipeline_cycle_duration_seconds',
  help: 'Wall time of one metric within one pipeline cycle (fetch + analyze + publish of all its series)',
  labelNames: ['metric'],
  buckets,
  registers: [registry],
});

export const stageDuration = new Histogram({
  name: 'vigil_pipeline_stage_duration_seconds',
  help: 'Time spent per stage (fetch, analyze, publish) for one batch of series of a metric',
  labelNames: ['metric', 'stage'],
  buckets,
  registers: [registry],
});

export const seriesAnalyzed = new Counter({
  name: 'vigil_pipeline_series_analyzed_total',
  help: 'Series analyzed and published',
  labelNames: ['metric'],
  registers: [registry],
});

export const analysisErrors = new Counter({
  name: 'vigil_pipeline_analysis_errors_total',
  help: 'Analysis sections that reported a structured error, by section and code',
  labelNames: ['metric', 'section', 'code'],
  registers: [registry],
});

export const publishLatency = new Histogram({
  name: 'vigil_pipeline_publish_latency_seconds',
  help: 'Latency of one Kafka send (acks=all) of a batch of analysis messages',
  buckets,
  registers: [registry],
});

export const pipelineFailures = new Counter({
  name: 'vigil_pipeline_failures_total',
  help: 'Failed pipeline stage attempts (the activity is retried by Temporal)',
  labelNames: ['metric', 'stage'],
  registers: [registry],
});

export const gridKernelInfo = new Gauge({
  name: 'vigil_analysis_grid_kernel_info',
  help: "The Holt-Winters grid kernel this process runs (1 on the running one's labels): native, wasm or js",
  labelNames: ['kernel', 'isa'],
  registers: [registry],
});
